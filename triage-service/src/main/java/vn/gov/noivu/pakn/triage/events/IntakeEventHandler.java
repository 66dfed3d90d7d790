package vn.gov.noivu.pakn.triage.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.commons.text.VietnameseText;
import vn.gov.noivu.pakn.eventing.consumer.CaseEventHandler;
import vn.gov.noivu.pakn.eventing.consumer.EventSpans;
import vn.gov.noivu.pakn.eventing.consumer.Outcome;
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
import vn.gov.noivu.pakn.triage.handling.TriageCase;
import vn.gov.noivu.pakn.triage.handling.CaseRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.gov.noivu.pakn.triage.reference.ReferenceData;
import vn.gov.noivu.pakn.triage.routing.RoutingService;
import vn.gov.noivu.pakn.triage.sla.CalendarService;
import vn.gov.noivu.pakn.triage.sla.SlaClock;

/**
 * What an event of {@code pakn.intake.case-events} means to triage: route a new case, apply a later snapshot and its
 * change. The shared {@link vn.gov.noivu.pakn.eventing.consumer.EventConsumer} hands it a polled batch, applied here
 * in ONE transaction: the processed-events rows of the batch (keyed by the CloudEvent id, one multi-row insert) and
 * the effects, so a redelivered event has no second effect. The batch's known cases are read and locked with one
 * query; routing reads the cached {@link ReferenceData}; flush mode COMMIT (no auto-flush before queries). Events of a case older than what was applied (by caseversion) are recorded
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
        // nothing below needs to see its own unflushed writes through a query: no auto-flush before each statement
        em.unwrap(Session.class).setHibernateFlushMode(FlushMode.COMMIT);
        // two statements for the whole batch: its processed-event ids, then its known cases, locked
        Set<String> claimed = new SqlProcessedEvents(em).claimAll(events, "APPLIED");
        Map<String, TriageCase> known = cases.findForUpdate(events.stream().filter(e -> claimed.contains(e.id()))
                .map(CaseEvent::subject).collect(Collectors.toSet()));
        List<Outcome> outcomes = new ArrayList<>(events.size());
        for (CaseEvent event : events) {
            try (EventSpan span = spans.process(event)) {
                try {
                    // remove: an id twice in the batch is applied once
                    outcomes.add(claimed.remove(event.id()) ? handle(event, known) : duplicate(event));
                } catch (RuntimeException e) {
                    span.fail(e);
                    throw e;
                }
            }
        }
        return outcomes;
    }

    private static Outcome duplicate(CaseEvent event) {
        LOG.debugf("event %s already processed", event.id());
        return Outcome.DUPLICATE;
    }

    private Outcome handle(CaseEvent event, Map<String, TriageCase> known) {
        validate(event);
        CaseEventType type = event.eventType().orElseThrow();
        IntakeCaseData data = CaseEventCodec.intakeData(event);
        Instant now = clock.instant();
        TriageCase c = known.get(event.subject());
        if (c == null) {
            c = routing.route(data, event.caseVersion(), event.time(), now);
            known.put(c.id, c);
            if (type != CaseEventType.SUBMITTED) {
                // first event seen is a later one (snapshot carries everything): route, then apply it
                apply(c, type, data, now);
            }
            return Outcome.APPLIED;
        }
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
