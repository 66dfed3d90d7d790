package vn.gov.noivu.pakn.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** A user may submit only so many cases a minute; the count lives in the database, so it holds across replicas. */
@QuarkusTest
@TestProfile(RateLimitTest.ThreeAMinute.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class RateLimitTest {

    public static class ThreeAMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pakn.intake.rate-limit.submissions", "3", "pakn.intake.rate-limit.window", "1m");
        }
    }

    @Test
    void theFourthSubmissionWithinAMinuteIsRefusedWith429ButAReplayIsNot() {
        // two communes of Tuyên Quang (province 8), which no other test submits for, picked at random so that a rerun
        // within the minute does not meet the previous run's submissions
        java.util.List<Integer> communes = new java.util.ArrayList<>(given().get("/api/v1/communes?province=8")
                .then().statusCode(200).extract().jsonPath().getList("code", Integer.class));
        java.util.Collections.shuffle(communes);
        check(communes.get(0), communes.get(1));
    }

    private void check(int limited, int other) {
        String firstKey = UUID.randomUUID().toString();
        Map<String, Object> firstBody = IntakeTesting.caseBody(limited, "Giới hạn gửi số 1 " + UUID.randomUUID());
        String firstId = given().header("Authorization", IntakeTesting.official(limited))
                .contentType(ContentType.JSON).header("Idempotency-Key", firstKey).body(firstBody)
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        for (int i = 2; i <= 3; i++) {
            IntakeTesting.submitOk(limited, "Giới hạn gửi số " + i + " " + UUID.randomUUID());
        }
        given().header("Authorization", IntakeTesting.official(limited)).contentType(ContentType.JSON)
                .body(IntakeTesting.caseBody(limited, "Giới hạn gửi số 4 " + UUID.randomUUID()))
                .post("/api/v1/cases").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("60"))
                .body("type", equalTo("https://pakn.noivu.gov.vn/problems/rate-limited"))
                .body("detail", notNullValue());

        // a retry of an accepted submission is not a new one: it still gets its first answer
        given().header("Authorization", IntakeTesting.official(limited)).contentType(ContentType.JSON)
                .header("Idempotency-Key", firstKey).body(firstBody)
                .post("/api/v1/cases").then().statusCode(201).body("id", equalTo(firstId));
        // another user (one no other test submits for, so it has no recent cases) is not affected
        IntakeTesting.submitOk(other, "Người khác vẫn gửi được " + UUID.randomUUID());
    }
}
