package vn.gov.noivu.pakn.triage.admin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One edit of reference data (append-only: a trigger refuses updates and deletes). */
@Entity
@Table(name = "admin_audit")
public class AdminAudit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Instant at;
    @Column(name = "actor_id")
    public String actorId;
    @Column(name = "actor_name")
    public String actorName;
    public String entity;
    @Column(name = "entity_key")
    public String entityKey;
    public String action;
    public String before;
    public String after;
    public String reason;
}
