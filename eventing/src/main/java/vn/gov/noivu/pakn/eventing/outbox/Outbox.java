package vn.gov.noivu.pakn.eventing.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.eventing.tracing.TraceContext;

import java.time.Instant;
import java.util.UUID;

/**
 * Writes events to the outbox in the caller's transaction: the domain builds the {@link CaseEvent} (what it means),
 * the outbox stamps it with the current trace context, stores it exactly as it will be published, and wakes the relay
 * once the transaction commits. Nothing is published that was not committed.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    OutboxRelay relay;

    /** Stores {@code event} for {@code topic} (key: its subject, the case id); returns the event as it is published. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CaseEvent append(String topic, CaseEvent event) {
        CaseEvent stamped = TraceContext.stamp(event);
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.fromString(stamped.id());
        row.caseId = stamped.subject();
        row.caseVersion = stamped.caseVersion();
        row.eventType = stamped.eventType().map(CaseEventType::name).orElse(stamped.type());
        row.topic = topic;
        row.payload = CaseEventCodec.write(stamped);
        row.traceparent = stamped.traceparent();
        row.createdAt = Instant.now(); // when it entered the outbox (the lag is measured from here), not the event's time
        em.persist(row);
        relay.wakeAfterCommit();
        return stamped;
    }
}
