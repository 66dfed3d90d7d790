package vn.gov.noivu.pakn.notification;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** Case events as intake-service and triage-service publish them, sent to the real Kafka of the test. */
final class Events {

    static final Actor LIAISON = new Actor("liaison-test", "liaison", "Nguyễn Văn Liên");

    private static KafkaProducer<String, byte[]> producer;

    private Events() {
    }

    static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    static void send(CaseEvent e) throws Exception {
        String topic = e.source().equals(CaseEventType.Producer.INTAKE.source) ? Topics.INTAKE_CASE_EVENTS
                : Topics.TRIAGE_CASE_EVENTS;
        producer().send(new ProducerRecord<>(topic, e.subject(), CaseEventCodec.write(e).getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    static void sendRaw(String topic, String key, byte[] value) throws Exception {
        producer().send(new ProducerRecord<>(topic, key, value)).get();
    }

    static CaseEvent submitted(String caseId, int commune, int province, long version) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        IntakeCaseData d = new IntakeCaseData(caseId, code(caseId), commune, "Phường Thử Nghiệm " + commune, province,
                "Tỉnh Thử Nghiệm " + province, "T09", "Biên chế", CaseKind.values()[0], Urgency.NORMAL,
                "Thiếu biên chế công chức văn hóa – xã hội sau sáp nhập", "Xã đề nghị hướng dẫn bố trí biên chế.",
                "Trần Thị Hoa", "0912345678", null, 0, List.of(), at,
                new Actor("commune-" + commune, "commune-official", "Cán bộ xã"),
                Change.by(new Actor("commune-" + commune, "commune-official", "Cán bộ xã"), at));
        return CaseEventCodec.intake(CaseEventType.SUBMITTED, UUID.randomUUID(), version, d);
    }

    static CaseEvent triage(CaseEventType type, String caseId, int commune, int province, long version,
            CaseStatus status, SlaState sla, String text) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TriageCaseData.Answer answer = type == CaseEventType.ANSWERED
                ? new TriageCaseData.Answer(text, new TriageCaseData.Person(LIAISON.id(), LIAISON.name()), at, null)
                : null;
        TriageCaseData.InfoRequest info = type == CaseEventType.INFO_REQUESTED
                ? new TriageCaseData.InfoRequest(text, at) : null;
        TriageCaseData.Escalation escalation = type == CaseEventType.ESCALATED
                ? new TriageCaseData.Escalation(AuthorityLevel.MINISTRY, "VU-TCBC", text, false, at) : null;
        TriageCaseData d = new TriageCaseData(caseId, code(caseId), status, province, commune, "T09",
                new TriageCaseData.Person(LIAISON.id(), LIAISON.name()), "Hướng dẫn bố trí biên chế", "Văn bản trả lời",
                Instant.parse("2026-12-31T10:00:00Z"), new TriageCaseData.Unit("VU-TCBC", "Vụ Tổ chức - Biên chế"),
                AuthorityLevel.MINISTRY, List.of(), sla, at, 0, 0, escalation == null ? 0 : 1, escalation, info,
                answer, null, new Change(LIAISON, at, type == CaseEventType.ESCALATED ? text : null, text, null));
        return CaseEventCodec.triage(type, UUID.randomUUID(), version, d);
    }

    static String code(String caseId) {
        return "PAKN-TEST-" + caseId.substring(0, 8).toUpperCase();
    }
}
