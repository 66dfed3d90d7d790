package vn.gov.noivu.pakn.triage.reference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import vn.gov.noivu.pakn.events.Urgency;

/** Urgency → SLA target in working days. */
@Entity
@Table(name = "sla_target")
public class SlaTarget extends PanacheEntityBase {

    @Id
    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    @Column(name = "working_days")
    public int workingDays;
}
