package vn.gov.noivu.pakn.intake;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.Normalizer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.noivu.pakn.intake.IntakeTesting.BA_DINH;
import static vn.gov.noivu.pakn.intake.IntakeTesting.NGOC_HA;
import static vn.gov.noivu.pakn.intake.IntakeTesting.caseBody;
import static vn.gov.noivu.pakn.intake.IntakeTesting.official;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class CaseSubmissionTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void submitStoresTheCaseAndPublishesACloudEventKeyedByCaseId() throws Exception {
        String title = "Thẩm quyền ký văn bản " + UUID.randomUUID();
        Response r = IntakeTesting.submit(BA_DINH, title);
        r.then().statusCode(201).contentType(ContentType.JSON)
                .header("Location", matchesPattern(".*/api/v1/cases/[0-9a-f-]{36}$"))
                .body("code", matchesPattern("PAKN-\\d{4}-\\d{6}"))
                .body("status.code", equalTo("SUBMITTED"))
                .body("commune.name", equalTo("Phường Ba Đình"))
                .body("province.name", equalTo("Thành phố Hà Nội"));
        String id = r.path("id");
        String code = r.path("code");
        assertTrue(r.header("Location").endsWith(id));

        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select code, title, commune_code, province_code, status, intake_version from intake_case where id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            ResultSet rs = ps.executeQuery();
            assertTrue(rs.next(), "row stored");
            assertEquals(code, rs.getString(1));
            assertEquals(title, rs.getString(2));
            assertEquals(BA_DINH, rs.getInt(3));
            assertEquals(1, rs.getInt(4));
            assertEquals("SUBMITTED", rs.getString(5));
            assertEquals(1, rs.getLong(6));
        }

        List<ConsumerRecord<String, byte[]>> records = IntakeTesting.read(Topics.INTAKE_CASE_EVENTS,
                rec -> id.equals(rec.key()), l -> !l.isEmpty(), Duration.ofSeconds(60));
        assertEquals(1, records.size(), "one event for the case");
        ConsumerRecord<String, byte[]> rec = records.get(0);
        // the contract's content type, the same from every producer (eventing's relay)
        assertEquals(CaseEvent.CONTENT_TYPE, IntakeTesting.header(rec, "content-type"));
        CaseEvent event = CaseEventCodec.read(rec.value());
        assertEquals("1.0", event.specVersion());
        assertEquals(CaseEventType.SUBMITTED.ceType(), event.type());
        assertEquals("/pakn/intake-service", event.source());
        assertEquals(id, event.subject());
        assertEquals(1, event.caseVersion());
        assertNotNull(event.time());
        UUID.fromString(event.id());
        IntakeCaseData data = CaseEventCodec.intakeData(event);
        assertEquals(code, data.code());
        assertEquals(title, data.title());
        assertEquals("Phường Ba Đình", data.communeName());
        assertEquals("commune-" + BA_DINH, data.change().actor().id());
    }

    @Test
    void textIsNfcNormalisedBeforeStorage() {
        String nfc = "Hồ sơ biên chế " + UUID.randomUUID();
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        assertNotEquals(nfc, nfd);
        Map<String, Object> body = new HashMap<>(caseBody(BA_DINH, "  " + nfd + "  "));
        body.put("contact", Map.of("name", Normalizer.normalize("Lê Văn Đạt", Normalizer.Form.NFD)));
        String id = given().header("Authorization", official(BA_DINH)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("title", equalTo(nfc)).body("contact.name", equalTo("Lê Văn Đạt"));
    }

    @Test
    void idempotentRetryReturnsTheFirstResultAndCreatesNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        String title = "Gửi lại cùng khóa " + key;
        Map<String, Object> body = caseBody(BA_DINH, title);
        Response first = given().header("Authorization", official(BA_DINH)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/cases");
        first.then().statusCode(201);
        Response again = given().header("Authorization", official(BA_DINH)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/cases");
        again.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location")));
        assertEquals(first.asString(), again.asString());
        assertEquals(1, count("select count(*) from intake_case where title = ?", title));
        assertEquals(1, count("select count(*) from outbox_event where case_id = ?", first.path("id")));

        // same key, different request: refused, still nothing new
        given().header("Authorization", official(BA_DINH)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(caseBody(BA_DINH, title + " (sửa)")).post("/api/v1/cases")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/idempotency-key-reused"));
        // the key belongs to the caller: another commune may use the same key for its own case
        given().header("Authorization", official(NGOC_HA)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(caseBody(NGOC_HA, title)).post("/api/v1/cases")
                .then().statusCode(201).body("commune.code", equalTo(String.valueOf(NGOC_HA)));
        assertEquals(2, count("select count(*) from intake_case where title = ?", title));
    }

    private long count(String sql, Object param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void unknownCommuneAndTopicAre422() {
        Map<String, Object> body = new HashMap<>(caseBody(BA_DINH, "Xã không tồn tại"));
        body.put("commune", 999999);
        given().header("Authorization", official(BA_DINH)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cases").then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/unknown-commune")).body("errors[0].field", equalTo("commune"));
        body = new HashMap<>(caseBody(BA_DINH, "Chuyên đề không tồn tại"));
        body.put("topic", "T99");
        given().header("Authorization", official(BA_DINH)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cases").then().statusCode(422).body("type", endsWith("/unknown-topic"))
                .body("errors[0].field", equalTo("topic"));
    }

    @Test
    void communeOutsideTheCallersScopeIs403() {
        given().header("Authorization", official(NGOC_HA)).contentType(ContentType.JSON)
                .body(caseBody(BA_DINH, "Gửi thay xã khác")).post("/api/v1/cases")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", endsWith("/commune-out-of-scope"));
        // other roles never submit
        given().header("Authorization", IntakeTesting.bearer(TestTokens.liaison(1))).contentType(ContentType.JSON)
                .body(caseBody(BA_DINH, "Liên lạc viên gửi")).post("/api/v1/cases").then().statusCode(403);
        given().contentType(ContentType.JSON).body(caseBody(BA_DINH, "Không có token")).post("/api/v1/cases")
                .then().statusCode(401);
    }

    @Test
    void emptyAndOversizeTextAre422WithFieldErrors() {
        Map<String, Object> body = new HashMap<>(caseBody(BA_DINH, "   "));
        body.put("description", "x".repeat(20001));
        body.put("contact", Map.of("name", "", "email", "không-phải-email"));
        body.put("kind", "COMPLAINT");
        given().header("Authorization", official(BA_DINH)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cases").then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/validation"))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("description"))
                .body("errors.field", hasItem("contact.name"))
                .body("errors.field", hasItem("contact.email"))
                .body("errors.field", hasItem("kind"))
                .body("errors.find { it.field == 'description' }.message", containsString("20000"));
        // a title below the configured minimum after trimming
        given().header("Authorization", official(BA_DINH)).contentType(ContentType.JSON)
                .body(caseBody(BA_DINH, " ab ")).post("/api/v1/cases").then().statusCode(422)
                .body("errors.find { it.field == 'title' }.message", containsString("tối thiểu"));
    }

    @Test
    void invalidUtf8Is400() {
        byte[] json = ("{\"commune\":4,\"topic\":\"T03\",\"kind\":\"QUESTION\",\"title\":\"Th\u1ee7 t\u1ee5c ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\",\"description\":\"long enough description text here\",\"contact\":{\"name\":\"A\"}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[json.length + 2 + tail.length];
        System.arraycopy(json, 0, body, 0, json.length);
        body[json.length] = (byte) 0xC3; // truncated 2-byte sequence
        body[json.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, body, json.length + 2, tail.length);
        given().header("Authorization", official(BA_DINH)).contentType("application/json").body(body)
                .post("/api/v1/cases").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/invalid-utf8"));
    }

    @Test
    void malformedJsonIs400() {
        given().header("Authorization", official(BA_DINH)).contentType(ContentType.JSON)
                .body("{\"commune\": 4, \"title\": ").post("/api/v1/cases").then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/malformed-json"));
        given().header("Authorization", official(BA_DINH)).contentType(ContentType.JSON)
                .body("{\"commune\": \"bốn\"}").post("/api/v1/cases").then().statusCode(400)
                .body("type", endsWith("/malformed-json"));
        given().header("Authorization", official(BA_DINH)).contentType(ContentType.JSON).body("")
                .post("/api/v1/cases").then().statusCode(400);
    }
}
