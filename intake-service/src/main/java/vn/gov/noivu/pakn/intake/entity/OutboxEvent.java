package vn.gov.noivu.pakn.intake.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A CloudEvent waiting to be (or already) published; written in the transaction of the change it describes. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "case_version")
    public long caseVersion;
    @Column(name = "event_type")
    public String eventType;
    public String topic;
    /** The CloudEvent exactly as it is published (structured JSON mode), so a re-send is byte-identical. */
    public String payload;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "published_at")
    public Instant publishedAt;
    public int attempts;
    @Column(name = "last_error")
    public String lastError;
}
