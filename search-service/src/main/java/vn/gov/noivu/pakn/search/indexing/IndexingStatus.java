package vn.gov.noivu.pakn.search.indexing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/** What the live consumer is doing, for the admin API (readiness: eventing's {@code event-consumers} check). */
@ApplicationScoped
public class IndexingStatus {

    @Inject
    CaseEventConsumer consumer;

    public record Snapshot(boolean running, boolean failing, String lastError, Instant failingSince,
            Instant lastBatchAt, long events, long parked) {
    }

    public boolean failing() {
        return snapshot().failing();
    }

    public Snapshot snapshot() {
        return consumer.status()
                .map(s -> new Snapshot(s.running(), s.failing(), s.lastError(), s.failingSince(), s.lastBatchAt(),
                        s.processed() + s.duplicates(), s.parked()))
                .orElse(new Snapshot(false, false, null, null, null, 0, 0));
    }
}
