package vn.gov.noivu.pakn.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.stack.Tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Signed bearer tokens for tests, verified by the service's default OIDC tenant with the test public key (signature,
 * issuer, audience, expiry), so API tests need no identity provider. Register it as a test resource so the service
 * trusts the test key pair; call {@link #token} for a role. Tests with the real provider use {@link KeycloakResource}.
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {

    private static final Tokens TOKENS = new Tokens(Path.of("target/test-keys").toAbsolutePath());

    public static String token(String role, Object scope) {
        try {
            return TOKENS.issue(role, scope == null ? null : scope.toString(), 3600);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String communeOfficial(int communeCode) {
        return token(Identity.COMMUNE_OFFICIAL, communeCode);
    }

    public static String liaison(int provinceCode) {
        return token(Identity.LIAISON, provinceCode);
    }

    public static String leader() {
        return token(Identity.LEADER, null);
    }

    public static String admin() {
        return token(Identity.ADMIN, null);
    }

    @Override
    public Map<String, String> start() {
        try {
            // the API's bearer tenant trusts the test key instead of discovering a provider
            return Map.of(
                    "quarkus.oidc.auth-server-url", "",
                    "quarkus.oidc.public-key", TOKENS.publicKeyBase64(),
                    "quarkus.oidc.token.issuer", Identity.LOCAL_ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
