package vn.gov.noivu.pakn.triage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The OpenAPI document lists every operation's roles; oversize bodies are refused before the application. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "triage"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class OpenApiAndLimitsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void operationsDeclareTheirRoles() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.pakn-oidc.type", equalTo("openIdConnect"))
                .body("paths.'/api/v1/cases/{id}/claim'.post.security[0].pakn-oidc",
                        containsInAnyOrder(Identity.LIAISON, Identity.ADMIN))
                .body("paths.'/api/v1/admin/holidays'.get.security[0].pakn-oidc", containsInAnyOrder(Identity.ADMIN));
    }

    @Test
    void oversizeBodyIsRefusedWith413() throws Exception {
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        // HTTP/1.1: over cleartext the default HTTP/2 client asks for an h2c upgrade, answered 101 before the 100
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                        URI.create(base + "api/v1/cases/" + UUID.randomUUID() + "/answer")).expectContinue(true)
                .header("Authorization", "Bearer " + TestTokens.liaison(1)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(413, response.statusCode());
    }
}
