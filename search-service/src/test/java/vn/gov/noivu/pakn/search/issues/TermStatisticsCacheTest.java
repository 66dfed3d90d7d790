package vn.gov.noivu.pakn.search.issues;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assigner's short-lived cache of term statistics: what it keeps, for how long, how much, and what it counts. */
class TermStatisticsCacheTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TermStatisticsCache cache = new TermStatisticsCache(Duration.ofSeconds(2), 1000, now::get, registry);

    private double counted(String result) {
        return registry.counter("pakn_search_df_cache_total", "result", result).count();
    }

    @Test
    void nothingIsKnownBeforeElasticsearchWasAsked() {
        assertEquals(Map.of(), cache.known(List.of("t:luong", "d:chi_tra")));
        assertEquals(OptionalLong.empty(), cache.docCount());
        assertEquals(0, counted("hit"));
        assertEquals(2, counted("miss"));
    }

    @Test
    void keepsTheDfsOfSharedFeaturesWithTheirDocumentCount() {
        cache.put(Map.of("t:luong", 120L, "d:chi_tra", 7L, "t:moi", 1L, "d:rieng", 0L), 5000);
        assertEquals(Map.of("t:luong", 120L, "d:chi_tra", 7L), cache.known(List.of("t:luong", "d:chi_tra", "t:moi", "d:rieng", "t:khac")));
        assertEquals(OptionalLong.of(5000), cache.docCount());
        assertEquals(2, counted("hit"));
        assertEquals(3, counted("miss"));
    }

    @Test
    void aFeatureNoOtherCaseHadIsAskedAgainAndDropsAnOlderValue() {
        cache.put(Map.of("t:luong", 3L), 10);
        // the index was rebuilt or purged meanwhile: the fresher answer wins, and a df under 2 is never served
        cache.put(Map.of("t:luong", 1L), 4);
        assertEquals(Map.of(), cache.known(List.of("t:luong")));
        assertEquals(OptionalLong.of(4), cache.docCount());
    }

    @Test
    void valuesAgeOut() {
        cache.put(Map.of("t:luong", 120L), 5000);
        now.addAndGet(Duration.ofMillis(1999).toNanos());
        assertEquals(Map.of("t:luong", 120L), cache.known(List.of("t:luong")));
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertEquals(Map.of(), cache.known(List.of("t:luong")));
        assertEquals(OptionalLong.empty(), cache.docCount());
    }

    @Test
    void readingDoesNotKeepAValueAlive() {
        cache.put(Map.of("t:luong", 120L), 5000);
        for (int i = 0; i < 4; i++) {
            now.addAndGet(Duration.ofMillis(600).toNanos());
            cache.known(List.of("t:luong"));
        }
        cache.put(Map.of("t:khac", 9L), 5001); // the document count is fresh, the old feature is not
        assertEquals(Map.of("t:khac", 9L), cache.known(List.of("t:luong", "t:khac")));
    }

    @Test
    void withoutADocumentCountNoDfIsServed() {
        cache.put(Map.of("t:luong", 120L), 5000);
        // a df without its n makes no IDF: the feature is a miss until Elasticsearch gives both again
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        assertEquals(Map.of(), cache.known(List.of("t:luong")));
    }

    @Test
    void isBoundedInSize() {
        TermStatisticsCache small = new TermStatisticsCache(Duration.ofSeconds(2), 100, now::get, registry);
        for (int i = 0; i < 1000; i++) {
            small.put(Map.of("f" + i, 5L), 5000);
        }
        List<String> all = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "f" + i).toList();
        int kept = small.known(all).size();
        assertTrue(kept <= 100, "kept " + kept);
    }
}
