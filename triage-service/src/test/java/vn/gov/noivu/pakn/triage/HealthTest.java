package vn.gov.noivu.pakn.triage;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class HealthTest {

    @Test
    void liveAndReady() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void outboxIsPartOfReadinessAndMeasuredUnderTheCommonNames() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox' }.data.pending", notNullValue());
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pakn_eventing_outbox_pending{service=\"triage-service\"}"))
                .body(containsString("pakn_eventing_outbox_lag_seconds{service=\"triage-service\"}"))
                .body(containsString("pakn_eventing_outbox_published_total{service=\"triage-service\"}"));
    }
}
