package vn.gov.noivu.pakn.eventing.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvent waiting to be (or already) published, written in the transaction of the change it describes. Every
 * service has this table in the same shape (its own Flyway migrations); the relay reads it with native SQL.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;
    @Column(name = "event_id")
    public UUID eventId;
    /** The Kafka record key: the case id (CloudEvent subject). */
    @Column(name = "case_id")
    public String caseId;
    @Column(name = "case_version")
    public long caseVersion;
    /** The short type (e.g. SUBMITTED, ROUTED), for queries and tests. */
    @Column(name = "event_type")
    public String eventType;
    public String topic;
    /** The CloudEvent exactly as it is published (structured JSON mode), so a re-send is byte-identical. */
    public String payload;
    /** W3C trace context of the writing request, also inside the payload; sent as a Kafka header too. */
    public String traceparent;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "published_at")
    public Instant publishedAt;
    public int attempts;
    @Column(name = "last_error")
    public String lastError;
}
