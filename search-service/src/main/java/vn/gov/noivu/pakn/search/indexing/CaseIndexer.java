package vn.gov.noivu.pakn.search.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.search.config.SearchConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies batches of case events to case documents with optimistic concurrency: read (with seq_no/primary_term),
 * merge by caseversion, write back conditionally ({@code if_seq_no}/{@code if_primary_term}, or {@code op_type=create}
 * for a new case). A conflict means another consumer (another instance, or the rebuild replay) wrote the case in
 * between: the case is re-read and re-merged, so no update is ever lost.
 * <p>
 * A case this instance wrote a moment ago is read from {@link RecentCases} (what it wrote, at the version Elasticsearch
 * gave the write), not with a realtime {@code _mget} (half the gets per write in the bench); only the other cases are
 * read, and every case again from Elasticsearch after a conflict.
 */
@ApplicationScoped
public class CaseIndexer {

    private static final Logger LOG = Logger.getLogger(CaseIndexer.class);

    @Inject
    ElasticsearchClient client;

    @Inject
    SearchConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    RecentCases recent;

    /** Events Elasticsearch refused for good (e.g. a document the mapping rejects): to be dead-lettered. */
    public record Outcome(int written, int unchanged, Map<CaseEvent, String> rejected) {
    }

    /** Thrown when Elasticsearch cannot take the batch now (down, overloaded, conflicts persist): retry later. */
    public static class TransientIndexingException extends vn.gov.noivu.pakn.eventing.consumer.TransientException {
        public TransientIndexingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Applies valid events (in delivery order) to every target index. */
    public Outcome apply(List<CaseEvent> events, List<String> targets) {
        if (events.isEmpty()) {
            return new Outcome(0, 0, Map.of());
        }
        int written = 0;
        int unchanged = 0;
        Map<CaseEvent, String> rejected = new LinkedHashMap<>();
        for (String target : targets) {
            Outcome o = applyTo(target, events);
            written += o.written();
            unchanged += o.unchanged();
            rejected.putAll(o.rejected());
        }
        registry.counter("pakn_search_documents_written_total").increment(written);
        return new Outcome(written, unchanged, rejected);
    }

    private Outcome applyTo(String index, List<CaseEvent> events) {
        Map<String, List<CaseEvent>> byCase = new LinkedHashMap<>();
        for (CaseEvent e : events) {
            byCase.computeIfAbsent(e.subject(), k -> new ArrayList<>()).add(e);
        }
        int written = 0;
        int unchanged = 0;
        Map<CaseEvent, String> rejected = new LinkedHashMap<>();
        Map<String, List<CaseEvent>> pending = byCase;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > config.consumer().conflictRetries()) {
                throw new TransientIndexingException("optimistic-concurrency conflicts persist on " + pending.size()
                        + " case(s) in " + index, null);
            }
            try {
                // the first attempt starts from what this instance wrote last; after a conflict, from Elasticsearch
                Map<String, Stored> stored = new HashMap<>();
                List<String> toRead = new ArrayList<>();
                for (String id : pending.keySet()) {
                    java.util.Optional<RecentCases.Entry> kept = attempt == 0 ? recent.get(index, id)
                            : java.util.Optional.empty();
                    if (kept.isPresent()) {
                        stored.put(id, new Stored(kept.get().doc(), kept.get().seqNo(), kept.get().primaryTerm()));
                    } else if (attempt > 0 || !submittedHere(pending.get(id))) {
                        toRead.add(id);
                    }
                    // a case submitted in this batch is almost always new: it is created without a read, and in the
                    // rare case it exists (its triage half came first, through another instance) the create is
                    // refused (409) and the case read and merged like any conflict
                }
                if (!toRead.isEmpty()) {
                    stored.putAll(read(index, toRead));
                }
                Map<String, CaseDocument> sent = new HashMap<>();
                BulkRequest.Builder bulk = new BulkRequest.Builder().index(index);
                int ops = 0;
                for (Map.Entry<String, List<CaseEvent>> c : pending.entrySet()) {
                    Stored s = stored.get(c.getKey());
                    CaseDocument doc = s == null ? new CaseDocument() : s.doc();
                    boolean changed = false;
                    for (CaseEvent e : c.getValue()) {
                        changed |= CaseDocumentMapper.apply(doc, e);
                    }
                    if (!changed) {
                        unchanged += c.getValue().size();
                        if (s != null) {
                            recent.put(index, c.getKey(), s.doc(), s.seqNo(), s.primaryTerm());
                        }
                        continue;
                    }
                    ops++;
                    sent.put(c.getKey(), doc);
                    if (s == null) {
                        bulk.operations(op -> op.create(cr -> cr.id(c.getKey()).document(doc)));
                    } else {
                        bulk.operations(op -> op.index(ix -> ix.id(c.getKey()).document(doc)
                                .ifSeqNo(s.seqNo()).ifPrimaryTerm(s.primaryTerm())));
                    }
                }
                Map<String, List<CaseEvent>> conflicts = new LinkedHashMap<>();
                if (ops > 0) {
                    BulkResponse response = client.bulk(bulk.build());
                    for (BulkResponseItem item : response.items()) {
                        List<CaseEvent> caseEvents = pending.get(item.id());
                        if (item.error() == null) {
                            written++;
                            if (item.seqNo() != null && item.primaryTerm() != null) {
                                recent.put(index, item.id(), sent.get(item.id()), item.seqNo(), item.primaryTerm());
                            }
                        } else if (item.status() == 409) {
                            recent.forget(index, item.id());
                            conflicts.put(item.id(), caseEvents);
                        } else if (item.status() == 400) {
                            String reason = "rejected by Elasticsearch: " + item.error().type() + ": "
                                    + item.error().reason();
                            caseEvents.forEach(e -> rejected.put(e, reason));
                        } else {
                            throw new TransientIndexingException("Elasticsearch answered " + item.status() + " for case "
                                    + item.id() + ": " + item.error().reason(), null);
                        }
                    }
                }
                if (!conflicts.isEmpty()) {
                    LOG.debugf("%s conflict(s) in %s, re-reading (attempt %s)", (Object) conflicts.size(), index, (Object) (attempt + 1));
                    registry.counter("pakn_search_conflicts_total").increment(conflicts.size());
                }
                pending = conflicts;
            } catch (IOException | RuntimeException e) {
                if (e instanceof TransientIndexingException t) {
                    throw t;
                }
                throw new TransientIndexingException("Elasticsearch unavailable: " + e, e);
            }
        }
        return new Outcome(written, unchanged, rejected);
    }

    private record Stored(CaseDocument doc, long seqNo, long primaryTerm) {
    }

    private static boolean submittedHere(List<CaseEvent> events) {
        return events.stream().anyMatch(e -> e.eventType().orElse(null) == vn.gov.noivu.pakn.events.CaseEventType.SUBMITTED);
    }

    private Map<String, Stored> read(String index, java.util.Collection<String> ids) throws IOException {
        MgetResponse<CaseDocument> r = client.mget(m -> m.index(index).ids(new ArrayList<>(ids)), CaseDocument.class);
        Map<String, Stored> out = new HashMap<>();
        for (MultiGetResponseItem<CaseDocument> item : r.docs()) {
            if (item.isFailure()) {
                throw new TransientIndexingException("cannot read case " + item.failure().id() + ": "
                        + item.failure().error().reason(), null);
            }
            GetResult<CaseDocument> g = item.result();
            if (g.found() && g.source() != null) {
                out.put(g.id(), new Stored(g.source(), g.seqNo(), g.primaryTerm()));
            }
        }
        return out;
    }
}
