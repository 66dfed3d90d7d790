package vn.gov.noivu.pakn.eventing.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The settings of every Kafka producer of a service (outbox relay and dead-letter parking), the same keys in every
 * service: {@code pakn.eventing.producer.*}. acks=all and idempotence are not settings: they are always on.
 */
@ConfigMapping(prefix = "pakn.eventing.producer")
public interface ProducerSettings {

    @WithDefault("5s")
    Duration requestTimeout();

    @WithDefault("12s")
    Duration deliveryTimeout();

    /** How long send() may block when the broker's metadata is unavailable. */
    @WithDefault("5s")
    Duration maxBlock();

    @WithDefault("5ms")
    Duration linger();

    @WithDefault("lz4")
    String compression();
}
