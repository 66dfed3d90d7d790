package vn.gov.noivu.pakn.search;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.testsupport.ElasticsearchResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.TestServers;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Elasticsearch is killed while events keep coming: readiness goes DOWN, searches answer 503, the consumer keeps its
 * offsets; after the restart every event is in the index. Runs last (it stops the shared node).
 */
@QuarkusTest
@QuarkusTestResource(value = ElasticsearchResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@Order(Integer.MAX_VALUE)
class ElasticsearchOutageTest {

    static int total(String q) {
        return given().auth().oauth2(TestTokens.leader()).queryParam("q", q).queryParam("size", 1)
                .get("/api/v1/search").then().statusCode(200).extract().jsonPath().getInt("total");
    }

    @Test
    void noEventLostWhileElasticsearchIsDown() {
        assumeTrue(TestServers.owns("elasticsearch"), "Elasticsearch belongs to the local stack: not stopping it");
        String marker = "es" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        TestEvents.Submission first = TestEvents.Submission.of(LabelledCorpus.COMMUNES.get(2), "T04",
                "Trước sự cố", "Nội dung " + marker);
        TestEvents.publish(TestEvents.submitted(first, 1));
        TestEvents.await("first case indexed", Duration.ofSeconds(60), () -> total(marker) == 1);
        given().get("/q/health/ready").then().statusCode(200);

        long t0 = System.nanoTime();
        TestServers.stop("elasticsearch", true);
        System.out.printf("[outage] Elasticsearch killed (%.1f s)%n", (System.nanoTime() - t0) / 1e9);

        List<TestEvents.Submission> during = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestEvents.Submission s = TestEvents.Submission.of(LabelledCorpus.COMMUNES.get(i % 12), "T04",
                    "Trong sự cố " + i, "Nội dung " + marker);
            during.add(s);
            TestEvents.publish(TestEvents.submitted(s, 1));
        }
        TestEvents.publish(TestEvents.triage(CaseEventType.ESCALATED, first, 1, CaseStatus.ESCALATED, SlaState.ON_TRACK,
                0, 1, null));
        TestEvents.await("readiness DOWN", Duration.ofSeconds(60),
                () -> given().get("/q/health/ready").statusCode() == 503);
        given().auth().oauth2(TestTokens.leader()).queryParam("q", marker).get("/api/v1/search").then()
                .statusCode(503).contentType("application/problem+json");

        t0 = System.nanoTime();
        TestServers.restart("elasticsearch");
        System.out.printf("[outage] Elasticsearch restarted (%.1f s)%n", (System.nanoTime() - t0) / 1e9);
        long recover = System.nanoTime();
        TestEvents.await("every event of the outage indexed", Duration.ofSeconds(180), () -> total(marker) == 21
                && total(marker + " " + first.code() + " ") == 1
                && "ESCALATED".equals(given().auth().oauth2(TestTokens.leader()).queryParam("q", first.code())
                        .get("/api/v1/search").then().extract().jsonPath().getString("items[0].status")));
        System.out.printf("[outage] 21 events indexed %.1f s after the restart returned%n",
                (System.nanoTime() - recover) / 1e9);
        TestEvents.await("readiness UP", Duration.ofSeconds(60), () -> given().get("/q/health/ready").statusCode() == 200);
        assertEquals(21, total(marker));
    }
}
