package vn.gov.noivu.pakn.search;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import vn.gov.noivu.pakn.contract.Identity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.testsupport.ElasticsearchResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The labelled evaluation set ({@link GroupingSet}) goes the production way: case events into Kafka, the consumer
 * indexes them into Elasticsearch and the assigner puts each case into a recurring issue. Then the issues are read
 * back through GET /api/v1/recurring-issues (an aggregation over the cases' recurringIssueId) and scored pairwise
 * against the labels (NONE cases each their own problem). Precision and recall are printed, and the test fails when
 * they drop below the figures this implementation reaches (see docs/recurring-issues.md).
 */
@QuarkusTest
@QuarkusTestResource(value = ElasticsearchResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecurringIssuesTest {

    /**
     * Just under the worst figures reached after one repair pass on evaluation/cases.jsonl end to end (2026-12-03,
     * with the synonym/paraphrase table; three runs: file order P 0.805 R 0.565, 0.822 / 0.733, 0.821 / 0.720, seed 2
     * P 0.899 R 0.565, 0.889 / 0.558, 0.898 / 0.558; the in-memory replay of five orders: worst 0.895 / 0.715). Recall
     * moves a lot between runs (batch timing: early cases are assigned with the IDF of a nearly empty index), so the
     * recall floor sits under the worse run: the test fails when grouping gets worse than both. Raised from 0.78 / 0.52
     * with the repair's step for cases left alone (2026-12-03, two runs: file order 0.825 / 0.642 and 0.883 / 0.634,
     * seed 2 0.890 / 0.629 and 0.899 / 0.650; replay worst 0.887 / 0.739). See "Why recall is low" in
     * docs/recurring-issues.md. The recall floor rose from 0.60 to 0.66 with the scaled document frequencies and the
     * thresholds chosen again with them (2026-12-03, four runs of the defaults after one repair: file order 0.835 /
     * 0.753, 0.827 / 0.755, 0.826 / 0.749, 0.829 / 0.740, seed 2 0.851 / 0.712, 0.875 / 0.729, 0.864 / 0.719, 0.816 /
     * 0.733), and fell back to 0.60 when those settings were turned off again (they left 16 identical cases in 16
     * issues in LeaderUiBrowserTest, see SearchConfig.Recurring#scaleDeletedDf), and rose to 0.66 again when they were
     * turned on with the live cases near the cut counted (three runs: file order 0.860 / 0.699, 0.883 / 0.727, 0.884 /
     * 0.723, seed 2 0.902 / 0.733, 0.901 / 0.739, 0.892 / 0.733); the precision floor
     * stays 0.80 (a run with the geometric merge bound on fell to 0.736, see "Thresholds chosen again with the scaled
     * statistics"). With -Dpakn.eval.set=corpus pass lower/higher bounds as properties.
     */
    static final double MIN_PRECISION = Double.parseDouble(System.getProperty("pakn.eval.min-precision", "0.80"));
    static final double MIN_RECALL = Double.parseDouble(System.getProperty("pakn.eval.min-recall", "0.66"));

    /**
     * The set lives in a window picked at random between 1950 and 2010, where no other test writes (the test node
     * keeps its data between runs, so each run needs its own window).
     */
    static final Instant START = Instant.parse("1950-01-02T01:00:00Z")
            .plus(Duration.ofDays(java.util.concurrent.ThreadLocalRandom.current().nextInt(0, 60 * 365)));
    static final Map<String, ?> WINDOW = Map.of(
            "from", START.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(1).toString(),
            "to", START.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(400).toString());

    /** The second arrival order (a shuffle of the set with this seed): -Dpakn.eval.seed=… tries another. */
    static final long SECOND_ORDER_SEED = Long.getLong("pakn.eval.seed", 2);

    @jakarta.inject.Inject
    vn.gov.noivu.pakn.search.issues.RecurringIssueAssigner assigner;

    @jakarta.inject.Inject
    vn.gov.noivu.pakn.search.issues.IssueStore store;

    GroupingSet.Set set;
    final Map<String, String> labelOf = new HashMap<>();
    final Map<String, Integer> provinceOf = new HashMap<>();
    final List<TestEvents.Submission> cases = new ArrayList<>();

    @jakarta.inject.Inject
    vn.gov.noivu.pakn.search.issues.EsJson es;

    @jakarta.inject.Inject
    vn.gov.noivu.pakn.search.issues.IssueMaintenance maintenance;

    @jakarta.inject.Inject
    vn.gov.noivu.pakn.search.config.SearchConfig config;

    /**
     * The private test node keeps its data between runs: copies of this set from earlier runs (in other windows before
     * 2011) would draw the new cases into their old issues (same texts) and double the document frequencies. They are
     * removed first, with their issue records; one repair pass then deletes any issue left without members.
     */
    void forgetEarlierRuns() {
        String alias = "/" + config.index().alias();
        var range = Map.of("range", Map.of("submittedAt", Map.of("lt", "2011-01-01T00:00:00Z")));
        var agg = es.ok("POST", alias + "/_search", Map.of("size", 0, "query", range,
                "aggs", Map.of("i", Map.of("terms", Map.of("field", "recurringIssueId", "size", 10000)))));
        List<String> old = new ArrayList<>();
        agg.path("aggregations").path("i").path("buckets").forEach(b -> old.add(b.path("key").asText()));
        // no _delete_by_query on the local node (no reindex module): ids, then one delete each
        var hits = es.ok("POST", alias + "/_search", Map.of("size", 10000, "_source", false, "query", range));
        int cases = 0;
        for (var h : hits.path("hits").path("hits")) {
            es.call("DELETE", "/" + h.path("_index").asText() + "/_doc/"
                    + java.net.URLEncoder.encode(h.path("_id").asText(), java.nio.charset.StandardCharsets.UTF_8), null);
            cases++;
        }
        es.call("POST", alias + "/_refresh", null);
        old.forEach(store::delete);
        store.refresh();
        maintenance.run(Duration.ZERO);
        if (cases > 0) {
            System.out.printf("[recurring] removed %d cases and %d issues of earlier runs of this set%n", cases, old.size());
        }
    }

    @BeforeAll
    void publishSet() {
        forgetEarlierRuns();
        set = GroupingSet.load();
        for (int i = 0; i < set.cases().size(); i++) {
            GroupingSet.Case c = set.cases().get(i);
            LabelledCorpus.Commune commune = c.commune() == null
                    ? LabelledCorpus.COMMUNES.get(i % LabelledCorpus.COMMUNES.size())
                    : LabelledCorpus.official(c.commune());
            TestEvents.Submission s = TestEvents.Submission.of(commune, c.topic(), c.title(), c.description())
                    .at(START.plus(Duration.ofHours(13L * i)));
            cases.add(s);
            labelOf.put(s.caseId(), c.label());
            provinceOf.put(s.caseId(), commune.provinceCode());
            TestEvents.publish(TestEvents.submitted(s, 1));
        }
        TestEvents.Submission answered = cases.get(6);
        TestEvents.publish(TestEvents.triage(CaseEventType.ANSWERED, answered, 1, CaseStatus.ANSWERED,
                SlaState.STOPPED, 0, 0, "Bộ đã có văn bản hướng dẫn."));
    }

    private boolean assigned;

    /** Waits once until every case of the set is indexed and in an issue (REST Assured is configured per test). */
    @BeforeEach
    void ready() {
        if (!assigned) {
            long t0 = System.nanoTime();
            TestEvents.await("every case assigned", Duration.ofSeconds(600), () -> listing(1, 1).getInt("candidates")
                    == labelOf.size());
            System.out.printf("[recurring] %d cases indexed and assigned %.1f s after publishing began%n",
                    labelOf.size(), (System.nanoTime() - t0) / 1e9);
            assigned = true;
        }
    }

    JsonPath listing(int page, int minSize) {
        return given().auth().oauth2(TestTokens.leader()).queryParams(WINDOW).queryParam("minSize", minSize)
                .queryParam("size", 200).queryParam("page", page).get("/api/v1/recurring-issues").then()
                .statusCode(200).extract().jsonPath();
    }

    /** Every issue with its members in the window (singletons included), through the API's pages. */
    List<Set<String>> predicted() {
        List<Set<String>> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonPath r = listing(page, 1);
            List<Map<String, Object>> groups = r.getList("groups");
            for (Map<String, Object> g : groups) {
                @SuppressWarnings("unchecked")
                List<String> ids = (List<String>) g.get("caseIds");
                out.add(new HashSet<>(ids));
            }
            if (groups.isEmpty() || page * 200 >= r.getInt("total")) {
                return out;
            }
        }
    }

    /** Scores of one arrival order: as assigned at indexing, and after one repair pass. */
    record Measured(String order, LabelledCorpus.Score assigned, LabelledCorpus.Score repaired) {
    }

    /**
     * The set arrives in two orders: first the file's (shuffled ids) through Kafka as published, then, with the same
     * index (same IDF), every case assigned again from scratch in the order of seed {@link #SECOND_ORDER_SEED}. Each
     * is scored as assigned and after one pass of the periodic repair (what leaders see once the job ran); both are
     * printed and both must stay above the floors.
     */
    @Test
    @Order(1)
    void groupingMatchesTheLabels() {
        Measured first = measure("file order, through Kafka");
        // the same cases in another order: the old issues go, every case is assigned again in the seed's order
        for (Set<String> g : predicted()) {
            for (String caseId : g) {
                issueIdOf(caseId).ifPresent(store::delete);
            }
        }
        store.refresh();
        List<String> order = new ArrayList<>(cases.stream().map(TestEvents.Submission::caseId).toList());
        java.util.Collections.shuffle(order, new java.util.Random(SECOND_ORDER_SEED));
        assigner.reassign(order);
        TestEvents.await("every case assigned again", Duration.ofSeconds(60),
                () -> listing(1, 1).getInt("candidates") == labelOf.size());
        Measured second = measure("seed " + SECOND_ORDER_SEED + ", assigned again in that order");
        for (Measured m : List.of(first, second)) {
            System.out.printf("[recurring] %s | %s: as assigned P %.3f R %.3f; after one repair P %.3f R %.3f%n",
                    set.name(), m.order(), m.assigned().precision(), m.assigned().recall(), m.repaired().precision(),
                    m.repaired().recall());
        }
        for (Measured m : List.of(first, second)) {
            assertTrue(m.repaired().precision() >= MIN_PRECISION, m.order() + ": precision " + m.repaired());
            assertTrue(m.repaired().recall() >= MIN_RECALL, m.order() + ": recall " + m.repaired());
        }
    }

    @jakarta.inject.Inject
    vn.gov.noivu.pakn.search.issues.TermStatistics statistics;

    /**
     * The term-statistics cache asks Elasticsearch only for the features it lacks, with an artificial document made of
     * those features alone (a pair as its two words side by side). Every feature of the set must get, in each field
     * (title, description), the df its case's whole text gives it there (read twice around it: a df that changed
     * meanwhile, a case re-indexed by the assigner or the repair, is not compared).
     */
    @Test
    @Order(2)
    void theFeaturesAloneGiveTheStatisticsOfTheWholeText() {
        List<vn.gov.noivu.pakn.search.issues.IssueVectors.Text> texts = set.cases().stream()
                .map(c -> new vn.gov.noivu.pakn.search.issues.IssueVectors.Text(c.id(), c.title(), c.description(), c.topic()))
                .toList();
        List<Set<String>> titles = texts.stream()
                .map(t -> vn.gov.noivu.pakn.search.issues.TextClusterer.features(t.title()).keySet()).toList();
        List<Set<String>> descriptions = texts.stream()
                .map(t -> vn.gov.noivu.pakn.search.issues.TextClusterer.features(t.description()).keySet()).toList();
        Map<String, Long> before = new HashMap<>();
        statistics.ofTexts(texts, titles, descriptions).forEach(d -> before.putAll(d.df()));
        Set<String> features = new HashSet<>();
        before.keySet().forEach(k -> features.add(k.substring(2)));
        var alone = statistics.ofFeatures(features);
        Map<String, Long> after = new HashMap<>();
        statistics.ofTexts(texts, titles, descriptions).forEach(d -> after.putAll(d.df()));
        Map<String, String> differ = new java.util.TreeMap<>();
        int compared = 0;
        for (var e : before.entrySet()) {
            if (e.getValue().equals(after.get(e.getKey()))) {
                compared++;
                if (!e.getValue().equals(alone.df().get(e.getKey()))) {
                    differ.put(e.getKey(), e.getValue() + " vs " + alone.df().get(e.getKey()));
                }
            }
        }
        System.out.printf("[recurring] term statistics of %d features in %d fields (%d stable): %d differ with the features alone %s%n",
                features.size(), before.size(), compared, differ.size(), differ.size() > 20 ? "" : differ);
        assertTrue(compared > before.size() / 2, "most features kept their df: " + compared + " of " + before.size());
        assertEquals(Map.of(), differ);
    }

    private java.util.Optional<String> issueIdOf(String caseId) {
        return java.util.Optional.ofNullable(assigner.readCases(List.of(caseId)).get(caseId))
                .map(c -> c.doc().recurringIssueId);
    }

    private Measured measure(String order) {
        List<Set<String>> predicted = predicted();
        LabelledCorpus.Score assigned = LabelledCorpus.score(labelOf, predicted);
        long multi = predicted.stream().filter(g -> g.size() >= 2).count();
        System.out.printf("[recurring] %s (%s), as assigned at indexing: %d cases, %d issues of 2+ cases, %d single: %s%n",
                set.name(), order, labelOf.size(), multi, predicted.size() - multi, assigned);
        System.out.printf("[recurring] %s (%s), as assigned: %s%n", set.name(), order,
                LabelledCorpus.split(labelOf, predicted));
        // one pass of the periodic repair, then score again (what leaders see after the job ran)
        // the pass is one synchronous request; its Elasticsearch requests are batched per neighbourhood of issues (it
        // prints its duration and request count): on a quiet machine well under the default quarkus.http.test-timeout
        // (30 s); at a load average of 36 (other builds on the 2 cores) it took longer, so this request waits 120 s
        String pass = given()
                .config(io.restassured.RestAssured.config().httpClient(io.restassured.config.HttpClientConfig
                        .httpClientConfig().setParam("http.socket.timeout", 120_000)))
                .auth().oauth2(TestTokens.admin()).post("/api/v1/admin/recurring-issues/repair").then()
                .statusCode(200).extract().asString();
        TestEvents.await("repair visible", Duration.ofSeconds(30), () -> listing(1, 1).getInt("candidates") == labelOf.size());
        try {
            Thread.sleep(1500); // refresh interval: the moved cases become visible to aggregations
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        predicted = predicted();
        for (Set<String> g : predicted) {
            if (g.size() > 1) {
                Map<String, Integer> labels = new java.util.TreeMap<>();
                g.forEach(id -> labels.merge(labelOf.get(id), 1, Integer::sum));
                System.out.println("[recurring] issue: " + labels);
            }
        }
        diagnose(order, predicted);
        LabelledCorpus.Score repaired = LabelledCorpus.score(labelOf, predicted);
        multi = predicted.stream().filter(g -> g.size() >= 2).count();
        System.out.printf("[recurring] %s (%s), after one repair pass %s: %d issues of 2+ cases, %d single: %s%n",
                set.name(), order, pass, multi, predicted.size() - multi, repaired);
        System.out.printf("[recurring] %s (%s), after one repair pass: %s%n", set.name(), order,
                LabelledCorpus.split(labelOf, predicted));
        return new Measured(order, assigned, repaired);
    }

    @jakarta.inject.Inject
    vn.gov.noivu.pakn.search.issues.IssueVectors vectors;

    /** Problem by problem, why the grouping after the repair misses pairs or joins wrong ones ({@link GroupingDiagnosis}). */
    private void diagnose(String order, List<Set<String>> predicted) {
        var texts = cases.stream().filter(s -> labelOf.containsKey(s.caseId()))
                .map(s -> new vn.gov.noivu.pakn.search.issues.IssueVectors.Text(s.caseId(), s.title(), s.description(),
                        s.topic()))
                .toList();
        for (String line : GroupingDiagnosis.report(labelOf, predicted, vectors.vectors(texts), maintenance.params())) {
            System.out.printf("[diagnosis] %s | %s%n", order, line);
        }
    }

    @Test
    @Order(4)
    void aNewCaseIsAssignedWithinMoments() {
        GroupingSet.Case like = set.cases().get(0);
        TestEvents.Submission s = TestEvents.Submission.of(LabelledCorpus.COMMUNES.get(0), like.topic(), like.title(),
                like.description()).at(START.plus(Duration.ofDays(390)));
        provinceOf.put(s.caseId(), s.commune().provinceCode());
        long t0 = System.nanoTime();
        TestEvents.publish(TestEvents.submitted(s, 1));
        TestEvents.await("new case assigned", Duration.ofSeconds(30), () -> given().auth().oauth2(TestTokens.leader())
                .queryParams(WINDOW).queryParam("minSize", 1).queryParam("size", 1).get("/api/v1/recurring-issues")
                .then().extract().jsonPath().getInt("candidates") == labelOf.size() + 1);
        System.out.printf("[recurring] a new case was in its issue (and searchable) %.0f ms after publishing%n",
                (System.nanoTime() - t0) / 1e6);
        labelOf.put(s.caseId(), like.label());
    }

    @Test
    @Order(2)
    void issueCarriesTheContractFields() {
        JsonPath r = listing(1, 2);
        List<Map<String, Object>> groups = r.getList("groups");
        assertTrue(!groups.isEmpty(), "some issue of 2+ cases");
        Map<String, Object> g = groups.get(0);
        int size = (Integer) g.get("size");
        assertTrue(size >= 2);
        assertEquals(Math.min(size, 100), ((List<?>) g.get("caseIds")).size());
        assertEquals(size, ((List<?>) g.get("weeklyTrend")).stream().mapToInt(w -> (Integer) ((Map<?, ?>) w).get("count")).sum());
        assertNotNull(g.get("firstSeen"));
        assertNotNull(g.get("representative"));
        // a list counts the communes; the issue itself lists them, each with its cases, all of its cases counted
        assertNull(g.get("communes"), "a list carries the number of communes only");
        JsonPath one = given().auth().oauth2(TestTokens.leader()).get("/api/v1/recurring-issues/{id}", g.get("groupId"))
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> communes = one.getList("communes");
        assertEquals(size, one.getInt("size"));
        assertEquals(size, communes.stream().mapToInt(c -> (Integer) c.get("count")).sum());
        assertEquals(communes.size(), (Integer) g.get("communeCount"), "communes counted by the list");
        assertEquals(communes.size(), one.getInt("communeCount"));
        // places are named (FacetLabels, not sub-aggregations); a commune's province is one of the issue's provinces
        List<Map<String, Object>> provinces = one.getList("provinces");
        assertEquals(r.getList("groups[0].provinces"), provinces, "the list's provinces are the issue's");
        java.util.Set<Integer> provinceCodes = new java.util.HashSet<>();
        for (Map<String, Object> p : provinces) {
            assertNotNull(p.get("name"), "province name " + p);
            provinceCodes.add((Integer) p.get("code"));
        }
        for (Map<String, Object> c : communes) {
            assertNotNull(c.get("name"), "commune name " + c);
            assertTrue(provinceCodes.contains((Integer) c.get("provinceCode")), "province of commune " + c);
        }
        Map<String, Object> rep = r.getMap("groups[0].representative");
        assertTrue(((List<?>) g.get("caseIds")).contains(rep.get("caseId")), "representative among the members");
        assertNotNull(rep.get("code"));
        assertNotNull(rep.get("title"));
        assertTrue(((String) g.get("groupId")).startsWith("ri-"));
        // one issue by id, and its cases
        String id = (String) g.get("groupId");
        given().auth().oauth2(TestTokens.leader()).get("/api/v1/recurring-issues/" + id).then().statusCode(200);
        JsonPath members = given().auth().oauth2(TestTokens.leader()).queryParam("size", 5)
                .get("/api/v1/recurring-issues/" + id + "/cases").then().statusCode(200).extract().jsonPath();
        assertTrue(members.getInt("total") >= size);
        given().auth().oauth2(TestTokens.leader()).get("/api/v1/recurring-issues/ri-khong-co").then().statusCode(404);
        given().auth().oauth2(TestTokens.leader()).queryParam("sort", "lung-tung").get("/api/v1/recurring-issues")
                .then().statusCode(400).contentType("application/problem+json");
        // sorted by size, biggest first
        List<Integer> sizes = r.getList("groups.size", Integer.class);
        for (int i = 1; i < sizes.size(); i++) {
            assertTrue(sizes.get(i - 1) >= sizes.get(i), sizes.toString());
        }
    }

    @Test
    @Order(3)
    void liaisonSeesOnlyOwnProvinceCases() {
        int province = provinceOf.values().iterator().next();
        JsonPath r = given().auth().oauth2(TestTokens.liaison(province)).queryParams(WINDOW).queryParam("minSize", 1)
                .queryParam("size", 200).get("/api/v1/recurring-issues").then().statusCode(200).extract().jsonPath();
        List<String> ids = r.getList("groups.caseIds.flatten()", String.class);
        assertTrue(!ids.isEmpty());
        assertTrue(ids.stream().allMatch(id -> provinceOf.get(id) == province), "only province " + province);
    }

    @Test
    @Order(5)
    @SuppressWarnings("unchecked")
    void leadersCurateAndAutomaticAssignmentRespectsIt() {
        List<Map<String, Object>> groups = listing(1, 2).getList("groups");
        assertTrue(groups.size() >= 2, "two issues to curate");
        String a = (String) groups.get(0).get("groupId");
        String b = (String) groups.get(1).get("groupId");
        List<String> aCases = (List<String>) groups.get(0).get("caseIds");
        String leader = TestTokens.leader();
        String api = "/api/v1/recurring-issues/";

        // confirm with a name; bad input is a problem; other roles and other units do not curate
        given().auth().oauth2(leader).contentType(ContentType.JSON).body(Map.of("label", "Vấn đề đã xác nhận"))
                .post(api + a + "/confirm").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("CONFIRMED"))
                .body("label", org.hamcrest.Matchers.equalTo("Vấn đề đã xác nhận"));
        given().auth().oauth2(leader).contentType(ContentType.JSON).body(Map.of("label", " "))
                .put(api + a + "/label").then().statusCode(org.hamcrest.Matchers.oneOf(400, 422))
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token(Identity.DEPARTMENT_HEAD, "VU-KHAC")).contentType(ContentType.JSON)
                .body(Map.of()).post(api + a + "/confirm").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.liaison(1)).contentType(ContentType.JSON).body(Map.of())
                .post(api + a + "/confirm").then().statusCode(403);
        given().auth().oauth2(leader).contentType(ContentType.JSON).body(Map.of()).post(api + "ri-khong-co/confirm")
                .then().statusCode(404);

        // a case moved out is assigned again, never back to the issue it was moved out of
        int before = listing(1, 1).getInt("candidates");
        String out = aCases.get(aCases.size() - 1);
        given().auth().oauth2(leader).delete(api + a + "/cases/" + out).then().statusCode(204);
        java.util.function.Supplier<List<String>> membersOfA = () -> given().auth().oauth2(leader)
                .queryParam("size", 100).get(api + a + "/cases").then().statusCode(200).extract().jsonPath()
                .getList("items.caseId", String.class);
        TestEvents.await("moved-out case assigned again elsewhere", Duration.ofSeconds(30),
                () -> !membersOfA.get().contains(out) && listing(1, 1).getInt("candidates") == before);
        List<String> aNow = membersOfA.get();
        // ... and a person can put it back (pinned)
        given().auth().oauth2(leader).contentType(ContentType.JSON).body(Map.of("caseId", out))
                .post(api + a + "/cases").then().statusCode(200);

        // merge b into a: the confirmed issue keeps its id
        TestEvents.await("moved back in", Duration.ofSeconds(10), () -> membersOfA.get().contains(out));
        int aSize = given().auth().oauth2(leader).get(api + a).then().statusCode(200).extract().path("size");
        int bSizeNow = given().auth().oauth2(leader).get(api + b).then().statusCode(200).extract().path("size");
        given().auth().oauth2(leader).contentType(ContentType.JSON).body(Map.of("issueIds", List.of(b)))
                .post(api + a + "/merge").then().statusCode(200).body("issueId", org.hamcrest.Matchers.equalTo(a));
        TestEvents.await("merged", Duration.ofSeconds(10), () -> given().auth().oauth2(leader).get(api + a).then()
                .extract().<Integer>path("size") == aSize + bSizeNow);

        // split one case into a new confirmed issue, then dismiss that one: it leaves the default listing
        String moved = aNow.get(0);
        String n = given().auth().oauth2(leader).contentType(ContentType.JSON)
                .body(Map.of("caseIds", List.of(moved), "label", "Tách riêng")).post(api + a + "/split").then()
                .statusCode(200).extract().path("issueId");
        TestEvents.await("split", Duration.ofSeconds(10), () -> given().auth().oauth2(leader).get(api + n).then()
                .extract().<Integer>path("size") == 1);
        given().auth().oauth2(leader).contentType(ContentType.JSON).body(Map.of("reason", "không phải vấn đề chung"))
                .post(api + n + "/dismiss").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("DISMISSED"));
        TestEvents.await("dismissed hidden", Duration.ofSeconds(10), () -> !listing(1, 1)
                .getList("groups.groupId", String.class).contains(n));

        // everything is audited: who, when, what
        List<String> actions = given().auth().oauth2(leader).get(api + a + "/audit").then().statusCode(200).extract()
                .jsonPath().getList("action", String.class);
        assertTrue(actions.containsAll(List.of("CONFIRM", "MOVE_OUT", "MOVE_IN", "MERGE", "SPLIT")), actions.toString());
    }
}
