package vn.gov.noivu.pakn.search.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** What the live consumer is doing, for the readiness check and the admin API. */
@ApplicationScoped
public class IndexingStatus {

    private volatile boolean running;
    private volatile String lastError;
    private volatile Instant failingSince;
    private volatile Instant lastBatchAt;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();

    public record Snapshot(boolean running, boolean failing, String lastError, Instant failingSince,
            Instant lastBatchAt, long events, long parked) {
    }

    void running(boolean r) {
        running = r;
    }

    void ok(int eventCount, int parkedCount) {
        failingSince = null;
        lastError = null;
        lastBatchAt = Instant.now();
        events.addAndGet(eventCount);
        parked.addAndGet(parkedCount);
    }

    void failed(String error) {
        lastError = error;
        if (failingSince == null) {
            failingSince = Instant.now();
        }
    }

    public boolean failing() {
        return failingSince != null;
    }

    public Snapshot snapshot() {
        return new Snapshot(running, failingSince != null, lastError, failingSince, lastBatchAt, events.get(),
                parked.get());
    }
}
