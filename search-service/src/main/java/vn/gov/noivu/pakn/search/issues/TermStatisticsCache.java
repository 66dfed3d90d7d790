package vn.gov.noivu.pakn.search.issues;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The document frequencies Elasticsearch gave this pod in the last moments, by feature and field, and the document count that
 * goes with them, so that the assigner asks {@code _mtermvectors} only for the features of a batch it has not seen
 * lately (search-service/docs/recurring-issues.md, "Throughput").
 * <p>
 * A feature's df is kept per field ({@link TermStatistics#key}: the title's or the description's, a pair's from its
 * {@code .shingles} subfield), and only when it is at least
 * {@value #MIN_KEPT_DF}: whether a feature is shared with another case at all (df &lt; 2 leaves it out of the vector,
 * and makes a case thin) is always asked again, so a cached value can only shift the IDF of a word at least two cases
 * have. Bounded in size (least recently used out first) and age (a value is dropped {@code ttl} after Elasticsearch
 * gave it, however often it is read). Each pod keeps its own: a value is an approximation of the df within its age,
 * like the index's own refresh lag is, and two pods never need to agree on it.
 */
final class TermStatisticsCache {

    /** Least df kept: a lower one (the case's own word, or a word of one other case) is asked every time. */
    static final long MIN_KEPT_DF = 2;

    private record DocCount(long n, long at) {
    }

    private final Cache<String, Long> df;
    private final Ticker ticker;
    private final long ttlNanos;
    private final Counter hits;
    private final Counter misses;
    private volatile DocCount docCount;

    TermStatisticsCache(Duration ttl, long maxFeatures, Ticker ticker, MeterRegistry registry) {
        this.ticker = ticker;
        this.ttlNanos = ttl.toNanos();
        // evictions on the calling thread (a few map operations), so the bound holds when put returns
        this.df = Caffeine.newBuilder().maximumSize(maxFeatures).expireAfterWrite(ttl).ticker(ticker)
                .executor(Runnable::run).build();
        this.hits = registry.counter("pakn_search_df_cache_total", "result", "hit");
        this.misses = registry.counter("pakn_search_df_cache_total", "result", "miss");
    }

    /**
     * The kept dfs of these features (a feature not kept is absent), counted as hits and misses. Nothing when the
     * document count is not kept: a df without its n cannot make an IDF.
     */
    Map<String, Long> known(Collection<String> features) {
        Map<String, Long> out = new HashMap<>();
        if (docCount().isPresent()) {
            for (String f : features) {
                Long x = df.getIfPresent(f);
                if (x != null) {
                    out.put(f, x);
                }
            }
        }
        hits.increment(out.size());
        misses.increment(features.size() - out.size());
        return out;
    }

    /** The document count Elasticsearch gave last, if it is younger than the ttl. */
    OptionalLong docCount() {
        DocCount d = docCount;
        return d != null && ticker.read() - d.at() < ttlNanos ? OptionalLong.of(d.n()) : OptionalLong.empty();
    }

    /** Keeps what one answer of Elasticsearch gave: dfs of features (those under {@value #MIN_KEPT_DF} are not kept) and n. */
    void put(Map<String, Long> dfs, long n) {
        dfs.forEach((f, x) -> {
            if (x >= MIN_KEPT_DF) {
                df.put(f, x);
            } else {
                df.invalidate(f);
            }
        });
        docCount = new DocCount(n, ticker.read());
    }
}
