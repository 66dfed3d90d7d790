package vn.gov.noivu.pakn.eventing.consumer;

/**
 * A failure a handler knows a retry can overcome (its store is unavailable, a concurrency conflict persists): the
 * consumer rewinds and retries with backoff, never parks. {@link Failures#isTransient} recognises it anywhere in a
 * cause chain.
 */
public class TransientException extends RuntimeException {

    public TransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
