package vn.gov.noivu.pakn.triage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The routing table, liaisons, SLA targets and holidays are data an admin edits; every edit is audited. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "triage"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class AdminApiTest {

    static KafkaProducer<String, String> producer;

    @BeforeAll
    static void producer() {
        producer = Fixtures.producer(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(Fixtures.admin()).contentType(ContentType.JSON);
    }

    @Test
    void onlyAdminsEditReferenceData() {
        given().auth().oauth2(Fixtures.liaison(1)).get("/api/v1/admin/routing").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.leader()).contentType(ContentType.JSON)
                .body(Map.of("workingDays", 2)).put("/api/v1/admin/sla-targets/EXPRESS").then().statusCode(403);
        given().get("/api/v1/admin/holidays").then().statusCode(401);
    }

    @Test
    void newTopicRouteIsUsedForTheNextCaseAndAudited() {
        String topic = "X" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        admin().body(Map.of("topicName", "Chính quyền đô thị", "unitCode", "VU-CQDP", "authorityLevel",
                "PROVINCE_PEOPLES_COMMITTEE", "taskTemplate", "Hướng dẫn tổ chức chính quyền đô thị",
                "deliverableTemplate", "Công văn hướng dẫn", "reason", "Bổ sung chuyên đề theo Quyết định 01"))
                .put("/api/v1/admin/routing/" + topic).then().statusCode(200).body("unitCode", equalTo("VU-CQDP"));
        Fixtures.IntakeCase c = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(46).topic(topic));
        Fixtures.caseOf(c.id).then().body("responsibleUnitCode", equalTo("VU-CQDP"))
                .body("authorityLevel", equalTo("PROVINCE_PEOPLES_COMMITTEE"))
                .body("task", equalTo("Hướng dẫn tổ chức chính quyền đô thị"));
        admin().queryParam("entity", "topic_route").get("/api/v1/admin/audit").then().statusCode(200)
                .body("find { it.entityKey == '" + topic + "' }.actorId", equalTo("admin"))
                .body("find { it.entityKey == '" + topic + "' }.reason", equalTo("Bổ sung chuyên đề theo Quyết định 01"))
                .body("find { it.entityKey == '" + topic + "' }.action", equalTo("CREATE"));
        admin().body(Map.of("topicName", "x", "unitCode", "VU-KHONG-CO", "authorityLevel", "MINISTRY"))
                .put("/api/v1/admin/routing/T14").then().statusCode(422).body("errors[0].field", equalTo("unitCode"));
    }

    @Test
    void holidayAddedByAdminMovesTheDueDate() {
        // Thu 10/12/2026 + 1 working day = Fri 11/12; declare 11/12 a holiday → Mon 14/12
        admin().body(Map.of("name", "Ngày nghỉ thử nghiệm", "reason", "Kiểm thử lịch"))
                .put("/api/v1/admin/holidays/2026-12-11").then().statusCode(200);
        try {
            Fixtures.IntakeCase c = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(48)
                    .urgency(Urgency.EXPRESS).submittedAt(Instant.parse("2026-12-10T03:00:00Z")));
            Fixtures.caseOf(c.id).then().body("sla.dueAt", equalTo("2026-12-14T10:00:00Z"));
        } finally {
            given().auth().oauth2(Fixtures.admin()).queryParam("reason", "Hết kiểm thử")
                    .delete("/api/v1/admin/holidays/2026-12-11").then().statusCode(204);
        }
        admin().queryParam("entity", "holiday").get("/api/v1/admin/audit").then()
                .body("findAll { it.entityKey == '2026-12-11' }.action", hasItem("DELETE"));
        admin().get("/api/v1/admin/holidays?year=2026").then().statusCode(200)
                .body("day", hasItem("2026-04-27")).body("day", org.hamcrest.Matchers.not(hasItem("2026-12-11")));
    }

    @Test
    void slaTargetsAndLiaisonsAreEditable() {
        admin().body(Map.of("workingDays", 7, "reason", "Điều chỉnh")).put("/api/v1/admin/sla-targets/URGENT")
                .then().statusCode(200).body("workingDays", equalTo(7));
        admin().body(Map.of("workingDays", 5, "reason", "Khôi phục")).put("/api/v1/admin/sla-targets/URGENT")
                .then().statusCode(200);
        admin().body(Map.of("workingDays", 0)).put("/api/v1/admin/sla-targets/URGENT").then().statusCode(422);
        admin().body(Map.of("name", "Cán bộ phó thứ hai tỉnh Cà Mau", "provinceCode", 96, "reason", "Bổ sung"))
                .put("/api/v1/admin/liaisons/deputy2-96").then().statusCode(200).body("role", equalTo("DEPUTY"));
        admin().body(Map.of("role", "PRIMARY")).put("/api/v1/admin/liaisons/deputy2-96").then().statusCode(409)
                .body("type", equalTo("https://pakn.noivu.gov.vn/problems/primary-exists"));
        admin().queryParam("entity", "liaison").get("/api/v1/admin/audit").then()
                .body("entityKey", hasItem("deputy2-96"));
    }
}
