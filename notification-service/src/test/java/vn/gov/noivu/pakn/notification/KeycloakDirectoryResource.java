package vn.gov.noivu.pakn.notification;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.gov.noivu.pakn.testsupport.TestServers;

import java.util.Map;

/** The directory of the tests: the real Keycloak of test-support, read with the realm's pakn-notification client. */
public class KeycloakDirectoryResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.keycloak.admin-client.server-url", TestServers.keycloak().url());
    }

    @Override
    public void stop() {
    }
}
