package vn.gov.noivu.pakn.eventing.consumer;

import java.util.List;

import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.InvalidEventException;

/**
 * What events mean to one service: the only code a service writes to consume. {@link EventConsumer} decodes, orders,
 * retries, parks and commits; the handler applies.
 */
public interface CaseEventHandler {

    /**
     * Checks one decoded event before it is applied (right producer, data readable); throws
     * {@link InvalidEventException} to park it. Called outside any transaction.
     */
    default void validate(CaseEvent event) {
    }

    /**
     * Applies the events (in partition order) as ONE unit of work: one database transaction, one Elasticsearch bulk.
     * Returns one {@link Outcome} per event, in the same order. Throwing means nothing of the unit took effect: the
     * consumer retries later (transient failure, see {@link Failures}) or applies the events one by one, so one bad
     * event is parked and the others proceed. {@code spans} opens each event's trace span.
     */
    List<Outcome> apply(List<CaseEvent> events, EventSpans spans) throws Exception;

    /** Called after a unit was applied and its offsets are about to be committed (e.g. to trigger follow-up work). */
    default void applied(List<CaseEvent> events) {
    }
}
