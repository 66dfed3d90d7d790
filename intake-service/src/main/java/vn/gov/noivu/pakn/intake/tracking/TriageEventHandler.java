package vn.gov.noivu.pakn.intake.tracking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.gov.noivu.pakn.eventing.consumer.CaseEventHandler;
import vn.gov.noivu.pakn.eventing.consumer.EventSpans;
import vn.gov.noivu.pakn.eventing.consumer.Outcome;
import vn.gov.noivu.pakn.eventing.consumer.ProcessedEvents;
import vn.gov.noivu.pakn.eventing.consumer.SqlProcessedEvents;
import vn.gov.noivu.pakn.eventing.tracing.EventSpan;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.InvalidEventException;
import vn.gov.noivu.pakn.events.TriageCaseData;
import vn.gov.noivu.pakn.intake.submission.CaseRepository;
import vn.gov.noivu.pakn.intake.submission.IntakeCase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Applies a triage lifecycle event to intake's view of the case, idempotently: the event id is recorded in
 * {@code processed_event} in the same transaction as the effect, so a redelivered event changes nothing. Every new
 * event goes to the timeline; the snapshot (status, responsible unit, assignee, due date, open information request,
 * answer) is taken only from an event with a higher triage caseversion than the one already applied.
 */
@ApplicationScoped
public class TriageEventHandler implements CaseEventHandler {

    private static final Logger LOG = Logger.getLogger(TriageEventHandler.class);

    @Inject
    EntityManager em;

    @Inject
    CaseRepository cases;

    @Override
    public void validate(CaseEvent event) {
        CaseEventCodec.triageData(event);
    }

    /** Applies a polled batch in one transaction (eventing's consumer retries one by one if it fails). */
    @Override
    @Transactional
    public List<Outcome> apply(List<CaseEvent> events, EventSpans spans) {
        ProcessedEvents processed = new SqlProcessedEvents(em);
        List<Outcome> out = new ArrayList<>(events.size());
        for (CaseEvent event : events) {
            try (EventSpan span = spans.process(event)) {
                try {
                    out.add(apply(event, CaseEventCodec.triageData(event), processed));
                } catch (RuntimeException e) {
                    span.fail(e);
                    throw e;
                }
            }
        }
        return out;
    }

    /**
     * One event; {@link Outcome#STALE} when only the timeline took it (an older triage caseversion than applied).
     *
     * @throws InvalidEventException when the event is not one intake can ever apply (not a triage event, data that
     *                               does not match, a case intake does not know): the consumer parks it
     */
    Outcome apply(CaseEvent event, TriageCaseData data, ProcessedEvents processed) {
        if (!processed.claim(event, "APPLIED")) {
            LOG.debugf("duplicate triage event %s ignored", event.id());
            return Outcome.DUPLICATE;
        }
        UUID caseId;
        try {
            caseId = UUID.fromString(event.subject());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("subject is not a case id: " + event.subject());
        }
        IntakeCase c = cases.lock(caseId)
                .orElseThrow(() -> new InvalidEventException("unknown case " + caseId + " (not submitted here)"));
        CaseEventType type = event.eventType().orElseThrow();

        TimelineEntry t = new TimelineEntry();
        t.caseId = c.id;
        t.eventId = event.id();
        t.eventType = type.name();
        t.producer = "TRIAGE";
        t.occurredAt = event.time();
        t.describe(data.change());
        t.status = data.status() == null ? null : data.status().name();
        t.persist();

        if (event.caseVersion() <= c.triageVersion) {
            return Outcome.STALE;
        }
        c.triageVersion = event.caseVersion();
        if (data.status() != null) {
            c.status = data.status();
        }
        c.responsibleUnitCode = data.responsibleUnit() == null ? null : data.responsibleUnit().code();
        c.responsibleUnitName = data.responsibleUnit() == null ? null : data.responsibleUnit().name();
        c.assigneeName = data.assignee() == null ? null : data.assignee().name();
        c.dueAt = data.dueAt();
        c.slaState = data.slaState() == null ? null : data.slaState().name();
        c.infoRequestQuestion = data.openInfoRequest() == null ? null : data.openInfoRequest().question();
        c.infoRequestAt = data.openInfoRequest() == null ? null : data.openInfoRequest().requestedAt();
        c.answerText = data.answer() == null ? null : data.answer().text();
        c.answeredByName = data.answer() == null || data.answer().answeredBy() == null ? null
                : data.answer().answeredBy().name();
        c.answeredAt = data.answer() == null ? null : data.answer().answeredAt();
        c.awaitingTriage = false;
        c.updatedAt = Instant.now();
        return Outcome.APPLIED;
    }
}
