package vn.gov.noivu.pakn.intake.tracking;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One event of a case, from intake (the commune's actions) or from triage (the ministry's). */
@Entity
@Table(name = "case_timeline")
public class TimelineEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
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
    @Column(name = "actor_id")
    public String actorId;
    @Column(name = "actor_role")
    public String actorRole;
    @Column(name = "actor_name")
    public String actorName;
    public String reason;
    public String text;
    public String status;
}
