package vn.gov.noivu.pakn.eventing.consumer;

import vn.gov.noivu.pakn.eventing.tracing.EventSpan;
import vn.gov.noivu.pakn.events.CaseEvent;

/** Opens the consumer span of one event of the batch being applied (it knows the event's topic). */
@FunctionalInterface
public interface EventSpans {

    EventSpan process(CaseEvent event);
}
