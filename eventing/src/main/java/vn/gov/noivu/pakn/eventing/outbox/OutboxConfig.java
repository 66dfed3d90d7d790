package vn.gov.noivu.pakn.eventing.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The outbox relay and its Kafka producer, the same keys in every service: {@code pakn.eventing.outbox.*}. */
@ConfigMapping(prefix = "pakn.eventing.outbox")
public interface OutboxConfig {

    /** Run the relay in this process (any number of replicas may: rows are locked with SKIP LOCKED). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Pause between relay passes when nothing wakes it: the safety net for rows another replica or a crash left behind.
     * A commit that wrote to the outbox wakes the relay at once.
     */
    @WithDefault("200ms")
    Duration pollInterval();

    /** Rows one pass locks, sends together and marks published in one transaction. */
    @WithDefault("500")
    int batchSize();

    /** First pause after a failed pass; doubles on each further failure up to {@link #maxBackoff()}. */
    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("10s")
    Duration maxBackoff();

    /** How long the relay waits for Kafka to acknowledge one batch. */
    @WithDefault("15s")
    Duration sendTimeout();

    /**
     * Readiness is DOWN when the oldest unpublished event is older than this while the relay keeps failing (Kafka
     * unreachable for that long, or rows it cannot publish).
     */
    @WithDefault("5m")
    Duration stuckAfter();

    /** How often pending/lag are counted in the database (at most). */
    @WithDefault("1s")
    Duration statsInterval();
}
