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
