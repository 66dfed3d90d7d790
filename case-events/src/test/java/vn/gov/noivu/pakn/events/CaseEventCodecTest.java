package vn.gov.noivu.pakn.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaseEventCodecTest {

    static IntakeCaseData sample(String caseId) {
        Actor actor = new Actor("commune-4", "commune-official", "Cán bộ xã 4");
        return new IntakeCaseData(caseId, "PAKN-2026-000001", 4, "Phường Ba Đình", 1, "Thành phố Hà Nội", "T08",
                "Thủ tục hành chính", CaseKind.DIFFICULTY, Urgency.NORMAL, "Thủ tục chậm", "Mô tả dài", "Nguyễn Văn A",
                null, null, 0, List.of(), Instant.parse("2026-11-26T01:00:00Z"), actor,
                Change.by(actor, Instant.parse("2026-11-26T01:00:00Z")));
    }

    @Test
    void roundTripKeepsEveryAttribute() {
        String caseId = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        CaseEvent event = CaseEventCodec.intake(CaseEventType.SUBMITTED, eventId, 1, sample(caseId));
        String json = CaseEventCodec.write(event);
        assertTrue(json.contains("\"specversion\":\"1.0\""), json);
        assertTrue(json.contains("\"type\":\"vn.gov.noivu.pakn.case.submitted\""), json);

        CaseEvent read = CaseEventCodec.read(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(eventId.toString(), read.id());
        assertEquals(caseId, read.subject());
        assertEquals("/pakn/intake-service", read.source());
        assertEquals(1, read.caseVersion());
        assertEquals(CaseEvent.DATA_VERSION, read.dataVersion());
        IntakeCaseData data = CaseEventCodec.intakeData(read);
        assertEquals("Phường Ba Đình", data.communeName());
        assertEquals(CaseKind.DIFFICULTY, data.kind());
    }

    @Test
    void satisfactionAndAttachmentsAreOptionalAdditions() {
        String caseId = UUID.randomUUID().toString();
        IntakeCaseData old = sample(caseId);
        Instant at = Instant.parse("2026-12-02T13:06:00Z");
        IntakeCaseData rated = new IntakeCaseData(old.caseId(), old.code(), old.communeCode(), old.communeName(),
                old.provinceCode(), old.provinceName(), old.topicCode(), old.topicName(), old.kind(), old.urgency(),
                old.title(), old.description(), old.contactName(), old.contactPhone(), old.contactEmail(), 1,
                old.supportingCommunes(), old.submittedAt(), old.submittedBy(), old.change(),
                List.of(new IntakeCaseData.Attachment(UUID.randomUUID().toString(), "Biên bản.pdf", "application/pdf",
                        1234, at)),
                new IntakeCaseData.Satisfaction(4, "Trả lời rõ ràng", at));
        IntakeCaseData read = CaseEventCodec.intakeData(CaseEventCodec.read(CaseEventCodec.write(
                CaseEventCodec.intake(CaseEventType.ANSWER_ACCEPTED, UUID.randomUUID(), 3, rated))
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(4, read.satisfaction().rating());
        assertEquals("Trả lời rõ ràng", read.satisfaction().comment());
        assertEquals(at, read.satisfaction().at());
        assertEquals("Biên bản.pdf", read.attachments().get(0).fileName());
        assertEquals(CaseEvent.DATA_VERSION, CaseEventCodec.read(CaseEventCodec.write(
                CaseEventCodec.intake(CaseEventType.ANSWER_ACCEPTED, UUID.randomUUID(), 3, rated))).dataVersion());

        // an event of the shape before (no such fields) still reads, with both null
        ObjectNode before = CaseEventCodec.mapper().valueToTree(
                CaseEventCodec.intake(CaseEventType.SUBMITTED, UUID.randomUUID(), 1, old));
        ((ObjectNode) before.get("data")).remove(List.of("attachments", "satisfaction"));
        IntakeCaseData legacy = CaseEventCodec.intakeData(CaseEventCodec.read(before.toString()));
        assertEquals(null, legacy.satisfaction());
        assertEquals(null, legacy.attachments());
    }

    @Test
    void rejectsWhatAConsumerCannotUse() {
        assertThrows(InvalidEventException.class, () -> CaseEventCodec.read(new byte[] {(byte) 0xC3, (byte) 0x28}));
        assertThrows(InvalidEventException.class, () -> CaseEventCodec.read("{not json"));
        assertThrows(InvalidEventException.class, () -> CaseEventCodec.read("null"));
        assertThrows(InvalidEventException.class, () -> CaseEventCodec.read((byte[]) null));

        String caseId = UUID.randomUUID().toString();
        CaseEvent good = CaseEventCodec.intake(CaseEventType.SUBMITTED, UUID.randomUUID(), 1, sample(caseId));
        ObjectNode node = CaseEventCodec.mapper().valueToTree(good);
        node.put("type", "vn.gov.noivu.pakn.case.unknown");
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> CaseEventCodec.read(node.toString()));
        assertTrue(e.getMessage().contains("unknown event type"));

        ObjectNode wrongSubject = CaseEventCodec.mapper().valueToTree(good);
        wrongSubject.put("subject", UUID.randomUUID().toString());
        assertThrows(InvalidEventException.class, () -> CaseEventCodec.read(wrongSubject.toString()));

        ObjectNode noTime = CaseEventCodec.mapper().valueToTree(good);
        noTime.remove("time");
        assertThrows(InvalidEventException.class, () -> CaseEventCodec.read(noTime.toString()));
    }

    @Test
    void triageDataIsNotIntakeData() {
        String caseId = UUID.randomUUID().toString();
        CaseEvent event = CaseEventCodec.read(CaseEventCodec.write(
                CaseEventCodec.intake(CaseEventType.SUBMITTED, UUID.randomUUID(), 1, sample(caseId))));
        assertThrows(InvalidEventException.class, () -> CaseEventCodec.triageData(event));
        assertThrows(IllegalArgumentException.class,
                () -> CaseEventCodec.intake(CaseEventType.ROUTED, UUID.randomUUID(), 1, sample(caseId)));
    }
}
