package vn.gov.noivu.pakn.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds, writes and reads {@link CaseEvent}s. Reading validates everything a consumer relies on, so a consumer can
 * park what fails here on its dead-letter topic with the message as the reason.
 */
public final class CaseEventCodec {

    /** Header carrying the reason a record was parked on a dead-letter topic. */
    public static final String DLQ_REASON_HEADER = "dlq-reason";
    public static final String DLQ_ORIGIN_HEADER = "dlq-origin";
    public static final String CONTENT_TYPE_HEADER = "content-type";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CaseEventCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static CaseEvent intake(CaseEventType type, UUID eventId, long caseVersion, IntakeCaseData data) {
        requireProducer(type, CaseEventType.Producer.INTAKE);
        return build(type, eventId, data.caseId(), caseVersion, data.change().at(), data);
    }

    public static CaseEvent triage(CaseEventType type, UUID eventId, long caseVersion, TriageCaseData data) {
        requireProducer(type, CaseEventType.Producer.TRIAGE);
        return build(type, eventId, data.caseId(), caseVersion, data.change().at(), data);
    }

    private static CaseEvent build(CaseEventType type, UUID eventId, String caseId, long caseVersion, Instant time,
            Object data) {
        return new CaseEvent(CaseEvent.SPEC_VERSION, eventId.toString(), type.producer().source, type.ceType(), caseId,
                time, "application/json", caseVersion, CaseEvent.DATA_VERSION, MAPPER.valueToTree(data), null, null);
    }

    private static void requireProducer(CaseEventType type, CaseEventType.Producer producer) {
        if (type.producer() != producer) {
            throw new IllegalArgumentException(type + " is not published by " + producer);
        }
    }

    public static String write(CaseEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.id(), e);
        }
    }

    /** Reads raw record bytes: rejects invalid UTF-8, malformed JSON and events missing required attributes. */
    public static CaseEvent read(byte[] value) {
        if (value == null) {
            throw new InvalidEventException("record has no value (tombstone)");
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEventException("record value is not valid UTF-8", e);
        }
        return read(json);
    }

    public static CaseEvent read(String json) {
        CaseEvent event;
        try {
            event = MAPPER.readValue(json, CaseEvent.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("record value is not a CloudEvent in JSON: " + e.getOriginalMessage(), e);
        }
        if (event == null) {
            throw new InvalidEventException("record value is JSON null");
        }
        if (!CaseEvent.SPEC_VERSION.equals(event.specVersion())) {
            throw new InvalidEventException("unsupported specversion " + event.specVersion());
        }
        require(event.id(), "id");
        require(event.source(), "source");
        require(event.type(), "type");
        require(event.subject(), "subject");
        if (event.time() == null) {
            throw new InvalidEventException("missing attribute time");
        }
        if (event.eventType().isEmpty()) {
            throw new InvalidEventException("unknown event type " + event.type());
        }
        if (event.dataVersion() > CaseEvent.DATA_VERSION) {
            throw new InvalidEventException("data version " + event.dataVersion() + " is newer than this consumer knows ("
                    + CaseEvent.DATA_VERSION + ")");
        }
        if (event.caseVersion() < 1) {
            throw new InvalidEventException("caseversion must be >= 1, was " + event.caseVersion());
        }
        JsonNode data = event.data();
        if (data == null || !data.isObject()) {
            throw new InvalidEventException("missing data object");
        }
        if (!event.subject().equals(data.path("caseId").asText(null))) {
            throw new InvalidEventException("subject " + event.subject() + " differs from data.caseId");
        }
        return event;
    }

    public static IntakeCaseData intakeData(CaseEvent event) {
        return data(event, CaseEventType.Producer.INTAKE, IntakeCaseData.class);
    }

    public static TriageCaseData triageData(CaseEvent event) {
        return data(event, CaseEventType.Producer.TRIAGE, TriageCaseData.class);
    }

    private static <T> T data(CaseEvent event, CaseEventType.Producer producer, Class<T> type) {
        CaseEventType eventType = event.eventType()
                .orElseThrow(() -> new InvalidEventException("unknown event type " + event.type()));
        if (eventType.producer() != producer) {
            throw new InvalidEventException(event.type() + " does not carry " + type.getSimpleName());
        }
        try {
            T data = MAPPER.treeToValue(event.data(), type);
            if (data.getClass() == IntakeCaseData.class && ((IntakeCaseData) data).change() == null
                    || data.getClass() == TriageCaseData.class && ((TriageCaseData) data).change() == null) {
                throw new InvalidEventException("data.change is missing");
            }
            return data;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("data does not match " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static void require(String value, String attribute) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("missing attribute " + attribute);
        }
    }
}
