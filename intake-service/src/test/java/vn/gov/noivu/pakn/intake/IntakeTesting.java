package vn.gov.noivu.pakn.intake;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import vn.gov.noivu.pakn.events.Actor;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Change;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.events.TriageCaseData;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** Shared helpers of the intake tests: tokens, requests, and reading/writing the real Kafka topics. */
final class IntakeTesting {

    /** Phường Ba Đình and Phường Ngọc Hà (Hà Nội, province 1); Phường Thủ Dầu Một (TP Hồ Chí Minh, 79). */
    static final int BA_DINH = 4;
    static final int NGOC_HA = 8;
    static final int HANOI = 1;
    static final int THU_DAU_MOT = 25747;
    static final int HCMC = 79;

    private IntakeTesting() {
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String official(int commune) {
        return bearer(TestTokens.communeOfficial(commune));
    }

    static Map<String, Object> caseBody(int commune, String title) {
        return Map.of(
                "commune", commune,
                "topic", "T03",
                "kind", "QUESTION",
                "urgency", "URGENT",
                "title", title,
                "description", "Xin hướng dẫn thẩm quyền của Chủ tịch UBND cấp xã khi ký văn bản sau sắp xếp đơn vị hành chính.",
                "contact", Map.of("name", "Nguyễn Thị Hằng", "phone", "0912 345 678", "email", "hang@baDinh.gov.vn"));
    }

    static Response submit(int commune, String title) {
        return given().header("Authorization", official(commune)).contentType(ContentType.JSON)
                .body(caseBody(commune, title)).post("/api/v1/cases");
    }

    static String submitOk(int commune, String title) {
        return submit(commune, title).then().statusCode(201).extract().path("id");
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /**
     * Reads {@code topic} from the beginning (all partitions) until {@code done} holds for what was collected that
     * matches {@code filter}, or the timeout passes; returns the matching records.
     */
    static List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
            Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> matched = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (filter.test(r)) {
                        matched.add(r);
                    }
                }
                if (done.test(matched)) {
                    break;
                }
            }
        }
        return matched;
    }

    static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    static void send(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            // as triage-service's relay sends them: structured CloudEvents with their content type
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            record.headers().add(vn.gov.noivu.pakn.events.CaseEventCodec.CONTENT_TYPE_HEADER,
                    vn.gov.noivu.pakn.events.CaseEvent.CONTENT_TYPE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    static byte[] triageEvent(UUID eventId, CaseEventType type, long version, String caseId, CaseStatus status,
            TriageCaseData.InfoRequest infoRequest, TriageCaseData.Answer answer) {
        Instant now = Instant.now();
        Actor liaison = new Actor("liaison-1", "liaison", "Cán bộ phụ trách tỉnh 1");
        TriageCaseData data = new TriageCaseData(caseId, null, status, HANOI, BA_DINH, "T03",
                new TriageCaseData.Person("liaison-1", "Trần Văn Đức"), "Hướng dẫn thẩm quyền", "Văn bản trả lời",
                now.plus(Duration.ofDays(10)), new TriageCaseData.Unit("VU-CQDP", "Vụ Chính quyền địa phương"),
                null, List.of(), SlaState.ON_TRACK, null, 0, 0, 0, null, infoRequest, answer, null,
                new Change(liaison, now, null, type == CaseEventType.INFO_REQUESTED && infoRequest != null
                        ? infoRequest.question() : null, null));
        return CaseEventCodec.write(CaseEventCodec.triage(type, eventId, version, data))
                .getBytes(StandardCharsets.UTF_8);
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
