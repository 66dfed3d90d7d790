package vn.gov.noivu.pakn.search.indexing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.InvalidEventException;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rebuild's replay of a batch of records: decodes and validates each record, applies the valid ones to the target
 * index and only counts the invalid ones (the live consumer parked them long ago). Throws
 * {@link CaseIndexer.TransientIndexingException} when the batch must be retried.
 */
@ApplicationScoped
public class EventBatchProcessor {

    private static final Logger LOG = Logger.getLogger(EventBatchProcessor.class);

    @Inject
    CaseIndexer indexer;

    /** {@code caseIds}: the cases of the valid events (in order, once each). */
    public record Result(int events, int written, int parked, List<String> caseIds) {
    }

    public Result process(Iterable<ConsumerRecord<String, byte[]>> records, List<String> targets)
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
        if (!invalid.isEmpty()) {
            LOG.infof("replay skipped %d invalid record(s)", invalid.size());
        }
        return new Result(valid.size(), outcome.written(), invalid.size(),
                valid.stream().map(CaseEvent::subject).distinct().toList());
    }
}
