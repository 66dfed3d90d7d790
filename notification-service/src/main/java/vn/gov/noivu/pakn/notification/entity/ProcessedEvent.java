package vn.gov.noivu.pakn.notification.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A case event already applied (by CloudEvent id), written in the same transaction as its effects. */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    public String type;

    @Column(name = "case_id")
    public String caseId;

    @Column(name = "processed_at")
    public Instant processedAt;
}
