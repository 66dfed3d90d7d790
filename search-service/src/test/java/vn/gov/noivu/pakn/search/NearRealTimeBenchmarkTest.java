package vn.gov.noivu.pakn.search;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.testsupport.ElasticsearchResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmark, not a timing assertion: how long from publishing a SUBMITTED event until the case is found by
 * GET /api/v1/search (Kafka → consumer → Elasticsearch refresh → query). Prints the distribution.
 */
@QuarkusTest
@QuarkusTestResource(value = ElasticsearchResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class NearRealTimeBenchmarkTest {

    @Test
    void submitToSearchableLatency() {
        String leader = TestTokens.leader();
        List<Double> ms = new ArrayList<>();
        int runs = 15;
        for (int i = 0; i < runs; i++) {
            String marker = "nrt" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
            TestEvents.Submission s = TestEvents.Submission.of(LabelledCorpus.COMMUNES.get(i % 12), "T01",
                    "Đo độ trễ tìm kiếm " + i, "Nội dung " + marker);
            long t0 = System.nanoTime();
            TestEvents.publish(TestEvents.submitted(s, 1));
            TestEvents.await("case searchable", Duration.ofSeconds(60), () -> given().auth().oauth2(leader)
                    .queryParam("q", marker).get("/api/v1/search").then().extract().jsonPath().getInt("total") == 1);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.printf("[nrt] submit→searchable over %d cases: min %.0f ms, median %.0f ms, p90 %.0f ms, max %.0f ms"
                + " (refresh_interval 1s, 100 ms polling)%n", runs, sorted.get(0), sorted.get(runs / 2),
                sorted.get((int) Math.ceil(runs * 0.9) - 1), sorted.get(runs - 1));
        assertEquals(runs, ms.size());
    }
}
