package vn.gov.noivu.pakn.triage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.TriageCaseData;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestServers;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routing of submitted cases: province → liaison, topic → unit/authority/task, urgency → working-day due date. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "triage"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class RoutingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static KafkaProducer<String, String> producer;

    @BeforeAll
    static void producer() {
        producer = Fixtures.producer(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    /** The 34 province codes of the official list (the project's copy of it), as the seed must hold them. */
    static Map<Integer, String> provincesOfReferenceData() throws Exception {
        Path csv = TestServers.repoRoot().resolve("intake-service/src/main/resources/reference/vn-admin-units-2025.csv");
        assertTrue(Files.exists(csv), "reference data " + csv + " not present");
        Map<Integer, String> provinces = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            provinces.put(Integer.parseInt(f[3]), f[4]);
        }
        return provinces;
    }

    @Test
    void seedHoldsThe34ProvincesOfTheReferenceDataEachWithLiaisonAndDeputy() throws Exception {
        Map<Integer, String> expected = provincesOfReferenceData();
        assertEquals(34, expected.size());
        List<Map<String, Object>> seeded = given().auth().oauth2(Fixtures.admin()).get("/api/v1/admin/provinces")
                .then().statusCode(200).extract().jsonPath().getList("");
        Map<Integer, String> actual = seeded.stream().collect(Collectors.toMap(m -> (Integer) m.get("code"),
                m -> (String) m.get("name"), (a, b) -> a, LinkedHashMap::new));
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()));
        expected.forEach((code, name) -> assertEquals(name, actual.get(code)));
        for (int code : expected.keySet()) {
            given().auth().oauth2(Fixtures.admin()).queryParam("province", code).get("/api/v1/admin/liaisons")
                    .then().statusCode(200)
                    .body("id", hasItem("liaison-" + code)).body("id", hasItem("deputy-" + code));
        }
        given().auth().oauth2(Fixtures.admin()).get("/api/v1/admin/routing").then().statusCode(200)
                .body("topicCode", org.hamcrest.Matchers.hasItems("T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09", "T10",
                        "T11", "T12"));
    }

    @Test
    void aCaseFromEachOfThe34ProvincesIsRoutedToItsLiaison() throws Exception {
        Map<Integer, String> provinces = provincesOfReferenceData();
        Map<String, Integer> provinceOfCase = new LinkedHashMap<>();
        for (int p : provinces.keySet()) {
            Fixtures.IntakeCase c = new Fixtures.IntakeCase(p).topic("T0" + (1 + p % 9));
            Fixtures.send(producer, c.next(CaseEventType.SUBMITTED, null));
            provinceOfCase.put(c.id, p);
        }
        List<CaseEvent> events = Fixtures.triageEvents(bootstrap, provinceOfCase.keySet(),
                seen -> seen.stream().filter(e -> e.type().equals(CaseEventType.ROUTED.ceType())).map(CaseEvent::subject)
                        .collect(Collectors.toSet()).size() == provinceOfCase.size());
        for (var entry : provinceOfCase.entrySet()) {
            int p = entry.getValue();
            assertEquals(1, Fixtures.count(events, entry.getKey(), CaseEventType.ROUTED), "one ROUTED per case");
            CaseEvent routed = events.stream().filter(e -> e.subject().equals(entry.getKey())).findFirst().get();
            assertEquals("/pakn/triage-service", routed.source());
            assertEquals(1, routed.caseVersion());
            TriageCaseData d = CaseEventCodec.triageData(routed);
            assertEquals(CaseStatus.ROUTED, d.status());
            assertEquals(p, d.provinceCode());
            assertEquals("liaison-" + p, d.assignee().id());
            assertEquals(List.of(), d.missingSixClear());
            // the liaison of the province sees it, the liaison of another province does not
            given().auth().oauth2(Fixtures.liaison(p)).get("/api/v1/cases/" + entry.getKey()).then().statusCode(200)
                    .body("assigneeId", equalTo("liaison-" + p)).body("status", equalTo("ROUTED"))
                    .body("provinceName", equalTo(provinces.get(p)));
            int other = p == 1 ? 79 : 1;
            given().auth().oauth2(Fixtures.liaison(other)).get("/api/v1/cases/" + entry.getKey()).then()
                    .statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void topicGivesUnitAuthorityTaskAndDeliverable() {
        Fixtures.IntakeCase staffing = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(79).topic("T09"));
        Fixtures.caseOf(staffing.id).then().statusCode(200)
                .body("responsibleUnitCode", equalTo("VU-TCBC"))
                .body("authorityLevel", equalTo("PROVINCE_HOME_AFFAIRS"))
                .body("task", equalTo("Hướng dẫn về biên chế, điều động, tuyển dụng, xếp loại công chức cấp xã"))
                .body("missingSixClear", empty());
        // "Khác" has no task/deliverable template: the case shows what is missing
        Fixtures.IntakeCase other = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(79).topic("T12"));
        Fixtures.caseOf(other.id).then().statusCode(200)
                .body("missingSixClear", contains("task", "deliverable"))
                .body("sixClear.find { it.field == 'task' }.present", equalTo(false));
        // an unknown topic is routed too, with unit and authority missing
        Fixtures.IntakeCase unknown = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(79).topic("T99"));
        Fixtures.caseOf(unknown.id).then().statusCode(200)
                .body("missingSixClear", contains("task", "deliverable", "responsibleUnit", "authorityLevel"));
    }

    @Test
    void dueDateSkipsWeekendAndGioToHoliday() {
        // submitted Friday 24/4/2026 (09:30 local); Mon 27/4 is the Giỗ Tổ compensation day
        Instant friday = Instant.parse("2026-04-24T02:30:00Z");
        Fixtures.IntakeCase express = Fixtures.submitAndRoute(producer,
                new Fixtures.IntakeCase(1).urgency(Urgency.EXPRESS).submittedAt(friday));
        Fixtures.caseOf(express.id).then().statusCode(200).body("sla.dueAt", equalTo("2026-04-28T10:00:00Z"));
        // 5 working days cross 30/4 and 1/5 as well: Wed 6/5/2026 17:00 local
        Fixtures.IntakeCase urgent = Fixtures.submitAndRoute(producer,
                new Fixtures.IntakeCase(1).urgency(Urgency.URGENT).submittedAt(friday));
        Fixtures.caseOf(urgent.id).then().statusCode(200).body("sla.dueAt", equalTo("2026-05-06T10:00:00Z"))
                .body("sla.state", equalTo("OVERDUE"));
    }

    @Test
    void queueFiltersByProvinceAndScope() {
        Fixtures.IntakeCase c = Fixtures.submitAndRoute(producer, new Fixtures.IntakeCase(96));
        given().auth().oauth2(Fixtures.liaison(96)).queryParam("state", "unclaimed").get("/api/v1/queue").then()
                .statusCode(200).body("items.caseId", hasItem(c.id));
        given().auth().oauth2(Fixtures.liaison(96)).queryParam("province", 1).get("/api/v1/queue").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.liaison(1)).queryParam("state", "all").get("/api/v1/queue").then()
                .statusCode(200).body("items.caseId", org.hamcrest.Matchers.not(hasItem(c.id)));
        given().auth().oauth2(TestTokens.leader()).queryParam("province", 96).get("/api/v1/queue").then()
                .statusCode(200).body("items.caseId", hasItem(c.id));
        given().auth().oauth2(Fixtures.liaison(96)).queryParam("state", "bogus").get("/api/v1/queue").then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("state"));
        given().auth().oauth2(TestTokens.communeOfficial(96007)).get("/api/v1/queue").then().statusCode(403);
    }

    static Set<String> ids(List<Fixtures.IntakeCase> cases) {
        return cases.stream().map(c -> c.id).collect(Collectors.toSet());
    }

    static List<Fixtures.IntakeCase> none() {
        return new ArrayList<>();
    }
}
