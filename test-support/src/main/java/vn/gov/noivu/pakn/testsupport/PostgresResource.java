package vn.gov.noivu.pakn.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.gov.noivu.pakn.stack.PostgresSpec;

import java.util.Map;

/**
 * Real PostgreSQL for a {@code @QuarkusTest}. Init arg {@code database} names the database (created if missing;
 * default {@code test}).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private String database = "test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        try {
            TestServers.PgHandle pg = TestServers.postgres(database);
            return Map.of(
                    "quarkus.datasource.jdbc.url", pg.spec().jdbcUrl(database),
                    "quarkus.datasource.username", PostgresSpec.USER,
                    "quarkus.datasource.password", PostgresSpec.PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException("cannot provide PostgreSQL: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        // stopped when the test JVM exits, so later test classes reuse it
    }
}
