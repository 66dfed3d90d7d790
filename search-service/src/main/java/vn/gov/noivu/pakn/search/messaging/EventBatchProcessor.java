package vn.gov.noivu.pakn.search.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.InvalidEventException;
import vn.gov.noivu.pakn.search.mapping.CaseDocumentMapper;
import vn.gov.noivu.pakn.search.service.CaseIndexer;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a polled batch of records into document updates: decodes and validates each record (an invalid one is parked,
 * never retried), applies the valid ones to the target indices, then parks what Elasticsearch refused for good.
 * Throws {@link CaseIndexer.TransientIndexingException} (or the DLT send failure) when the batch must be retried.
 */
@ApplicationScoped
public class EventBatchProcessor {

    private static final Logger LOG = Logger.getLogger(EventBatchProcessor.class);

    @Inject
    CaseIndexer indexer;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    MeterRegistry registry;

    /** {@code caseIds}: the cases of the valid events (in order, once each). */
    public record Result(int events, int written, int parked, List<String> caseIds) {
    }

    /**
     * @param park whether invalid records go to the dead-letter topic (the live consumer) or are only counted
     *             (a rebuild replay, which sees records the live consumer parked long ago)
     */
    public Result process(Iterable<ConsumerRecord<String, byte[]>> records, List<String> targets, boolean park)
            throws Exception {
        List<CaseEvent> valid = new ArrayList<>();
        Map<CaseEvent, ConsumerRecord<String, byte[]>> origin = new IdentityHashMap<>();
        Map<ConsumerRecord<String, byte[]>, String> invalid = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                CaseEvent e = CaseEventCodec.read(r.value());
                CaseDocumentMapper.validate(e);
                if (r.key() != null && !r.key().equals(e.subject())) {
                    throw new InvalidEventException("record key " + r.key() + " differs from subject " + e.subject());
                }
                valid.add(e);
                origin.put(e, r);
            } catch (InvalidEventException | IllegalArgumentException ex) {
                invalid.put(r, ex.getMessage());
            }
        }
        CaseIndexer.Outcome outcome = indexer.apply(valid, targets);
        outcome.rejected().forEach((e, reason) -> invalid.put(origin.get(e), reason));
        if (park) {
            for (Map.Entry<ConsumerRecord<String, byte[]>, String> bad : invalid.entrySet()) {
                deadLetters.park(bad.getKey(), bad.getValue());
            }
        } else if (!invalid.isEmpty()) {
            LOG.infof("replay skipped %d invalid record(s)", invalid.size());
        }
        registry.counter("pakn_search_events_total", "outcome", "applied").increment(valid.size());
        return new Result(valid.size(), outcome.written(), invalid.size(),
                valid.stream().map(CaseEvent::subject).distinct().toList());
    }
}
