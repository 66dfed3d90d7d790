package vn.gov.noivu.pakn.search;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.testsupport.ElasticsearchResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/search, /search.csv, /search/similar and /trends over real Elasticsearch, fed through real Kafka. */
@QuarkusTest
@QuarkusTestResource(value = ElasticsearchResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTest {

    static final Duration MAX = Duration.ofSeconds(60);
    /** A token no other test uses, so each query sees only this class's cases. */
    final String marker = "kt" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    final String topic = "TX" + marker;
    final LabelledCorpus.Commune hanoi = LabelledCorpus.COMMUNES.get(0);   // province 1
    final LabelledCorpus.Commune caoBang = LabelledCorpus.COMMUNES.get(1); // province 4

    TestEvents.Submission procedure;
    TestEvents.Submission seal;
    TestEvents.Submission staffing;
    TestEvents.Submission unaccented;
    TestEvents.Submission hostile;
    final List<String> paged = new ArrayList<>();
    String pagingMarker;

    @BeforeAll
    void publishCases() {
        Instant base = Instant.parse("2026-03-02T02:00:00Z");
        pagingMarker = marker + "p";
        procedure = TestEvents.Submission.of(hanoi, topic, "Thủ tục đăng ký hộ tịch còn chậm",
                "Người dân phản ánh thủ tục đăng ký khai sinh kéo dài. " + marker).at(base);
        seal = TestEvents.Submission.of(caoBang, topic, "Đăng ký mẫu con dấu mới cho phường",
                "Chưa đăng ký được mẫu con dấu. " + marker).at(base.plus(Duration.ofDays(1)));
        staffing = TestEvents.Submission.of(caoBang, topic, "Biên chế công chức sau sắp xếp",
                "Thiếu biên chế ở bộ phận một cửa. " + marker).at(base.plus(Duration.ofDays(20)));
        unaccented = TestEvents.Submission.of(hanoi, topic, "De nghi huong dan thu tuc chung thuc",
                "Go khong dau tu dien thoai. " + marker).at(base.plus(Duration.ofDays(2)));
        hostile = TestEvents.Submission.of(hanoi, topic, "<script>alert('x')</script> Thủ tục <b>in đậm</b>",
                "<img src=x onerror=alert(1)> " + marker).at(base.plus(Duration.ofDays(3)));
        for (TestEvents.Submission s : List.of(procedure, seal, staffing, unaccented, hostile)) {
            TestEvents.publish(TestEvents.submitted(s, 1));
        }
        // procedure: answered and closed; seal: overdue and handed over; staffing: escalated
        TestEvents.publish(TestEvents.triage(CaseEventType.ANSWERED, procedure, 1, CaseStatus.ANSWERED, SlaState.STOPPED, 0, 0,
                "Bộ đã hướng dẫn: thủ tục đăng ký khai sinh giải quyết trong ngày."));
        TestEvents.publish(TestEvents.triage(CaseEventType.SLA_OVERDUE, seal, 1, CaseStatus.CLAIMED, SlaState.OVERDUE, 2, 0, null));
        TestEvents.publish(TestEvents.triage(CaseEventType.ESCALATED, staffing, 1, CaseStatus.ESCALATED, SlaState.ON_TRACK, 0, 1, null));

        for (int i = 0; i < 25; i++) {
            TestEvents.Submission s = TestEvents.Submission.of(LabelledCorpus.COMMUNES.get(i % 12), "T12",
                    "Hồ sơ phân trang số " + i, "Nội dung " + pagingMarker).at(base.plus(Duration.ofMinutes(i)));
            paged.add(s.caseId());
            TestEvents.publish(TestEvents.submitted(s, 1));
        }
    }

    private boolean indexed;

    /** Waits once until the cases of @BeforeAll are searchable (REST Assured is configured only per test). */
    @org.junit.jupiter.api.BeforeEach
    void ready() {
        if (!indexed) {
            TestEvents.await("all cases searchable", MAX, () -> ids(TestTokens.leader(), Map.of("q", marker)).size() == 5
                    && ids(TestTokens.leader(), Map.of("q", pagingMarker, "size", "100")).size() == 25
                    && "ANSWERED".equals(search(TestTokens.leader(), Map.of("q", "+" + marker + " khai sinh")).getString("items[0].status"))
                    && ids(TestTokens.leader(), Map.of("q", marker, "status", "ESCALATED")).size() == 1
                    && ids(TestTokens.leader(), Map.of("q", marker, "overdue", "true")).size() == 1);
            indexed = true;
        }
    }

    static JsonPath search(String token, Map<String, ?> params) {
        return given().auth().oauth2(token).queryParams(params).get("/api/v1/search").then().statusCode(200)
                .extract().jsonPath();
    }

    static Set<String> ids(String token, Map<String, ?> params) {
        return new HashSet<>(search(token, params).getList("items.caseId", String.class));
    }

    Set<String> leaderIds(String q) {
        // +marker: only this class's cases (other words are ranked partial matching)
        return ids(TestTokens.leader(), Map.of("q", q + " +" + marker));
    }

    @Test
    void diacriticInsensitiveBothWays() {
        // unaccented query finds accented text
        assertEquals(Set.of(procedure.caseId(), unaccented.caseId(), hostile.caseId()), leaderIds("thu tuc"));
        // accented query finds unaccented text
        assertEquals(Set.of(procedure.caseId(), unaccented.caseId(), hostile.caseId()), leaderIds("thủ tục"));
        assertEquals(Set.of(procedure.caseId(), seal.caseId()), leaderIds("dang ky"));
        assertEquals(Set.of(procedure.caseId(), seal.caseId()), leaderIds("đăng ký"));
        assertEquals(Set.of(procedure.caseId(), seal.caseId()), leaderIds("ĐĂNG KÝ"));
        assertEquals(Set.of(unaccented.caseId()), leaderIds("chứng thực"));
        assertEquals(Set.of(staffing.caseId()), leaderIds("bien che"));
        assertEquals(Set.of(), leaderIds("tuyển dụng"));
        // decomposed (NFD) input is normalised before querying
        assertEquals(Set.of(procedure.caseId(), seal.caseId()),
                leaderIds(java.text.Normalizer.normalize("đăng ký", java.text.Normalizer.Form.NFD)));
    }

    @Test
    void rankedPartialMatchingAbbreviationsStrictPartsAndCodes() {
        String m = marker + "r";
        TestEvents.Submission abbreviated = TestEvents.Submission.of(hanoi, topic, "UBND xã chưa có con dấu mới",
                "Xã thừa cán bộ văn phòng, thiếu địa chính. " + m);
        TestEvents.Submission spelled = TestEvents.Submission.of(caoBang, topic, "Ủy ban nhân dân phường chờ khắc dấu",
                "Phường mới chưa được cấp con dấu. " + m);
        TestEvents.Submission desk = TestEvents.Submission.of(hanoi, topic, "Thiết bị bộ phận một cửa hỏng",
                "Máy tính một cửa cũ. " + m);
        for (TestEvents.Submission s : List.of(abbreviated, spelled, desk)) {
            TestEvents.publish(TestEvents.submitted(s, 1));
        }
        TestEvents.await("ranked cases searchable", MAX, () -> ids(TestTokens.leader(), Map.of("q", m)).size() == 3);
        java.util.function.Function<String, List<String>> ranked = q -> search(TestTokens.leader(),
                Map.of("q", q + " +" + m)).getList("items.caseId", String.class);
        // a syllable of the query missing from the case ("nơi") no longer hides it; every-word cases rank first
        assertEquals(List.of(abbreviated.caseId()), ranked.apply("nơi thừa nơi thiếu"));
        // abbreviations match their full forms both ways
        assertEquals(Set.of(abbreviated.caseId(), spelled.caseId()), new HashSet<>(ranked.apply("ủy ban nhân dân")));
        assertEquals(Set.of(abbreviated.caseId(), spelled.caseId()), new HashSet<>(ranked.apply("UBND")));
        assertEquals(Set.of(abbreviated.caseId(), spelled.caseId()), new HashSet<>(ranked.apply("uy ban nhan dan con dau")));
        // strict only where asked: quotes and + must match, - must not
        assertEquals(List.of(desk.caseId()), ranked.apply("\"một cửa\""));
        assertEquals(List.of(abbreviated.caseId()), ranked.apply("con dấu -phường"));
        assertEquals(List.of(), ranked.apply("con dấu -UBND")); // excludes the full form too
        assertEquals(List.of(), ranked.apply("+tuyển con dấu"));
        // a case code in any spelling finds its case first (other words only rank)
        String lower = spelled.code().toLowerCase(java.util.Locale.ROOT);
        for (String typed : List.of(spelled.code(), lower, lower.replace("-", ""), "con dấu " + spelled.code())) {
            assertEquals(spelled.caseId(), search(TestTokens.leader(), Map.of("q", typed)).getString("items[0].caseId"),
                    typed);
        }
    }

    @Test
    void facetsAndFilters() {
        JsonPath r = search(TestTokens.leader(), Map.of("q", marker));
        assertEquals(5, r.getInt("total"));
        assertEquals("eq", r.getString("totalRelation"), "5 cases are counted exactly");
        assertEquals(Boolean.FALSE, r.get("facetsApproximate"));
        assertNull(r.get("totalEstimate"));
        assertEquals(3, facetCount(r, "province", "1"));
        assertEquals(2, facetCount(r, "province", "4"));
        assertEquals("Thành phố Hà Nội", r.getString("facets.province.find { it.key == '1' }.label"));
        assertEquals(5, facetCount(r, "topic", topic));
        assertEquals(2, facetCount(r, "status", "SUBMITTED"));
        assertEquals("Đã trả lời", r.getString("facets.status.find { it.key == 'ANSWERED' }.label"));
        assertEquals(1, facetCount(r, "overdue", "true"));

        String leader = TestTokens.leader();
        assertEquals(Set.of(seal.caseId(), staffing.caseId()), ids(leader, Map.of("q", marker, "province", "4")));
        assertEquals(Set.of(seal.caseId()), ids(leader, Map.of("q", marker, "overdue", "true")));
        assertEquals(Set.of(procedure.caseId(), staffing.caseId()),
                ids(leader, Map.of("q", marker, "status", List.of("ANSWERED", "ESCALATED"))));
        assertEquals(Set.of(seal.caseId(), unaccented.caseId(), hostile.caseId()),
                ids(leader, Map.of("q", marker, "from", "2026-03-03", "to", "2026-03-05")));
        assertEquals(Set.of(seal.caseId()), ids(leader, Map.of("q", marker, "liaison", "liaison-4",
                "status", "CLAIMED")));
        assertEquals(Set.of(procedure.caseId(), staffing.caseId(), seal.caseId()),
                ids(leader, Map.of("q", marker, "authority", "MINISTRY")));
        // sorting by date, newest first, without a query
        List<String> newest = search(leader, Map.of("topic", topic, "sort", "newest")).getList("items.caseId");
        assertEquals(List.of(staffing.caseId(), hostile.caseId(), unaccented.caseId(), seal.caseId(), procedure.caseId()),
                newest);
    }

    @jakarta.inject.Inject
    vn.gov.noivu.pakn.search.query.SearchService service;

    @Test
    void facetsAreExactUpToTheCountBoundOnAnIndexLargeEnoughToBeSampled() {
        // facetSample 1: the index counts as large (facets would be sampled beyond the bound); 5 matches ≤ 10: exact
        var before = service.limits(new vn.gov.noivu.pakn.search.query.SearchService.Limits(10, 1, 1_000_000));
        try {
            JsonPath r = search(TestTokens.leader(), Map.of("q", marker));
            assertEquals(5, r.getInt("total"));
            assertEquals("eq", r.getString("totalRelation"));
            assertEquals(Boolean.FALSE, r.get("facetsApproximate"));
            assertEquals(3, facetCount(r, "province", "1"));
            assertEquals(2, facetCount(r, "province", "4"));
            assertEquals(5, facetCount(r, "topic", topic));
        } finally {
            service.limits(before);
        }
    }

    @Test
    void beyondTheCountBoundTheTotalIsALowerBoundAndFacetsAreEstimatedFromASample() {
        // the 25 paging cases, counted up to 10; facets sampled (the first probability, 1 / cases in the index, holds
        // fewer than a million matches, so the sample is drawn again with the highest probability, 0.5)
        var before = service.limits(new vn.gov.noivu.pakn.search.query.SearchService.Limits(10, 1, 1_000_000));
        try {
            JsonPath r = search(TestTokens.leader(), Map.of("q", pagingMarker));
            assertEquals(10, r.getInt("total"));
            assertEquals("gte", r.getString("totalRelation"));
            assertEquals(20, r.getList("items").size());
            assertEquals(Boolean.TRUE, r.get("facetsApproximate"));
            List<Integer> statuses = r.getList("facets.status.count", Integer.class);
            // each sampled case counts 1 / 0.5 = 2 (Elasticsearch scales the sample's counts)
            assertTrue(statuses.stream().allMatch(n -> n % 2 == 0), "scaled counts: " + statuses);
            int sampled = statuses.stream().mapToInt(Integer::intValue).sum(); // every case has one status
            assertTrue(sampled > 0 && sampled <= 50, "a sample of the 25 matches, scaled: " + sampled);
            // the estimate is the sample scaled, never below what was counted
            assertEquals(Math.max(10, sampled), r.getLong("totalEstimate"));
            // names come from FacetLabels: every province key shown has its official name
            for (String label : r.getList("facets.province.label", String.class)) {
                assertTrue(LabelledCorpus.COMMUNES.stream().anyMatch(c -> c.provinceName().equals(label)), label);
            }
            // a page after a cursor has neither total nor facets
            JsonPath next = given().auth().oauth2(TestTokens.leader()).queryParam("q", pagingMarker)
                    .queryParam("after", r.getString("nextCursor")).get("/api/v1/search").then().statusCode(200)
                    .extract().jsonPath();
            assertNull(next.get("total"));
            assertNull(next.get("facets"));
            assertEquals(5, next.getList("items").size());
        } finally {
            service.limits(before);
        }
    }

    static int facetCount(JsonPath r, String facet, String key) {
        Integer c = r.getInt("facets." + facet + ".find { it.key == '" + key + "' }.count");
        return c == null ? 0 : c;
    }

    @Test
    void highlightsEscapeUserTextAndMarkHits() {
        JsonPath r = search(TestTokens.leader(), Map.of("q", "thu tuc +" + marker, "sort", "newest"));
        String html = r.getString("items.find { it.caseId == '" + hostile.caseId() + "' }.titleHtml");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
        assertTrue(html.contains("<em>Thủ</em> <em>tục</em>") || html.contains("<em>Thủ tục</em>"), html);
        assertFalse(html.replace("<em>", "").replace("</em>", "").contains("<"), html);
        String excerpt = r.getString("items.find { it.caseId == '" + hostile.caseId() + "' }.excerptHtml");
        assertFalse(excerpt.contains("<img"), excerpt);
    }

    @Test
    void deepPagingWithSearchAfter() {
        String q = marker + "p";
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = given().auth().oauth2(TestTokens.leader()).queryParam("q", q).queryParam("size", 10)
                    .queryParam("sort", "newest");
            if (cursor != null) {
                req.queryParam("after", cursor);
            }
            JsonPath p = req.get("/api/v1/search").then().statusCode(200).extract().jsonPath();
            if (cursor == null) {
                assertEquals(25, p.getInt("total"));
            } else {
                // a page after a cursor counts nothing and has no facets
                assertNull(p.get("total"), "no total after a cursor");
                assertNull(p.get("facets"), "no facets after a cursor");
            }
            List<String> ids = p.getList("items.caseId");
            ids.forEach(id -> assertTrue(seen.add(id), "no case twice: " + id));
            cursor = p.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(new HashSet<>(paged), seen);
        // page numbers also work for shallow pages
        assertEquals(5, search(TestTokens.leader(), Map.of("q", q, "size", "10", "page", "3")).getList("items").size());
        given().auth().oauth2(TestTokens.leader()).queryParam("after", "not-a-cursor").get("/api/v1/search")
                .then().statusCode(400).contentType("application/problem+json");
        // ranked by relevance (rescore window: no tie-breakers, so the cursor is the next offset): every case once
        Set<String> ranked = new HashSet<>();
        cursor = null;
        pages = 0;
        do {
            var req = given().auth().oauth2(TestTokens.leader()).queryParam("q", q).queryParam("size", 10);
            if (cursor != null) {
                req.queryParam("after", cursor);
            }
            JsonPath p = req.get("/api/v1/search").then().statusCode(200).extract().jsonPath();
            p.getList("items.caseId", String.class).forEach(id -> assertTrue(ranked.add(id), "no case twice: " + id));
            cursor = p.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(new HashSet<>(paged), ranked);
        String negative = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"from\":-1}".getBytes());
        given().auth().oauth2(TestTokens.leader()).queryParam("q", q).queryParam("after", negative)
                .get("/api/v1/search").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.leader()).queryParam("size", "0").get("/api/v1/search").then().statusCode(422);
        given().queryParam("q", "x").get("/api/v1/search").then().statusCode(401);
    }

    @Test
    void scopeLiaisonSeesOnlyOwnProvinces() {
        Set<String> p1 = ids(TestTokens.liaison(1), Map.of("q", marker));
        assertEquals(Set.of(procedure.caseId(), unaccented.caseId(), hostile.caseId()), p1);
        Set<String> p4 = ids(TestTokens.liaison(4), Map.of("q", marker));
        assertEquals(Set.of(seal.caseId(), staffing.caseId()), p4);
        // asking for another province's filter does not widen the scope
        assertEquals(Set.of(), ids(TestTokens.liaison(1), Map.of("q", marker, "province", "4")));
        JsonPath r = search(TestTokens.liaison(1), Map.of("q", marker));
        assertNull(r.get("facets.province.find { it.key == '4' }"));
    }

    @Test
    void scopeCommuneSeesOnlyPublishedAnswersAnonymised() {
        JsonPath r = search(TestTokens.communeOfficial(31825), Map.of("q", marker));
        assertEquals(List.of(procedure.caseId()), r.getList("items.caseId"));
        assertNull(r.get("items[0].provinceName"));
        assertNull(r.get("items[0].communeName"));
        assertNull(r.get("items[0].liaisonName"));
        assertTrue(r.getString("items[0].answerExcerpt").contains("giải quyết trong ngày"));
        assertNull(r.get("facets.province"));
        assertNull(r.get("facets.commune"));
        // analyses are not for communes
        given().auth().oauth2(TestTokens.communeOfficial(31825)).get("/api/v1/recurring-issues").then().statusCode(403);
        given().auth().oauth2(TestTokens.communeOfficial(31825)).get("/api/v1/trends").then().statusCode(403);
    }

    @Test
    void csvExportWithBomInBothForms() {
        for (Response resp : List.of(
                given().auth().oauth2(TestTokens.leader()).accept("text/csv").queryParam("q", marker).get("/api/v1/search"),
                given().auth().oauth2(TestTokens.leader()).queryParam("q", marker).get("/api/v1/search.csv"))) {
            assertEquals(200, resp.statusCode());
            assertTrue(resp.contentType().startsWith("text/csv"), resp.contentType());
            byte[] bytes = resp.asByteArray();
            assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(bytes, 3));
            String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
            String[] lines = csv.split("\r\n");
            assertEquals(6, lines.length, csv);
            assertTrue(lines[0].startsWith("\"Mã hồ sơ\",\"Tiêu đề\""), lines[0]);
            assertTrue(csv.contains("\"Thủ tục đăng ký hộ tịch còn chậm\""), csv);
            assertTrue(csv.contains("\"Thành phố Hà Nội\""), csv);
        }
        // the commune's export has no places
        String communeCsv = given().auth().oauth2(TestTokens.communeOfficial(4)).queryParam("q", marker)
                .get("/api/v1/search.csv").then().statusCode(200).extract().asString();
        assertFalse(communeCsv.contains("Hà Nội"), communeCsv);
        assertEquals(2, communeCsv.split("\r\n").length);
    }

    @Test
    void similarToADraft() {
        JsonPath r = given().auth().oauth2(TestTokens.communeOfficial(4))
                .queryParam("text", "Xin hỏi về thủ tục đăng ký khai sinh bị kéo dài " + marker).queryParam("limit", 3)
                .get("/api/v1/search/similar").then().statusCode(200).extract().jsonPath();
        assertEquals(procedure.caseId(), r.getString("items[0].caseId"));
        assertTrue(r.getBoolean("items[0].answered"));
        assertTrue(r.getString("items[0].answerExcerpt").contains("giải quyết trong ngày"));
        assertNull(r.get("items[0].provinceName"));
        assertNull(r.get("items[0].communeName"));
        given().auth().oauth2(TestTokens.leader()).queryParam("text", " ").get("/api/v1/search/similar")
                .then().statusCode(422);
    }

    @Test
    void trendsAndSlaPicture() {
        JsonPath t = given().auth().oauth2(TestTokens.leader()).queryParam("topic", topic)
                .queryParam("from", "2026-02-23").queryParam("to", "2026-03-29").queryParam("interval", "week")
                .get("/api/v1/trends").then().statusCode(200).extract().jsonPath();
        assertEquals(5, t.getInt("total"));
        assertEquals(1, t.getInt("sla.overdue"));
        assertEquals(1, t.getInt("sla.bounced"));
        assertEquals(1, t.getInt("sla.escalated"));
        assertEquals(1, t.getInt("sla.answered"));
        assertEquals(5, t.getInt("sla.open"));
        List<Integer> weekly = t.getList("overall.count", Integer.class);
        assertEquals(List.of(0, 4, 0, 1, 0), weekly, "weeks from 23 Feb to 23 March 2026, empty ones included");
        assertEquals(5, t.getInt("byTopic[0].total"));
        assertEquals(3, t.getInt("byProvince.find { it.code == '1' }.total"));
        given().auth().oauth2(TestTokens.liaison(4)).queryParam("topic", topic).queryParam("from", "2026-02-23")
                .queryParam("to", "2026-03-29").get("/api/v1/trends").then().statusCode(200).body("total", equalTo(2));
    }
}
