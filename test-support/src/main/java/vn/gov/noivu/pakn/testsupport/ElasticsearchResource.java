package vn.gov.noivu.pakn.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Real Elasticsearch 9 (with the project's analysis plugin) for a {@code @QuarkusTest}. */
public class ElasticsearchResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.elasticsearch.hosts", "127.0.0.1:" + TestServers.elasticsearch());
    }

    @Override
    public void stop() {
        // stopped when the test JVM exits
    }
}
