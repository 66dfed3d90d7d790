package vn.gov.noivu.pakn.eventing.timeline;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import vn.gov.noivu.pakn.events.Actor;
import vn.gov.noivu.pakn.events.Change;

/**
 * What every case timeline entry records of an event's {@link Change}: who (actor id, role, name), why (reason) and
 * the text shown, under an identity key. Each service keeps its own append-only table (intake's {@code case_timeline},
 * triage's {@code case_action}) with these columns and adds its own (case id, event id and type, time, status).
 */
@MappedSuperclass
public abstract class TimelineRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "actor_id")
    public String actorId;
    @Column(name = "actor_role")
    public String actorRole;
    @Column(name = "actor_name")
    public String actorName;
    public String reason;
    public String text;

    /** Copies the change's actor (when it has one), reason and text. */
    public void describe(Change change) {
        Actor actor = change.actor();
        if (actor != null) {
            actorId = actor.id();
            actorRole = actor.role();
            actorName = actor.name();
        }
        reason = change.reason();
        text = change.text();
    }
}
