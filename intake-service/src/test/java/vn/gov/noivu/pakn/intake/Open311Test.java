package vn.gov.noivu.pakn.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.gov.noivu.pakn.intake.IntakeTesting.BA_DINH;
import static vn.gov.noivu.pakn.intake.IntakeTesting.NGOC_HA;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class Open311Test {

    /** Open311 clients post UTF-8 form data (RestAssured would default to ISO-8859-1). */
    static io.restassured.specification.RequestSpecification form() {
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8");
    }

    @Test
    void discoveryAndServicesInBothFormats() {
        given().get("/open311/v2/discovery.json").then().statusCode(200)
                .body("endpoints[0].formats", hasItem("text/xml"));
        given().get("/open311/v2/services.json").then().statusCode(200).contentType(containsString("application/json"))
                .body("$", hasSize(12)).body("find { it.service_code == 'T08' }.service_name",
                        containsString("Thủ tục hành chính"));
        String xml = given().get("/open311/v2/services.xml").then().statusCode(200)
                .contentType(containsString("text/xml")).extract().asString();
        XmlPath x = new XmlPath(xml);
        assertEquals(12, x.getList("services.service.service_code").size());
        assertEquals("Đào tạo, bồi dưỡng", x.getString("services.service.find { it.service_code == 'T11' }.service_name"));
        given().get("/open311/v2/services/T03.json").then().statusCode(200)
                .body("service_code", equalTo("T03")).body("attributes.code", hasItem("kind"))
                .body("attributes.find { it.code == 'kind' }.values.key", hasItem("QUESTION"));
        String def = given().get("/open311/v2/services/T03.xml").then().statusCode(200).extract().asString();
        assertEquals("T03", new XmlPath(def).getString("service_definition.service_code"));
        given().get("/open311/v2/services/T99.json").then().statusCode(404).body("[0].code", equalTo(404));
    }

    @Test
    void postAndGetRoundTripInJsonAndXml() {
        String token = TestTokens.communeOfficial(BA_DINH);
        String description = "Đề nghị hướng dẫn việc bố trí công chức tại Trung tâm phục vụ hành chính công "
                + UUID.randomUUID();
        // JSON: form-encoded POST with api_key, as Open311 clients do
        String code = form().formParam("api_key", token).formParam("jurisdiction_id", "1")
                .formParam("service_code", "T08").formParam("address_id", String.valueOf(BA_DINH))
                .formParam("description", description).formParam("first_name", "Hoàng")
                .formParam("last_name", "Minh Châu").formParam("email", "chau@example.vn")
                .formParam("attribute[kind]", "QUESTION")
                .post("/open311/v2/requests.json").then().statusCode(201)
                .body("[0].service_request_id", matchesPattern("PAKN-\\d{4}-\\d{6}"))
                .extract().path("[0].service_request_id");
        given().queryParam("api_key", token).get("/open311/v2/requests/" + code + ".json").then().statusCode(200)
                .body("[0].service_request_id", equalTo(code)).body("[0].description", equalTo(description))
                .body("[0].service_code", equalTo("T08")).body("[0].status", equalTo("open"))
                .body("[0].address", equalTo("Phường Ba Đình")).body("[0].address_id", equalTo("4"));
        // the same case is a normal case of the API
        given().header("Authorization", IntakeTesting.official(BA_DINH)).queryParam("size", 200).get("/api/v1/cases")
                .then().body("items.code", hasItem(code));

        // XML: bearer header instead of api_key
        String xml = form().header("Authorization", "Bearer " + token).formParam("service_code", "T06")
                .formParam("address", String.valueOf(BA_DINH))
                .formParam("description", "Vị trí việc làm công chức văn hóa – xã hội chưa rõ <khung> " + UUID.randomUUID())
                .formParam("attribute[title]", "Vị trí việc làm văn hóa – xã hội")
                .post("/open311/v2/requests.xml").then().statusCode(201).contentType(containsString("text/xml"))
                .extract().asString();
        String xmlCode = new XmlPath(xml).getString("service_requests.request.service_request_id");
        String one = given().header("Authorization", "Bearer " + token)
                .get("/open311/v2/requests/" + xmlCode + ".xml").then().statusCode(200).extract().asString();
        XmlPath p = new XmlPath(one);
        assertEquals(xmlCode, p.getString("service_requests.request.service_request_id"));
        assertEquals("T06", p.getString("service_requests.request.service_code"));
        assertEquals("Vị trí việc làm văn hóa – xã hội", p.getString("service_requests.request.title"));
        org.junit.jupiter.api.Assertions.assertTrue(
                p.getString("service_requests.request.description").contains("chưa rõ <khung>"));
        String list = given().queryParam("api_key", token).queryParam("service_code", "T06")
                .queryParam("status", "open").get("/open311/v2/requests.xml").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(new XmlPath(list)
                .getList("service_requests.request.service_request_id").contains(xmlCode));
        given().queryParam("api_key", token).queryParam("service_request_id", code + "," + xmlCode)
                .get("/open311/v2/requests.json").then().statusCode(200).body("service_request_id", hasSize(2));
    }

    @Test
    void errorsAndScope() {
        String token = TestTokens.communeOfficial(BA_DINH);
        form().formParam("service_code", "T08").formParam("description", "không có token nào cả, phải bị từ chối")
                .post("/open311/v2/requests.json").then().statusCode(401).body("[0].code", equalTo(401));
        form().formParam("api_key", "not-a-token").formParam("service_code", "T08")
                .post("/open311/v2/requests.xml").then().statusCode(401);
        form().formParam("api_key", token).formParam("service_code", "T08").formParam("address_id", "4")
                .formParam("jurisdiction_id", "79").formParam("description", "Sai tỉnh cho phường Ba Đình ở Hà Nội")
                .post("/open311/v2/requests.json").then().statusCode(422).body("[0].description",
                        containsString("jurisdiction_id"));
        form().formParam("api_key", token).formParam("service_code", "T08").formParam("description", "")
                .post("/open311/v2/requests.json").then().statusCode(422);
        String other = form().formParam("api_key", TestTokens.communeOfficial(NGOC_HA)).formParam("service_code", "T01")
                .formParam("description", "Phường Ngọc Hà hỏi về Luật Tổ chức chính quyền địa phương 2025")
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        given().queryParam("api_key", token).get("/open311/v2/requests/" + other + ".json").then().statusCode(404);
        given().queryParam("api_key", token).queryParam("service_request_id", other)
                .get("/open311/v2/requests.json").then().statusCode(200).body("$", hasSize(0));
        given().get("/open311/v2/services.yaml").then().statusCode(404);
    }
}
