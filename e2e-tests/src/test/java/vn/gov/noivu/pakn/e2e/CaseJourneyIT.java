package vn.gov.noivu.pakn.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One case through the whole system, as its users would drive it over HTTP: a commune submits, triage routes it to the
 * province's liaison, the liaison claims it and asks for information, the commune replies, the liaison answers, the
 * commune accepts, and a leader finds it with a query typed without diacritics.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaseJourneyIT {

    static final Duration EVENTUAL = Duration.ofSeconds(60);
    static SystemUnderTest sut;
    static String intake;
    static String triage;
    static String search;
    static String caseId;

    // Phường Ba Đình (commune 4) in Thành phố Hà Nội (province 1)
    static final int COMMUNE = 4;
    static final int PROVINCE = 1;

    @BeforeAll
    static void up() {
        sut = SystemUnderTest.get();
        intake = sut.url("intake-service");
        triage = sut.url("triage-service");
        search = sut.url("search-service");
    }

    static String commune() {
        return sut.token("commune-official", COMMUNE);
    }

    static String liaison() {
        return sut.token("liaison", PROVINCE);
    }

    static JsonPath triageCase() {
        return given().auth().oauth2(liaison()).get(triage + "/api/v1/cases/" + caseId)
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath intakeCase() {
        return given().auth().oauth2(commune()).get(intake + "/api/v1/cases/" + caseId)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void communeSubmitsAndTriageRoutesToTheProvincesLiaison() {
        Map<String, Object> body = Map.of(
                "commune", COMMUNE, "topic", "T08", "kind", "DIFFICULTY", "urgency", "NORMAL",
                "title", "Thủ tục chứng thực chữ ký số tại Trung tâm phục vụ hành chính công xã còn chậm",
                "description", "Sau sáp nhập, phần mềm một cửa của xã chưa kết nối chữ ký số với tỉnh, người dân phải "
                        + "chờ nhiều ngày để được chứng thực. Đề nghị Bộ hướng dẫn quy trình tạm thời.",
                "contact", Map.of("name", "Nguyễn Thị Hoa", "phone", "0912345678"));
        caseId = given().auth().oauth2(commune()).contentType(ContentType.JSON).body(body)
                .post(intake + "/api/v1/cases").then().statusCode(201).extract().path("id");
        assertNotNull(caseId);

        JsonPath routed = Poll.until("case routed by triage", EVENTUAL, CaseJourneyIT::triageCase,
                j -> "ROUTED".equals(j.getString("status")));
        assertEquals("liaison-" + PROVINCE, routed.getString("assigneeId"));
        assertEquals(PROVINCE, routed.getInt("provinceCode"));
        assertNotNull(routed.getString("sla.dueAt"));

        Poll.until("commune sees the routing", EVENTUAL, CaseJourneyIT::intakeCase,
                j -> "ROUTED".equals(j.getString("status.code")));
    }

    @Test
    @Order(2)
    void liaisonClaimsAndAsksForInformationCommuneReplies() {
        given().auth().oauth2(liaison()).contentType(ContentType.JSON).post(triage + "/api/v1/cases/" + caseId + "/claim").then().statusCode(200);
        given().auth().oauth2(liaison()).contentType(ContentType.JSON)
                .body(Map.of("question", "Xã cho biết phần mềm một cửa đang dùng là của đơn vị nào?"))
                .post(triage + "/api/v1/cases/" + caseId + "/request-info").then().statusCode(200);

        JsonPath asked = Poll.until("commune sees the information request", EVENTUAL, CaseJourneyIT::intakeCase,
                j -> j.get("openInfoRequest") != null);
        assertEquals("NEEDS_INFO", asked.getString("status.code"));

        given().auth().oauth2(commune()).contentType(ContentType.JSON)
                .body(Map.of("text", "Phần mềm do Sở Khoa học và Công nghệ tỉnh cung cấp từ tháng 7/2025."))
                .post(intake + "/api/v1/cases/" + caseId + "/info-replies").then().statusCode(200);

        Poll.until("triage receives the reply", EVENTUAL, CaseJourneyIT::triageCase,
                j -> "CLAIMED".equals(j.getString("status")) && j.get("openInfoRequest") == null);
    }

    @Test
    @Order(3)
    void liaisonAnswersCommuneAccepts() {
        // "6 rõ": the answer is refused while one is missing; complete the task and deliverable if routing left them
        if (!triageCase().getList("missingSixClear").isEmpty()) {
            given().auth().oauth2(liaison()).contentType(ContentType.JSON)
                    .body(Map.of("task", "Hướng dẫn quy trình chứng thực tạm thời", "deliverable", "Công văn hướng dẫn",
                            "reason", "bổ sung 6 rõ"))
                    .post(triage + "/api/v1/cases/" + caseId + "/assign").then().statusCode(200);
        }
        assertEquals(List.of(), triageCase().getList("missingSixClear"));
        String answer = "Trong khi chờ kết nối, xã áp dụng quy trình chứng thực giấy theo Nghị định 23/2015/NĐ-CP.";
        given().auth().oauth2(liaison()).contentType(ContentType.JSON).body(Map.of("answer", answer))
                .post(triage + "/api/v1/cases/" + caseId + "/answer").then().statusCode(200);

        JsonPath answered = Poll.until("commune sees the answer", EVENTUAL, CaseJourneyIT::intakeCase,
                j -> "ANSWERED".equals(j.getString("status.code")));
        assertEquals(answer, answered.getString("answer.text"));

        given().auth().oauth2(commune()).contentType(ContentType.JSON).post(intake + "/api/v1/cases/" + caseId + "/accept").then().statusCode(200);
        Poll.until("triage closes the case", EVENTUAL, CaseJourneyIT::triageCase,
                j -> "CLOSED".equals(j.getString("status")));
        Poll.until("commune sees it closed", EVENTUAL, CaseJourneyIT::intakeCase,
                j -> "CLOSED".equals(j.getString("status.code")));
    }

    @Test
    @Order(4)
    void leaderFindsItWithoutDiacritics() {
        JsonPath found = Poll.until("leader finds the case, closed", EVENTUAL,
                () -> given().auth().oauth2(sut.token("leader", null))
                        .queryParam("q", "thu tuc chung thuc chu ky so")
                        .get(search + "/api/v1/search").then().statusCode(200).extract().jsonPath(),
                j -> j.getList("items.findAll { it.caseId == '" + caseId + "' && it.status == 'CLOSED' }").size() == 1);
        List<Map<String, Object>> items = found.getList("items");
        Map<String, Object> item = items.stream().filter(i -> caseId.equals(i.get("caseId"))).findFirst().orElseThrow();
        assertEquals("CLOSED", item.get("status"));
        assertTrue(found.getLong("total") >= 1);
    }

    @Test
    @Order(5)
    void open311ClientSubmitsAndReads() {
        String token = sut.token("commune-official", 25); // Phường Giảng Võ, Hà Nội
        String code = given().formParam("api_key", token).formParam("service_code", "T03")
                .formParam("jurisdiction_id", "1").formParam("address_id", "25")
                .formParam("description", "Chưa rõ thẩm quyền ký quyết định của Phó Chủ tịch UBND phường theo ủy quyền.")
                .formParam("first_name", "Hoàng").formParam("last_name", "Minh")
                .post(intake + "/open311/v2/requests.json").then().statusCode(201)
                .extract().path("[0].service_request_id");
        assertNotNull(code);

        given().queryParam("api_key", token).get(intake + "/open311/v2/requests/" + code + ".xml").then()
                .statusCode(200).contentType(io.restassured.http.ContentType.XML)
                .body("service_requests.request.service_request_id", org.hamcrest.Matchers.equalTo(code))
                .body("service_requests.request.service_code", org.hamcrest.Matchers.equalTo("T03"));
        String id = given().auth().oauth2(token).get(intake + "/api/v1/cases?commune=25").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.code == '" + code + "' }.id", String.class).get(0);
        Poll.until("the Open311 request is routed", EVENTUAL,
                () -> given().auth().oauth2(liaison()).get(triage + "/api/v1/cases/" + id).then().extract(),
                r -> r.statusCode() == 200 && "ROUTED".equals(r.path("status")));
    }
}
