package vn.gov.noivu.pakn.triage.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.commons.id.Ids;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.Change;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.eventing.outbox.Outbox;
import vn.gov.noivu.pakn.triage.handling.CaseAction;
import vn.gov.noivu.pakn.triage.handling.TriageCase;
import vn.gov.noivu.pakn.triage.handling.CaseMapper;

import java.util.UUID;

/**
 * Records what happened to a case: an immutable audit/timeline entry and, for lifecycle events, the CloudEvent (built
 * here: what the event means) handed to eventing's {@link Outbox} (stamps the trace, stores it, wakes the relay after
 * commit) — all in the caller's transaction, so the change, its audit record and its event commit or roll back
 * together.
 */
@ApplicationScoped
public class CaseEventEmitter {

    private static final Logger LOG = Logger.getLogger(CaseEventEmitter.class);

    @Inject
    CaseMapper mapper;

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID emit(TriageCase c, CaseEventType type, Change change) {
        c.triageVersion++;
        c.updatedAt = change.at();
        UUID eventId = Ids.next();
        outbox.append(Topics.TRIAGE_CASE_EVENTS,
                CaseEventCodec.triage(type, eventId, c.triageVersion, mapper.snapshot(c, change, change.at())));
        if (!c.isPersistent()) {
            // a case routed just now: stored here, after its version was set (one INSERT rather than INSERT + UPDATE)
            // and before its timeline entry (which references it)
            c.persist();
        }
        record(c, type.name(), eventId, change);
        LOG.infof("case %s %s: %s v%d by %s", c.code, c.id, type, c.triageVersion, change.actor().id());
        return eventId;
    }

    /** An audit/timeline entry without a triage event (e.g. a commune's "me too" received from intake). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(TriageCase c, String type, UUID eventId, Change change) {
        CaseAction a = new CaseAction();
        a.caseId = c.id;
        a.eventId = eventId;
        a.type = type;
        a.describe(change);
        a.at = change.at();
        a.target = change.target();
        a.statusAfter = c.status.name();
        a.persist();
    }
}
