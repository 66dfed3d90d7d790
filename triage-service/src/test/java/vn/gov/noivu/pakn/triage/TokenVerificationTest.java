package vn.gov.noivu.pakn.triage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.stack.Tokens;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Bearer tokens are verified for real: signature, issuer, expiry. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "triage"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class TokenVerificationTest {

    @Test
    void validTokenIsAccepted() {
        given().auth().oauth2(TestTokens.liaison(1)).get("/api/v1/me").then().statusCode(200)
                .body("id", equalTo("liaison-1")).body("provinceCodes", contains(1));
    }

    @Test
    void missingTokenIsUnauthorized() {
        given().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void tokenSignedByAnotherKeyIsRejected() throws Exception {
        Path otherKeys = Files.createTempDirectory("other-keys");
        String forged = new Tokens(otherKeys).issue("leader", null, 600);
        given().auth().oauth2(forged).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void expiredTokenIsRejected() {
        given().auth().oauth2(expiredToken()).get("/api/v1/me").then().statusCode(401);
    }

    private static String expiredToken() {
        try {
            return new Tokens(Path.of("target/test-keys").toAbsolutePath()).issue("leader", null, -120);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
