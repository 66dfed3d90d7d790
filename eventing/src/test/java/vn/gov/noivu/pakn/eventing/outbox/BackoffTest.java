package vn.gov.noivu.pakn.eventing.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));

    @Test
    void noPauseWithoutFailure() {
        assertEquals(Duration.ZERO, backoff.after(0));
    }

    @Test
    void doublesFromTheInitialPause() {
        assertEquals(Duration.ofMillis(500), backoff.after(1));
        assertEquals(Duration.ofMillis(1000), backoff.after(2));
        assertEquals(Duration.ofMillis(2000), backoff.after(3));
        assertEquals(Duration.ofMillis(8000), backoff.after(5));
    }

    @Test
    void neverAboveTheMaximumEvenAfterManyFailures() {
        assertEquals(Duration.ofSeconds(10), backoff.after(6));
        assertEquals(Duration.ofSeconds(10), backoff.after(1_000));
        assertEquals(Duration.ofSeconds(10), backoff.after(Integer.MAX_VALUE));
    }
}
