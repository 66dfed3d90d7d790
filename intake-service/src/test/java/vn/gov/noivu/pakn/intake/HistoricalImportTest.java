package vn.gov.noivu.pakn.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.noivu.pakn.intake.IntakeTesting.BA_DINH;
import static vn.gov.noivu.pakn.intake.IntakeTesting.bearer;
import static vn.gov.noivu.pakn.intake.IntakeTesting.caseBody;
import static vn.gov.noivu.pakn.intake.IntakeTesting.official;

/** Historical import: an administrator submits a case a commune sent before the system, with its receipt time. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class HistoricalImportTest {

    private static Map<String, Object> imported(String title, Object receivedAt) {
        Map<String, Object> body = new HashMap<>(caseBody(BA_DINH, title));
        body.put("receivedAt", receivedAt);
        return body;
    }

    @Test
    void adminImportsACaseWithItsPastReceiptTimeAndTheEventCarriesIt() throws Exception {
        Instant received = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        String title = "Hồ sơ giấy nhập lại " + UUID.randomUUID();
        String key = "import-" + UUID.randomUUID();
        String id = given().header("Authorization", bearer(TestTokens.admin())).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(imported(title, received.toString()))
                .post("/api/v1/cases").then().statusCode(201)
                .body("submittedAt", equalTo(received.toString())).extract().path("id");
        // the same import again (same key, same request) creates nothing
        given().header("Authorization", bearer(TestTokens.admin())).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(imported(title, received.toString()))
                .post("/api/v1/cases").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
        // the commune sees it as its own case and may act on it later
        given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("title", equalTo(title)).body("submittedAt", equalTo(received.toString()))
                .body("timeline[0].reason", startsWith("Nhập hồ sơ tiếp nhận ngày "));

        List<ConsumerRecord<String, byte[]>> records = IntakeTesting.read(Topics.INTAKE_CASE_EVENTS,
                rec -> id.equals(rec.key()), l -> !l.isEmpty(), Duration.ofSeconds(60));
        assertEquals(1, records.size());
        CaseEvent event = CaseEventCodec.read(records.get(0).value());
        IntakeCaseData data = CaseEventCodec.intakeData(event);
        assertEquals(received, data.submittedAt(), "consumers date the case by its receipt");
        assertEquals("admin", data.change().actor().role(), "the import is recorded as the administrator's step");
        assertTrue(data.change().reason().startsWith("Nhập hồ sơ tiếp nhận ngày "), data.change().reason());
        assertTrue(event.time().isAfter(received), "the event itself happened now");
    }

    @Test
    void onlyAnAdminMayImportAndOnlyBetweenTheMergerAndNow() {
        String past = Instant.now().minus(3, ChronoUnit.DAYS).toString();
        given().header("Authorization", official(BA_DINH)).contentType(ContentType.JSON)
                .body(imported("Xã tự ghi ngày cũ", past)).post("/api/v1/cases").then().statusCode(403)
                .contentType("application/problem+json").body("type", endsWith("/import-not-allowed"));
        given().header("Authorization", bearer(TestTokens.liaison(1))).contentType(ContentType.JSON)
                .body(imported("Cán bộ phụ trách nhập hồ sơ", past)).post("/api/v1/cases").then().statusCode(403);
        given().header("Authorization", bearer(TestTokens.admin())).contentType(ContentType.JSON)
                .body(imported("Hồ sơ ở tương lai", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .post("/api/v1/cases").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/invalid-received-at"))
                .body("errors[0].field", equalTo("receivedAt"));
        given().header("Authorization", bearer(TestTokens.admin())).contentType(ContentType.JSON)
                .body(imported("Hồ sơ trước sáp nhập", "2025-06-30T16:59:59Z"))
                .post("/api/v1/cases").then().statusCode(400)
                .body("type", endsWith("/invalid-received-at"));
        // an admin without receivedAt is not a commune official: an ordinary submission stays the commune's own
        given().header("Authorization", bearer(TestTokens.admin())).contentType(ContentType.JSON)
                .body(caseBody(BA_DINH, "Quản trị gửi như xã")).post("/api/v1/cases").then().statusCode(403)
                .body("type", endsWith("/commune-out-of-scope"));
    }
}
