package vn.gov.noivu.pakn.search;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import vn.gov.noivu.pakn.events.Actor;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseKind;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Change;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.events.TriageCaseData;
import vn.gov.noivu.pakn.events.Urgency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Builds case events exactly as intake-service and triage-service publish them, and publishes them to real Kafka. */
public final class TestEvents {

    private static KafkaProducer<String, byte[]> producer;
    private static int sequence = (int) (System.nanoTime() % 100_000);

    private TestEvents() {
    }

    public static synchronized String newCode() {
        return String.format("PAKN-2026-%06d", ++sequence % 1_000_000);
    }

    public static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** A case as intake knows it. */
    public record Submission(String caseId, String code, LabelledCorpus.Commune commune, String topic, String title,
            String description, Instant submittedAt) {

        public static Submission of(LabelledCorpus.Commune commune, String topic, String title, String description) {
            return new Submission(UUID.randomUUID().toString(), newCode(), commune, topic, title, description,
                    Instant.now());
        }

        public Submission at(Instant when) {
            return new Submission(caseId, code, commune, topic, title, description, when);
        }
    }

    public static final Actor COMMUNE_ACTOR = new Actor("commune-4", "commune-official", "Cán bộ xã");
    public static final Actor LIAISON_ACTOR = new Actor("liaison-1", "liaison", "Cán bộ phụ trách tỉnh 1");

    public static CaseEvent submitted(Submission s, long version) {
        return intake(CaseEventType.SUBMITTED, s, version, List.of(), s.title());
    }

    public static CaseEvent intake(CaseEventType type, Submission s, long version, List<Integer> supporters,
            String title) {
        IntakeCaseData d = new IntakeCaseData(s.caseId(), s.code(), s.commune().code(), s.commune().name(),
                s.commune().provinceCode(), s.commune().provinceName(), s.topic(), "Chuyên đề " + s.topic(),
                CaseKind.DIFFICULTY, Urgency.NORMAL, title, s.description(), "Nguyễn Văn An", "0912345678",
                "an@xa.gov.vn", 0, supporters, s.submittedAt(), COMMUNE_ACTOR,
                Change.by(COMMUNE_ACTOR, s.submittedAt().plusSeconds(version)));
        return CaseEventCodec.intake(type, UUID.randomUUID(), version, d);
    }

    /**
     * The commune accepts the answer (ANSWER_ACCEPTED) with a rating, and the snapshot lists the case's files, as
     * intake-service publishes them.
     */
    public static CaseEvent accepted(Submission s, long version, int rating, String comment,
            List<IntakeCaseData.Attachment> files) {
        Instant at = s.submittedAt().plusSeconds(200 + version);
        IntakeCaseData d = new IntakeCaseData(s.caseId(), s.code(), s.commune().code(), s.commune().name(),
                s.commune().provinceCode(), s.commune().provinceName(), s.topic(), "Chuyên đề " + s.topic(),
                CaseKind.DIFFICULTY, Urgency.NORMAL, s.title(), s.description(), "Nguyễn Văn An", "0912345678",
                "an@xa.gov.vn", files.size(), List.of(), s.submittedAt(), COMMUNE_ACTOR,
                Change.by(COMMUNE_ACTOR, at), files, new IntakeCaseData.Satisfaction(rating, comment, at));
        return CaseEventCodec.intake(CaseEventType.ANSWER_ACCEPTED, UUID.randomUUID(), version, d);
    }

    /** A triage snapshot: status, assignee, SLA and counters; {@code answer} non-null publishes an answer. */
    public static CaseEvent triage(CaseEventType type, Submission s, long version, CaseStatus status, SlaState sla,
            int handovers, int escalations, String answer) {
        TriageCaseData.Person liaison = new TriageCaseData.Person("liaison-" + s.commune().provinceCode(),
                "Cán bộ phụ trách tỉnh " + s.commune().provinceCode());
        Instant at = s.submittedAt().plusSeconds(100 + version);
        TriageCaseData d = new TriageCaseData(s.caseId(), s.code(), status, s.commune().provinceCode(),
                s.commune().code(), s.topic(), liaison, "Trả lời vướng mắc", "Văn bản trả lời", at.plus(Duration.ofDays(10)),
                new TriageCaseData.Unit("VU-CQDP", "Vụ Chính quyền địa phương"), AuthorityLevel.MINISTRY, List.of(), sla,
                at, handovers, 0, escalations, null, null,
                answer == null ? null : new TriageCaseData.Answer(answer, liaison, at, null), null,
                Change.by(LIAISON_ACTOR, at));
        return CaseEventCodec.triage(type, UUID.randomUUID(), version, d);
    }

    public static RecordMetadata publish(CaseEvent e) {
        String topic = e.eventType().orElseThrow().producer() == CaseEventType.Producer.INTAKE
                ? Topics.INTAKE_CASE_EVENTS : Topics.TRIAGE_CASE_EVENTS;
        return publishRaw(topic, e.subject(), CaseEventCodec.write(e).getBytes(StandardCharsets.UTF_8));
    }

    public static RecordMetadata publishRaw(String topic, String key, byte[] value) {
        try {
            ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, value);
            r.headers().add(CaseEventCodec.CONTENT_TYPE_HEADER, CaseEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            return producer().send(r).get(30, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new IllegalStateException("publish failed", ex);
        }
    }

    /** Waits (up to a generous bound, not a timing assertion) until the condition holds. */
    public static void await(String what, Duration max, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                last = null;
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("not reached within " + max + ": " + what, last);
    }
}
