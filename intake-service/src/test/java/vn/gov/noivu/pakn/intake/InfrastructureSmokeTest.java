package vn.gov.noivu.pakn.intake;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real servers answer through the real clients the service uses. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "intake"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class InfrastructureSmokeTest {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void jdbcQueryOnRealPostgres() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_database(), version(), 'Thủ tục'::text")) {
            assertTrue(rs.next());
            assertEquals("intake", rs.getString(1));
            assertTrue(rs.getString(2).startsWith("PostgreSQL 17"), rs.getString(2));
            assertEquals("Thủ tục", rs.getString(3));
        }
    }

    @Test
    void produceAndConsumeOnMultiPartitionTopic() throws Exception {
        String topic = "smoke-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Map<String, Integer> partitionOfKey = new HashMap<>();
        int sent = 60;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < sent; i++) {
                String key = "case-" + (i % 20);
                RecordMetadata md = producer.send(new ProducerRecord<>(topic, key, "sự kiện " + i)).get(30, TimeUnit.SECONDS);
                Integer before = partitionOfKey.putIfAbsent(key, md.partition());
                assertTrue(before == null || before == md.partition(), "one key, one partition");
            }
        }
        assertTrue(new HashSet<>(partitionOfKey.values()).size() > 1, "keys spread over partitions");

        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + UUID.randomUUID());
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> received = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.size() < sent && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    assertEquals(partitionOfKey.get(r.key()), r.partition());
                    received.add(r.value());
                }
            }
        }
        assertEquals(sent, received.size());
        assertTrue(received.contains("sự kiện 59"));
    }

    @Test
    void readinessReportsDatabaseUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
