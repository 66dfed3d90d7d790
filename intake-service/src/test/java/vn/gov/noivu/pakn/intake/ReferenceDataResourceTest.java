package vn.gov.noivu.pakn.intake;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class ReferenceDataResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void all34ProvincesAnd3321CommunesAreLoadedFromTheCsv() throws Exception {
        given().get("/api/v1/provinces").then().statusCode(200).body("$", hasSize(34))
                .body("find { it.code == 79 }.name", equalTo("Thành phố Hồ Chí Minh"));
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*), count(*) filter (where type = 'xã'), count(*) filter (where type = 'phường'),"
                             + " count(*) filter (where type = 'đặc khu') from commune")) {
            assertTrue(rs.next());
            assertEquals(3321, rs.getInt(1));
            assertEquals(2621, rs.getInt(2));
            assertEquals(687, rs.getInt(3));
            assertEquals(13, rs.getInt(4));
        }
    }

    @Test
    void communesOfAProvince() {
        List<Map<String, Object>> communes = given().queryParam("province", 1).get("/api/v1/communes")
                .then().statusCode(200).body("name", hasItem("Phường Ba Đình"))
                .body("find { it.code == 4 }.type", equalTo("phường"))
                .extract().jsonPath().getList("$");
        assertTrue(communes.stream().allMatch(c -> ((Number) c.get("provinceCode")).intValue() == 1));
        given().queryParam("province", 999).get("/api/v1/communes").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/communes").then().statusCode(422).body("errors[0].field", equalTo("province"));
    }

    @Test
    void twelveTopicsWithVietnameseNames() {
        given().get("/api/v1/topics").then().statusCode(200).body("$", hasSize(12))
                .body("code", equalTo(List.of("T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09", "T10",
                        "T11", "T12")))
                .body("find { it.code == 'T11' }.name", equalTo("Đào tạo, bồi dưỡng"));
    }
}
