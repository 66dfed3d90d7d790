package vn.gov.noivu.pakn.intake.tracking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import vn.gov.noivu.pakn.eventing.timeline.TimelineRecord;

import java.time.Instant;
import java.util.UUID;

/**
 * One event of a case, from intake (the commune's actions) or from triage (the ministry's); actor, reason and text
 * are the shared {@link TimelineRecord}.
 */
@Entity
@Table(name = "case_timeline")
public class TimelineEntry extends TimelineRecord {
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_type")
    public String eventType;
    /** INTAKE or TRIAGE */
    public String producer;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String status;
}
