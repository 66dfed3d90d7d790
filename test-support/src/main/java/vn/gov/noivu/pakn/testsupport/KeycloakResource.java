package vn.gov.noivu.pakn.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Real Keycloak (the project's realm) for the pages' authorization code flow in a {@code @QuarkusTest}: the service's
 * {@code web} OIDC tenant points at it. Browser tests sign in through its login form with {@link Browser#signIn}.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.web.auth-server-url", TestServers.keycloak().issuer());
    }

    @Override
    public void stop() {
        // stopped when the test JVM exits
    }
}
