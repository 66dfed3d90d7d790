package vn.gov.noivu.pakn.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A case event as a CloudEvent 1.0 in structured JSON mode (content type {@code application/cloudevents+json}).
 * The Kafka record key is always {@link #subject()}, the case id.
 *
 * <ul>
 *   <li>{@code id}: unique per event; a re-sent event keeps its id, so consumers deduplicate by it.</li>
 *   <li>{@code caseversion} (extension): per case and per producer, strictly increasing; consumers keep the highest.</li>
 *   <li>{@code dataversion} (extension): version of the data's JSON shape, {@value #DATA_VERSION} today.</li>
 *   <li>{@code traceparent}, {@code tracestate} (CloudEvents distributed-tracing extension, optional): the W3C trace
 *   context of the request that caused the event, so every consumer continues the same trace.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseEvent(
        @JsonProperty("specversion") String specVersion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        @JsonProperty("datacontenttype") String dataContentType,
        @JsonProperty("caseversion") long caseVersion,
        @JsonProperty("dataversion") int dataVersion,
        JsonNode data,
        String traceparent,
        String tracestate) {

    public static final String SPEC_VERSION = "1.0";
    public static final int DATA_VERSION = 1;
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    /** This event carrying the given W3C trace context (either may be null: no trace). */
    public CaseEvent withTrace(String traceparent, String tracestate) {
        return new CaseEvent(specVersion, id, source, type, subject, time, dataContentType, caseVersion, dataVersion,
                data, traceparent, tracestate);
    }

    /** The typed event type, or empty for a type this version of the contract does not know. */
    public java.util.Optional<CaseEventType> eventType() {
        return CaseEventType.fromCeType(type);
    }
}
