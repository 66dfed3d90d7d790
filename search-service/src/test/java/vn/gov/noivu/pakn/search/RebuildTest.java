package vn.gov.noivu.pakn.search;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.testsupport.ElasticsearchResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/v1/admin/rebuild replays both topics into a new index and swaps the alias while searches keep working. */
@QuarkusTest
@QuarkusTestResource(value = ElasticsearchResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class RebuildTest {

    static int total(String q) {
        return given().auth().oauth2(TestTokens.leader()).queryParam("q", q).queryParam("size", 1)
                .get("/api/v1/search").then().statusCode(200).extract().jsonPath().getInt("total");
    }

    static String liveIndex() {
        Map<String, List<String>> indices = given().auth().oauth2(TestTokens.admin()).get("/api/v1/admin/index")
                .then().statusCode(200).extract().jsonPath().getMap("indices");
        return indices.entrySet().stream().filter(e -> e.getValue().contains("pakn-cases")).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    @Test
    void rebuildSwapsAliasWhileSearchesKeepAnswering() throws Exception {
        String marker = "rb" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        List<TestEvents.Submission> before = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            TestEvents.Submission s = TestEvents.Submission.of(LabelledCorpus.COMMUNES.get(i % 12), "T03",
                    "Dựng lại chỉ mục " + i, "Nội dung " + marker);
            before.add(s);
            TestEvents.publish(TestEvents.submitted(s, 1));
        }
        TestEvents.publish(TestEvents.triage(CaseEventType.CLOSED, before.get(0), 1, CaseStatus.CLOSED, SlaState.STOPPED,
                0, 0, "Đã trả lời và đóng."));
        TestEvents.await("30 cases indexed", Duration.ofSeconds(60), () -> total(marker) == 30
                && total(marker + " " + before.get(0).code()) == 1);
        String oldIndex = liveIndex();

        given().auth().oauth2(TestTokens.leader()).post("/api/v1/admin/rebuild").then().statusCode(403);

        AtomicBoolean searching = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        AtomicInteger minSeen = new AtomicInteger(Integer.MAX_VALUE);
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        Thread searcher = new Thread(() -> {
            while (searching.get()) {
                try {
                    var resp = given().auth().oauth2(TestTokens.leader()).queryParam("q", marker)
                            .queryParam("size", 1).get("/api/v1/search");
                    if (resp.statusCode() != 200) {
                        errors.add(resp.statusCode() + " " + resp.asString());
                    } else {
                        minSeen.accumulateAndGet(resp.jsonPath().getInt("total"), Math::min);
                    }
                    searches.incrementAndGet();
                } catch (RuntimeException e) {
                    errors.add(e.toString());
                }
            }
        }, "searcher");
        searcher.start();

        JsonPath job = given().auth().oauth2(TestTokens.admin()).post("/api/v1/admin/rebuild").then().statusCode(202)
                .extract().jsonPath();
        String newIndex = job.getString("newIndex");
        assertNotEquals(oldIndex, newIndex);
        // cases published while the rebuild runs reach the new index too
        List<TestEvents.Submission> during = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TestEvents.Submission s = TestEvents.Submission.of(LabelledCorpus.COMMUNES.get(i), "T03",
                    "Trong khi dựng lại " + i, "Nội dung " + marker);
            during.add(s);
            TestEvents.publish(TestEvents.submitted(s, 1));
        }
        TestEvents.await("rebuild done", Duration.ofSeconds(120), () -> {
            String state = given().auth().oauth2(TestTokens.admin()).get("/api/v1/admin/rebuild").then()
                    .statusCode(200).extract().jsonPath().getString("state");
            if ("FAILED".equals(state)) {
                throw new IllegalStateException("rebuild failed");
            }
            return "DONE".equals(state);
        });
        TestEvents.await("all 40 cases searchable", Duration.ofSeconds(60), () -> total(marker) == 40);
        searching.set(false);
        searcher.join();

        System.out.printf("[rebuild] %d searches during the rebuild, %d errors, smallest total seen %d%n",
                searches.get(), errors.size(), minSeen.get());
        assertTrue(errors.isEmpty(), "searches failed during rebuild: " + errors);
        assertTrue(searches.get() > 0);
        assertTrue(minSeen.get() >= 30, "a search saw only " + minSeen.get() + " of the 30 cases");
        assertEquals(newIndex, liveIndex());
        assertEquals(1, total(marker + " " + before.get(0).code()));
        assertEquals("CLOSED", given().auth().oauth2(TestTokens.leader()).queryParam("q", before.get(0).code())
                .get("/api/v1/search").then().extract().jsonPath().getString("items[0].status"));
    }
}
