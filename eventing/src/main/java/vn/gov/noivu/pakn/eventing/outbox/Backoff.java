package vn.gov.noivu.pakn.eventing.outbox;

import java.time.Duration;

/** Exponential backoff: {@code initial} after the first failure, doubled on each further one, never above {@code max}. */
public record Backoff(Duration initial, Duration max) {

    /** The pause after {@code consecutiveFailures} failed passes in a row (0: no pause). */
    public Duration after(int consecutiveFailures) {
        if (consecutiveFailures <= 0) {
            return Duration.ZERO;
        }
        long initialMs = Math.max(1, initial.toMillis());
        int shift = Math.min(consecutiveFailures - 1, 30);
        long ms = initialMs > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initialMs << shift;
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}
