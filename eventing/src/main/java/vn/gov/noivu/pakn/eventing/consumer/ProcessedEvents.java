package vn.gov.noivu.pakn.eventing.consumer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import vn.gov.noivu.pakn.events.CaseEvent;

/**
 * The dedupe store of a consumer: remembers the CloudEvent ids applied, in the same unit of work as their effect (so
 * a redelivered event has no second effect). A JPA table for services with a database ({@link SqlProcessedEvents});
 * search-service needs none, because Elasticsearch's external document versions ({@code caseversion}) make a
 * re-applied event a no-op.
 */
public interface ProcessedEvents {

    /**
     * Records the event as processed within the caller's unit of work; false if it was already processed (a
     * duplicate delivery, which the handler then skips).
     */
    boolean claim(CaseEvent event, String outcome);

    /**
     * Records a whole batch (one round trip where the store allows it); returns the ids newly recorded, i.e. the
     * events to apply. An id occurring twice in the batch is returned once: the handler applies its first occurrence
     * and reports the later ones as duplicates.
     */
    default Set<String> claimAll(List<CaseEvent> events, String outcome) {
        Set<String> claimed = new LinkedHashSet<>();
        for (CaseEvent e : events) {
            if (!claimed.contains(e.id()) && claim(e, outcome)) {
                claimed.add(e.id());
            }
        }
        return claimed;
    }
}
