package vn.gov.noivu.pakn.e2e;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for an eventually consistent condition across services, failing with the last observation. */
final class Poll {

    private Poll() {
    }

    static <T> T until(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Throwable lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                if (last != null && done.test(last)) {
                    return last;
                }
            } catch (RuntimeException | AssertionError e) {
                lastError = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; last seen: "
                + last + (lastError == null ? "" : "; last error: " + lastError));
    }
}
