package vn.gov.noivu.pakn.triage.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.commons.text.VietnameseText;
import vn.gov.noivu.pakn.events.Actor;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Change;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.InvalidEventException;
import vn.gov.noivu.pakn.triage.entity.TriageCase;
import vn.gov.noivu.pakn.triage.repository.CaseRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies one event of {@code pakn.intake.case-events} in one transaction: the processed-events row (keyed by the
 * CloudEvent id) and the effect commit together, so a redelivered event has no second effect. Events of a case older
 * than what was applied (by caseversion) are recorded and skipped.
 */
@ApplicationScoped
public class IntakeEventHandler {

    private static final Logger LOG = Logger.getLogger(IntakeEventHandler.class);

    public enum Outcome { ROUTED, APPLIED, DUPLICATE, STALE }

    @Inject
    EntityManager em;
    @Inject
    CaseRepository cases;
    @Inject
    RoutingService routing;
    @Inject
    CalendarService calendar;
    @Inject
    CaseEventEmitter emitter;
    @Inject
    Clock clock;

    @Transactional
    public Outcome handle(CaseEvent event) {
        CaseEventType type = event.eventType().orElseThrow(() -> new InvalidEventException("unknown type"));
        if (type.producer() != CaseEventType.Producer.INTAKE) {
            throw new InvalidEventException(event.type() + " is not an intake event");
        }
        IntakeCaseData data = CaseEventCodec.intakeData(event);
        if (!markProcessed(event.id(), event.subject(), type.name(), event.caseVersion(), "APPLIED")) {
            LOG.debugf("event %s already processed", event.id());
            return Outcome.DUPLICATE;
        }
        Instant now = clock.instant();
        Optional<TriageCase> existing = cases.findForUpdate(event.subject());
        if (existing.isEmpty()) {
            TriageCase c = routing.route(data, event.caseVersion(), event.time(), now);
            if (type != CaseEventType.SUBMITTED) {
                // first event seen is a later one (snapshot carries everything): route, then apply it
                apply(c, type, data, now);
            }
            return Outcome.ROUTED;
        }
        TriageCase c = existing.get();
        if (event.caseVersion() <= c.intakeVersion) {
            LOG.debugf("event %s v%d of case %s is older than v%d: skipped", event.id(), event.caseVersion(), c.id,
                    c.intakeVersion);
            return Outcome.STALE;
        }
        routing.applySnapshot(c, data, event.caseVersion(), event.time());
        c.updatedAt = now;
        apply(c, type, data, now);
        return Outcome.APPLIED;
    }

    /** Marks a parked (dead-lettered) record as handled, so a redelivery does not park it twice. */
    @Transactional
    public boolean markParked(String key) {
        return markProcessed(key, null, null, null, "DEAD_LETTER");
    }

    @Transactional
    public boolean alreadyHandled(String key) {
        return em.createNativeQuery("select 1 from processed_event where event_id = ?1").setParameter(1, key)
                .getResultList().size() > 0;
    }

    private boolean markProcessed(String key, String caseId, String type, Long version, String outcome) {
        return em.createNativeQuery("insert into processed_event (event_id, case_id, type, case_version, outcome) "
                        + "values (?1, ?2, ?3, ?4, ?5) on conflict (event_id) do nothing")
                .setParameter(1, key).setParameter(2, caseId).setParameter(3, type).setParameter(4, version)
                .setParameter(5, outcome).executeUpdate() == 1;
    }

    private void apply(TriageCase c, CaseEventType type, IntakeCaseData data, Instant now) {
        Change theirs = data.change();
        Actor actor = theirs.actor() == null ? new Actor("commune-" + data.communeCode(), "commune-official", null)
                : theirs.actor();
        Instant at = theirs.at() == null ? now : theirs.at();
        Change change = new Change(actor, at, VietnameseText.nfc(theirs.reason()), VietnameseText.nfc(theirs.text()),
                theirs.target());
        switch (type) {
            case SUBMITTED, SUPPORTED -> emitter.record(c, type.name(), null, change);
            case INFO_PROVIDED -> {
                emitter.record(c, type.name(), null, change);
                if (c.status == CaseStatus.NEEDS_INFO) {
                    SlaClock sla = calendar.clock();
                    Instant resumed = at.isBefore(c.slaPausedAt) ? c.slaPausedAt : at;
                    c.dueAt = sla.resume(c.dueAt, c.slaPausedAt, resumed);
                    c.atRiskAt = sla.atRiskAt(c.dueAt);
                    c.status = c.statusBeforePause == null ? CaseStatus.CLAIMED : c.statusBeforePause;
                    c.statusBeforePause = null;
                    c.slaPausedAt = null;
                    c.infoQuestion = null;
                    c.infoRequestedAt = null;
                    if (now.isBefore(c.atRiskAt)) {
                        c.atRiskNotifiedAt = null;
                    }
                    if (!now.isAfter(c.dueAt)) {
                        c.overdueNotifiedAt = null;
                    }
                    emitter.emit(c, CaseEventType.INFO_RECEIVED, change);
                }
            }
            case ANSWER_ACCEPTED -> {
                if (c.status == CaseStatus.ANSWERED) {
                    c.status = CaseStatus.CLOSED;
                    emitter.emit(c, CaseEventType.CLOSED, change);
                } else {
                    LOG.warnf("ANSWER_ACCEPTED for case %s in status %s: recorded only", c.id, c.status);
                    emitter.record(c, type.name(), null, change);
                }
            }
            case REOPEN_REQUESTED -> {
                if (c.status == CaseStatus.ANSWERED || c.status == CaseStatus.CLOSED) {
                    SlaClock sla = calendar.clock();
                    c.status = CaseStatus.REOPENED;
                    c.claimedAt = null;
                    c.lastWorkedAt = null;
                    c.dueAt = sla.dueAt(at, calendar.targetDays(c.urgency));
                    c.atRiskAt = sla.atRiskAt(c.dueAt);
                    c.atRiskNotifiedAt = null;
                    c.overdueNotifiedAt = null;
                    c.autoEscalatedAt = null;
                    c.autoEscalationCause = null;
                    c.claimIdleFlaggedAt = null;
                    emitter.emit(c, CaseEventType.REOPENED, change);
                } else {
                    LOG.warnf("REOPEN_REQUESTED for case %s in status %s: recorded only", c.id, c.status);
                    emitter.record(c, type.name(), null, change);
                }
            }
            default -> throw new InvalidEventException(type + " is not an intake event");
        }
    }
}
