package vn.gov.noivu.pakn.eventing.consumer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import vn.gov.noivu.pakn.eventing.kafka.KafkaProducers;

/**
 * Creates the service's {@link EventConsumer}s (with the service's metrics registry and tracer), stops them on
 * shutdown and lists them for {@link EventConsumersHealthCheck}.
 */
@ApplicationScoped
public class EventConsumers {

    @Inject
    MeterRegistry registry;

    @Inject
    Instance<Tracer> tracers;

    @Inject
    KafkaProducers producers;

    private final List<EventConsumer> consumers = new CopyOnWriteArrayList<>();

    /**
     * A consumer of {@code settings.topics()} applying events with {@code handler}, not started yet.
     *
     * @param kafkaSettings every {@code kafka.*} setting (bootstrap servers, security), e.g. the
     *                      {@code @Identifier("default-kafka-broker")} map of quarkus-kafka-client; parked events
     *                      go through a producer of {@link KafkaProducers} (client id {@code <service>-dead-letter})
     */
    public EventConsumer create(ConsumerSettings settings, CaseEventHandler handler, Map<String, Object> kafkaSettings) {
        Tracer tracer = tracers.isResolvable() ? tracers.get()
                : OpenTelemetry.noop().getTracer("vn.gov.noivu.pakn.eventing");
        EventConsumer c = new EventConsumer(settings, handler, kafkaSettings,
                () -> producers.create("dead-letter"), tracer, registry);
        consumers.add(c);
        return c;
    }

    public List<EventConsumer> all() {
        return List.copyOf(consumers);
    }

    void onStop(@Observes ShutdownEvent ev) {
        consumers.forEach(EventConsumer::stop);
    }
}
