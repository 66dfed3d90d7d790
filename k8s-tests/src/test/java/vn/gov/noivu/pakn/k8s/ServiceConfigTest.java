package vn.gov.noivu.pakn.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
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
                mp.jwt.verify.publickey.location=../.stack/keys/jwt-public.pem
                pakn.search.url=${PAKN_SEARCH_URL:http://localhost:8083}
                pakn.token=${PAKN_TOKEN}
                pakn.remote=https://example.org
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
                    @WithName("attachments-dir")
                    @WithDefault("../.stack/attachments")
                    java.nio.file.Path attachments();
                }
                """);
        ServiceConfig cfg = ServiceConfig.load(repo, "demo-service");
        assertEquals("8085", cfg.httpPort());
        assertEquals(Set.of("KAFKA_BOOTSTRAP_SERVERS", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "PAKN_SEARCH_URL",
                "PAKN_TOKEN", "QUARKUS_ELASTICSEARCH_HOSTS", "PAKN_DEMO_*TRIAGE_URL", "PAKN_DEMO_*ATTACHMENTS_DIR"),
                cfg.requiredEnv());
        assertTrue(ServiceConfig.satisfied("PAKN_DEMO_*TRIAGE_URL", Set.of("PAKN_DEMO_TRIAGE_URL")));
        assertTrue(ServiceConfig.satisfied("PAKN_DEMO_*TRIAGE_URL", Set.of("PAKN_DEMO_CLIENTS_TRIAGE_URL")));
        assertFalse(ServiceConfig.satisfied("PAKN_DEMO_*TRIAGE_URL", Set.of("PAKN_TRIAGE_URL")));
    }

    @Test
    void theRealServicesNeedTheirConnectionsOverridden() {
        for (String svc : ServiceConfig.SERVICES) {
            ServiceConfig cfg = ServiceConfig.load(Repo.ROOT, svc);
            assertTrue(cfg.requiredEnv().contains("KAFKA_BOOTSTRAP_SERVERS"), svc + " " + cfg.requiredEnv());
            assertTrue(cfg.requiredEnv().contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), svc + " " + cfg.requiredEnv());
        }
    }

    @Test
    void endpointsOfVariables() {
        assertEquals("pakn-pg-rw:5432", String.join(":",
                Consistency.endpoints("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://pakn-pg-rw:5432/intake?sslmode=verify-full").get(0)));
        assertEquals("search-service:8083", String.join(":",
                Consistency.endpoints("PAKN_SEARCH_URL", "http://search-service:8083").get(0)));
        assertTrue(Consistency.endpoints("MP_JWT_VERIFY_ISSUER", "https://pakn.noivu.gov.vn/auth/realms/pakn").isEmpty());
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
        assertEquals(new LinkedHashSet<>(java.util.List.of("pakn-a", "pakn-b")), s);
    }
}
