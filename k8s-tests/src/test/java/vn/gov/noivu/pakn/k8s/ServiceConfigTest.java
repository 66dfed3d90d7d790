package vn.gov.noivu.pakn.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the checks derive the environment a service needs from its sources. */
class ServiceConfigTest {

    @Test
    void localValuesExpressionsAndProfiles(@TempDir Path repo) throws Exception {
        Path res = Files.createDirectories(repo.resolve("demo-service/src/main/resources"));
        Files.writeString(res.resolve("application.properties"), """
                quarkus.http.port=8085
                kafka.bootstrap.servers=127.0.0.1:19092
                quarkus.oidc.auth-server-url=http://127.0.0.1:18080/realms/pakn
                quarkus.oidc.token.audience=pakn
                quarkus.oidc.web.auth-server-url=http://localhost:18080/realms/pakn
                quarkus.oidc.web.application-type=web-app
                quarkus.oidc.web.credentials.secret=only-for-the-local-realm
                quarkus.datasource.password=${DB_PASSWORD}
                pakn.search.url=${PAKN_SEARCH_URL:http://localhost:8083}
                pakn.token=${PAKN_TOKEN}
                pakn.remote=https://example.org
                pakn.demo.search-url=${PAKN_OTHER_URL:http://127.0.0.1:8083}
                %dev.quarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:15432/x
                %prod.quarkus.elasticsearch.hosts=127.0.0.1:19200
                """);
        Path java = Files.createDirectories(repo.resolve("demo-service/src/main/java/x"));
        Files.writeString(java.resolve("DemoConfig.java"), """
                @ConfigMapping(prefix = "pakn.demo")
                public interface DemoConfig {
                    @WithDefault("http://127.0.0.1:8083")
                    String triageUrl();
                    @WithDefault("5")
                    int size();
                    @WithDefault("http://127.0.0.1:8083")
                    String searchUrl();
                    @WithName("attachments-dir")
                    @WithDefault("../.stack/attachments")
                    java.nio.file.Path attachments();
                }
                """);
        ServiceConfig cfg = ServiceConfig.load(repo, "demo-service");
        assertEquals("8085", cfg.httpPort());
        assertEquals(Set.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_WEB_AUTH_SERVER_URL",
                "QUARKUS_OIDC_WEB_CREDENTIALS_SECRET", "DB_PASSWORD", "PAKN_SEARCH_URL", "PAKN_TOKEN",
                "QUARKUS_ELASTICSEARCH_HOSTS", "PAKN_DEMO_*TRIAGE_URL", "PAKN_DEMO_*ATTACHMENTS_DIR",
                "PAKN_OTHER_URL|PAKN_DEMO_SEARCH_URL"), cfg.requiredEnv());
        // one expression with a local default: either variable overrides it; the file's key outranks @WithDefault
        assertTrue(ServiceConfig.satisfied("PAKN_OTHER_URL|PAKN_DEMO_SEARCH_URL", Set.of("PAKN_OTHER_URL")));
        assertTrue(ServiceConfig.satisfied("PAKN_OTHER_URL|PAKN_DEMO_SEARCH_URL", Set.of("PAKN_DEMO_SEARCH_URL")));
        assertFalse(ServiceConfig.satisfied("PAKN_OTHER_URL|PAKN_DEMO_SEARCH_URL", Set.of("PAKN_SEARCH_URL")));
        // a credential written in the file is the local one: the cluster's comes from a Secret (an expression is not
        // a value: its variable is required, as any expression without default)
        assertEquals(Set.of("QUARKUS_OIDC_WEB_CREDENTIALS_SECRET"), cfg.secretEnv());
        assertEquals(List.of(new ServiceConfig.OidcTenant(""), new ServiceConfig.OidcTenant("web")), cfg.oidcTenants());
        ServiceConfig.OidcTenant web = cfg.oidcTenants().get(1);
        assertEquals("quarkus.oidc.web.token.issuer", web.property("token.issuer"));
        assertEquals("QUARKUS_OIDC_WEB_TOKEN_ISSUER", web.env("token.issuer"));
        assertEquals("QUARKUS_OIDC_TOKEN_ISSUER", cfg.oidcTenants().get(0).env("token.issuer"));
        assertTrue(ServiceConfig.satisfied("PAKN_DEMO_*TRIAGE_URL", Set.of("PAKN_DEMO_TRIAGE_URL")));
        assertTrue(ServiceConfig.satisfied("PAKN_DEMO_*TRIAGE_URL", Set.of("PAKN_DEMO_CLIENTS_TRIAGE_URL")));
        assertFalse(ServiceConfig.satisfied("PAKN_DEMO_*TRIAGE_URL", Set.of("PAKN_TRIAGE_URL")));
    }

    @Test
    void theRealServicesNeedTheirConnectionsOverridden() {
        for (String svc : ServiceConfig.SERVICES) {
            ServiceConfig cfg = ServiceConfig.load(Repo.ROOT, svc);
            assertTrue(cfg.requiredEnv().contains("KAFKA_BOOTSTRAP_SERVERS"), svc + " " + cfg.requiredEnv());
            // quarkus-oidc: both tenants discover the local realm by default, and the pages' client secret is local
            assertTrue(cfg.requiredEnv().containsAll(Set.of("QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_WEB_AUTH_SERVER_URL",
                    "QUARKUS_OIDC_WEB_CREDENTIALS_SECRET")), svc + " " + cfg.requiredEnv());
            assertTrue(cfg.secretEnv().contains("QUARKUS_OIDC_WEB_CREDENTIALS_SECRET"), svc + " " + cfg.secretEnv());
            assertEquals(List.of(new ServiceConfig.OidcTenant(""), new ServiceConfig.OidcTenant("web")),
                    cfg.oidcTenants(), svc);
            assertEquals("pakn", cfg.properties().get("quarkus.oidc.token.audience"), svc);
        }
    }

    @Test
    void endpointsOfVariables() {
        assertEquals("pakn-pg-rw:5432", String.join(":",
                Consistency.endpoints("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://pakn-pg-rw:5432/intake?sslmode=verify-full").get(0)));
        assertEquals("search-service:8083", String.join(":",
                Consistency.endpoints("PAKN_SEARCH_URL", "http://search-service:8083").get(0)));
        // an issuer is an identifier, not a connection; the provider URL is one (Keycloak's Service in the cluster)
        assertTrue(Consistency.endpoints("QUARKUS_OIDC_TOKEN_ISSUER", "https://pakn.noivu.gov.vn/auth/realms/pakn").isEmpty());
        assertTrue(Consistency.endpoints("QUARKUS_OIDC_WEB_TOKEN_ISSUER", "https://pakn.noivu.gov.vn/auth/realms/pakn").isEmpty());
        assertEquals("pakn-keycloak-service:8080", String.join(":", Consistency.endpoints("QUARKUS_OIDC_WEB_AUTH_SERVER_URL",
                "http://pakn-keycloak-service:8080/auth/realms/pakn").get(0)));
        assertTrue(Consistency.segmentPrefix("/api/v1/search", "/api/v1/search/similar"));
        assertFalse(Consistency.segmentPrefix("/api/v1/search", "/api/v1/searchable"));
    }

    @Test
    void platformSecretsTableIsParsed() {
        Set<String> s = DeploymentDoc.platformSecrets("""
                ## 2. Secrets the platform provides
                | Secret | keys |
                |---|---|
                | `pakn-a` | x |
                | `pakn-b` | y |
                ## Next
                | `pakn-c` | z |
                """);
        assertEquals(new LinkedHashSet<>(List.of("pakn-a", "pakn-b")), s);
    }
}
