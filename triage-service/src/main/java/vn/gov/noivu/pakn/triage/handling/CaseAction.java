package vn.gov.noivu.pakn.triage.handling;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * Immutable audit record and timeline entry of a case: who, when, what, why. Triage actions carry the id of the
 * event they published; commune actions received from intake carry the intake event id.
 */
@Entity
@Table(name = "case_action")
public class CaseAction extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "case_id")
    public String caseId;
    @Column(name = "event_id")
    public UUID eventId;
    public String type;
    @Column(name = "actor_id")
    public String actorId;
    @Column(name = "actor_role")
    public String actorRole;
    @Column(name = "actor_name")
    public String actorName;
    public Instant at;
    public String reason;
    public String text;
    public String target;
    @Column(name = "status_after")
    public String statusAfter;
}
