package vn.gov.noivu.pakn.search.indexing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.search.config.SearchConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The documents this instance wrote last, with the {@code _seq_no}/{@code _primary_term} Elasticsearch gave each
 * write, per concrete index: the consumer and the assigner read a case they have just written from here instead of a
 * realtime {@code _mget}.
 * <p>
 * Why: every case gets SUBMITTED, then ROUTED and more events within moments, and the assigner reads each new case
 * right after the consumer wrote it, so nearly every batch read back what this instance had just written: a round trip
 * and a realtime get per case. With the copy, Elasticsearch serves about half as many gets per indexing operation
 * (0.7–0.85 instead of 1.4–1.55 in the bench's end-to-end loads). The first suspicion, that realtime gets of documents
 * not yet refreshed force a refresh, was measured wrong: Elasticsearch 9 answered them without refreshing the shard.
 * <p>
 * Correctness does not depend on this copy: every write that starts from it is conditional on the version it carries
 * ({@code if_seq_no}/{@code if_primary_term}). When another writer came first (another replica, the rebuild's replay,
 * curation, an Elasticsearch restart with a new primary term) the write gets 409 and the caller re-reads the case from
 * Elasticsearch. Entries are bounded ({@code pakn.search.consumer.recent-cases}, least recently used out first) and
 * never changed in place: {@link #get} hands out a copy, {@link #put} takes ownership of the document it is given.
 */
@ApplicationScoped
public class RecentCases {

    /** A case as last written by this instance. */
    public record Entry(CaseDocument doc, long seqNo, long primaryTerm) {

        boolean newerThan(Entry other) {
            return primaryTerm > other.primaryTerm || primaryTerm == other.primaryTerm && seqNo > other.seqNo;
        }
    }

    @Inject
    SearchConfig config;

    @Inject
    MeterRegistry registry;

    private Map<String, Entry> entries;
    private Counter hits;
    private Counter misses;
    /** The index behind the cases alias, as the consumer saw it at its last batch (null: not known yet). */
    private volatile String liveIndex;

    @PostConstruct
    void init() {
        int capacity = config.consumer().recentCases();
        entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RecentCases.Entry> eldest) {
                return size() > capacity;
            }
        };
        hits = registry.counter("pakn_search_recent_cases_total", "result", "hit");
        misses = registry.counter("pakn_search_recent_cases_total", "result", "miss");
    }

    private static String key(String index, String caseId) {
        return index + '\u0000' + caseId;
    }

    /** A copy of the case as this instance last wrote it to {@code index}, if it is still kept. */
    public Optional<Entry> get(String index, String caseId) {
        Entry e;
        synchronized (this) {
            e = entries.get(key(index, caseId));
        }
        if (e == null) {
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(new Entry(e.doc().copy(), e.seqNo(), e.primaryTerm()));
    }

    /**
     * Keeps what a successful write left in {@code index} (the document must be the complete one that was written,
     * and is not to be changed afterwards). An older version than the one kept is ignored (two writers may report out
     * of order).
     */
    public void put(String index, String caseId, CaseDocument doc, long seqNo, long primaryTerm) {
        if (config.consumer().recentCases() <= 0) {
            return;
        }
        Entry e = new Entry(doc, seqNo, primaryTerm);
        synchronized (this) {
            entries.merge(key(index, caseId), e, (old, now) -> now.newerThan(old) ? now : old);
        }
    }

    /**
     * The topic code of the case as kept (null: not kept, or no topic), without copying it or counting a hit: the
     * assigner picks a case's lane by it.
     */
    public String topicOf(String index, String caseId) {
        Entry e;
        synchronized (this) {
            e = entries.get(key(index, caseId));
        }
        return e == null ? null : e.doc().topicCode;
    }

    /** Forgets the case (its write was refused or failed: the next reader goes to Elasticsearch). */
    public synchronized void forget(String index, String caseId) {
        entries.remove(key(index, caseId));
    }

    /** Forgets the case if the copy kept is not newer than the given version (a writer found that version stale). */
    public synchronized void forget(String index, String caseId, long seqNo, long primaryTerm) {
        entries.computeIfPresent(key(index, caseId),
                (k, e) -> e.newerThan(new Entry(null, seqNo, primaryTerm)) ? e : null);
    }

    public synchronized void clear() {
        entries.clear();
    }

    /** The index behind the cases alias, as last seen by the consumer. */
    public Optional<String> liveIndex() {
        return Optional.ofNullable(liveIndex);
    }

    void liveIndex(String index) {
        liveIndex = index;
    }
}
