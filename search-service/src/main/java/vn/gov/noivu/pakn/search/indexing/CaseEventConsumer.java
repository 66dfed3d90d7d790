package vn.gov.noivu.pakn.search.indexing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.gov.noivu.pakn.eventing.consumer.CaseEventHandler;
import vn.gov.noivu.pakn.eventing.consumer.ConsumerSettings;
import vn.gov.noivu.pakn.eventing.consumer.EventConsumer;
import vn.gov.noivu.pakn.eventing.consumer.EventConsumers;
import vn.gov.noivu.pakn.eventing.consumer.EventSpans;
import vn.gov.noivu.pakn.eventing.consumer.Outcome;
import vn.gov.noivu.pakn.eventing.tracing.EventSpan;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.search.config.SearchConfig;
import vn.gov.noivu.pakn.search.issues.RecurringIssueAssigner;

/**
 * The live consumer of both case-event topics, on the shared {@link EventConsumer}: each poll (up to
 * {@code pakn.search.consumer.max-poll-records}) is one Elasticsearch bulk into every write target. No dedupe table:
 * documents are written with the case version, so a redelivered or stale event changes nothing. Documents
 * Elasticsearch refuses for good are parked on {@code pakn.search.dead-letter}; when Elasticsearch is unavailable
 * ({@link CaseIndexer.TransientIndexingException}) the poll is retried with backoff and readiness is DOWN.
 */
@ApplicationScoped
public class CaseEventConsumer implements CaseEventHandler {

    private static final Logger LOG = Logger.getLogger(CaseEventConsumer.class);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaSettings;
    @Inject
    SearchConfig config;
    @Inject
    EventConsumers consumers;
    @Inject
    CaseIndexer indexer;
    @Inject
    IndexManager indices;
    @Inject
    RecurringIssueAssigner assigner;
    @Inject
    RecentCases recent;

    private volatile EventConsumer consumer;

    void onStart(@Observes StartupEvent ev) {
        if (!config.consumer().enabled()) {
            LOG.info("case-event consumer disabled by configuration");
            return;
        }
        SearchConfig.Consumer c = config.consumer();
        consumer = consumers.create(new ConsumerSettings("search-service", c.groupId(),
                List.of(Topics.INTAKE_CASE_EVENTS, Topics.TRIAGE_CASE_EVENTS), Topics.SEARCH_DEAD_LETTER,
                c.maxPollRecords(), c.pollTimeout(), c.retryInitial(), c.retryMax(), c.maxAttempts()), this,
                kafkaSettings);
        consumer.start();
    }

    public Optional<EventConsumer.Status> status() {
        EventConsumer c = consumer;
        return c == null ? Optional.empty() : Optional.of(c.status());
    }

    @Override
    public void validate(CaseEvent event) {
        CaseDocumentMapper.validate(event);
    }

    @Override
    public List<Outcome> apply(List<CaseEvent> events, EventSpans spans) {
        // every event's trace records the hop; the bulk that serves them all (and its Elasticsearch spans) is recorded
        // under the first event's span, which stays current while it runs (with one event per poll, the usual case at
        // low load, each trace holds its own Elasticsearch write)
        for (CaseEvent e : events.subList(1, events.size())) {
            try (EventSpan span = spans.process(e)) {
                span.span().setAttribute("pakn.batch.size", events.size());
            }
        }
        try (EventSpan first = spans.process(events.get(0))) {
            first.span().setAttribute("pakn.batch.size", events.size());
            try {
                return write(events);
            } catch (RuntimeException e) {
                first.fail(e);
                throw e;
            }
        }
    }

    private List<Outcome> write(List<CaseEvent> events) {
        List<String> targets;
        try {
            IndexManager.Indices now = indices.indices();
            targets = now.writeTargets();
            if (targets.isEmpty()) {
                targets = List.of(indices.ensureLiveIndex());
            }
            recent.liveIndex(now.live().orElse(targets.get(0)));
        } catch (IOException e) {
            throw new CaseIndexer.TransientIndexingException("Elasticsearch unavailable: " + e, e);
        }
        CaseIndexer.Outcome written = indexer.apply(events, targets);
        List<Outcome> out = new ArrayList<>(events.size());
        for (CaseEvent e : events) {
            String reason = written.rejected().get(e);
            out.add(reason == null ? Outcome.APPLIED : Outcome.rejected(reason));
        }
        return out;
    }

    @Override
    public void applied(List<CaseEvent> events) {
        // on the assigner's lanes (one per topic group): a new case joins its recurring issue within moments
        assigner.submit(events.stream().map(CaseEvent::subject).distinct().toList());
    }
}
