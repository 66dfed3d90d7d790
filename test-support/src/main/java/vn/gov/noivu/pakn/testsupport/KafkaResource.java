package vn.gov.noivu.pakn.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Real Kafka (single KRaft node) for a {@code @QuarkusTest}, with the case topics created. */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            return Map.of("kafka.bootstrap.servers", TestServers.kafka());
        } catch (Exception e) {
            throw new IllegalStateException("cannot provide Kafka: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        // stopped when the test JVM exits
    }
}
