package vn.gov.noivu.pakn.triage.handling;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import vn.gov.noivu.pakn.eventing.timeline.TimelineRecord;

import java.time.Instant;
import java.util.UUID;

/**
 * Immutable audit record and timeline entry of a case: who, when, what, why (actor, reason and text: the shared
 * {@link TimelineRecord}). Triage actions carry the id of the event they published; commune actions received from
 * intake carry the intake event id.
 */
@Entity
@Table(name = "case_action")
public class CaseAction extends TimelineRecord {

    @Column(name = "case_id")
    public String caseId;
    @Column(name = "event_id")
    public UUID eventId;
    public String type;
    public Instant at;
    public String target;
    @Column(name = "status_after")
    public String statusAfter;
}
