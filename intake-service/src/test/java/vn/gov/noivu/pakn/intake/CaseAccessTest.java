package vn.gov.noivu.pakn.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static vn.gov.noivu.pakn.intake.IntakeTesting.BA_DINH;
import static vn.gov.noivu.pakn.intake.IntakeTesting.HCMC;
import static vn.gov.noivu.pakn.intake.IntakeTesting.NGOC_HA;
import static vn.gov.noivu.pakn.intake.IntakeTesting.THU_DAU_MOT;
import static vn.gov.noivu.pakn.intake.IntakeTesting.bearer;
import static vn.gov.noivu.pakn.intake.IntakeTesting.official;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class CaseAccessTest {

    @Test
    void anotherCommuneCannotSeeOrTouchTheCase() {
        String id = IntakeTesting.submitOk(BA_DINH, "Hồ sơ riêng của Ba Đình " + UUID.randomUUID());
        String missing = UUID.randomUUID().toString();
        // the answer for another commune's case is the answer for a case that does not exist
        String otherBody = given().header("Authorization", official(NGOC_HA)).get("/api/v1/cases/" + id)
                .then().statusCode(404).contentType("application/problem+json").extract().path("detail");
        String missingBody = given().header("Authorization", official(NGOC_HA)).get("/api/v1/cases/" + missing)
                .then().statusCode(404).extract().path("detail");
        org.junit.jupiter.api.Assertions.assertEquals(missingBody, otherBody);
        given().header("Authorization", official(NGOC_HA)).contentType(ContentType.JSON)
                .body(Map.of("reason", "không đồng ý")).post("/api/v1/cases/" + id + "/reopen").then().statusCode(404);
        given().header("Authorization", official(NGOC_HA)).post("/api/v1/cases/" + id + "/accept").then()
                .statusCode(404);
        given().header("Authorization", official(NGOC_HA)).contentType(ContentType.JSON)
                .body(Map.of("text", "bổ sung")).post("/api/v1/cases/" + id + "/info-replies").then().statusCode(404);
        // and its list never contains it, even when it asks for the other commune
        given().header("Authorization", official(NGOC_HA)).queryParam("commune", BA_DINH).get("/api/v1/cases")
                .then().statusCode(200).body("items", empty()).body("total", equalTo(0));
        given().header("Authorization", official(NGOC_HA)).get("/api/v1/cases").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        // the owner sees it
        given().header("Authorization", official(BA_DINH)).get("/api/v1/cases").then().statusCode(200)
                .body("items.id", hasItem(id)).body("items.communeCode", everyItem(equalTo(BA_DINH)));
        given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("timeline[0].type", equalTo("SUBMITTED"))
                .body("timeline[0].label", equalTo("Gửi phản ánh"));
    }

    @Test
    void liaisonsSeeTheirProvincesLeadersSeeAll() {
        String hanoi = IntakeTesting.submitOk(BA_DINH, "Hồ sơ Hà Nội " + UUID.randomUUID());
        String hcmc = IntakeTesting.submitOk(THU_DAU_MOT, "Hồ sơ TP HCM " + UUID.randomUUID());
        String liaisonHanoi = bearer(TestTokens.liaison(1));
        given().header("Authorization", liaisonHanoi).get("/api/v1/cases/" + hanoi).then().statusCode(200);
        given().header("Authorization", liaisonHanoi).get("/api/v1/cases/" + hcmc).then().statusCode(404);
        given().header("Authorization", liaisonHanoi).queryParam("size", 200).get("/api/v1/cases").then()
                .statusCode(200).body("items.id", hasItem(hanoi)).body("items.id", not(hasItem(hcmc)))
                .body("items.provinceCode", everyItem(equalTo(1)));
        given().header("Authorization", bearer(TestTokens.liaison(HCMC))).get("/api/v1/cases/" + hcmc).then()
                .statusCode(200);
        for (String token : List.of(TestTokens.leader(), TestTokens.admin())) {
            given().header("Authorization", bearer(token)).get("/api/v1/cases/" + hanoi).then().statusCode(200);
            given().header("Authorization", bearer(token)).get("/api/v1/cases/" + hcmc).then().statusCode(200);
        }
        given().header("Authorization", bearer(TestTokens.leader())).queryParam("commune", THU_DAU_MOT)
                .queryParam("status", "SUBMITTED,ROUTED").get("/api/v1/cases").then().statusCode(200)
                .body("items.id", hasItem(hcmc)).body("items.communeCode", everyItem(equalTo(THU_DAU_MOT)));
        given().header("Authorization", bearer(TestTokens.leader())).queryParam("status", "WHATEVER")
                .get("/api/v1/cases").then().statusCode(422);
        // a code that is not a number is bad input (problem+json 400), not JAX-RS's bare "not found"
        given().header("Authorization", bearer(TestTokens.leader())).queryParam("commune", "' OR 1=1 --")
                .get("/api/v1/cases").then().statusCode(400).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("invalid-parameter"));
        given().get("/api/v1/cases/" + hanoi).then().statusCode(401);
    }
}
