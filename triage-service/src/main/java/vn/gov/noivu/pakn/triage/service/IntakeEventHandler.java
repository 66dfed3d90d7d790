package vn.gov.noivu.pakn.triage.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.commons.text.VietnameseText;
import vn.gov.noivu.pakn.eventing.consumer.CaseEventHandler;
import vn.gov.noivu.pakn.eventing.consumer.EventSpans;
import vn.gov.noivu.pakn.eventing.consumer.Outcome;
import vn.gov.noivu.pakn.eventing.consumer.ProcessedEvents;
import vn.gov.noivu.pakn.eventing.consumer.SqlProcessedEvents;
import vn.gov.noivu.pakn.eventing.tracing.EventSpan;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an event of {@code pakn.intake.case-events} means to triage: route a new case, apply a later snapshot and its
 * change. The shared {@link vn.gov.noivu.pakn.eventing.consumer.EventConsumer} hands it a polled batch, applied here
 * in ONE transaction: per event the processed-events row (keyed by the CloudEvent id) and the effect, so a
 * redelivered event has no second effect. Events of a case older than what was applied (by caseversion) are recorded
 * and skipped. If the batch fails, the consumer calls again with one event at a time.
 */
@ApplicationScoped
public class IntakeEventHandler implements CaseEventHandler {

    private static final Logger LOG = Logger.getLogger(IntakeEventHandler.class);

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

    @Override
    public void validate(CaseEvent event) {
        CaseEventType type = event.eventType().orElseThrow(() -> new InvalidEventException("unknown type"));
        if (type.producer() != CaseEventType.Producer.INTAKE) {
            throw new InvalidEventException(event.type() + " is not an intake event");
        }
        CaseEventCodec.intakeData(event);
    }

    @Override
    @Transactional
    public List<Outcome> apply(List<CaseEvent> events, EventSpans spans) {
        ProcessedEvents processed = new SqlProcessedEvents(em);
        List<Outcome> outcomes = new ArrayList<>(events.size());
        for (CaseEvent event : events) {
            try (EventSpan span = spans.process(event)) {
                try {
                    outcomes.add(handle(event, processed));
                } catch (RuntimeException e) {
                    span.fail(e);
                    throw e;
                }
            }
        }
        return outcomes;
    }

    private Outcome handle(CaseEvent event, ProcessedEvents processed) {
        validate(event);
        CaseEventType type = event.eventType().orElseThrow();
        IntakeCaseData data = CaseEventCodec.intakeData(event);
        if (!processed.claim(event, "APPLIED")) {
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
            return Outcome.APPLIED;
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
