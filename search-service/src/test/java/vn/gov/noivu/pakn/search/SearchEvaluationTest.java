package vn.gov.noivu.pakn.search;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.search.indexing.IndexManager;
import vn.gov.noivu.pakn.search.indexing.CaseIndexer;
import vn.gov.noivu.pakn.search.query.Scope;
import vn.gov.noivu.pakn.search.query.SearchCriteria;
import vn.gov.noivu.pakn.search.query.SearchPage;
import vn.gov.noivu.pakn.search.query.SearchService;
import vn.gov.noivu.pakn.testsupport.ElasticsearchResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Search quality on labelled sets: each set's cases go through the production path (intake's SUBMITTED snapshot →
 * CaseDocumentMapper → CaseIndexer) into an index of their own created with the service's settings and mappings
 * (so no other test's cases compete), then every query runs through SearchService, as a leader's search does. Prints R-precision (k = min(5, relevant cases); relevant cases in the top k / k, averaged over the
 * queries) and every miss; fails below the floor measured when the query was last tuned.
 */
@QuarkusTest
@QuarkusTestResource(value = ElasticsearchResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class SearchEvaluationTest {

    /** Floors: a little under the figures measured (see README "Search quality"); raise them when the query improves. */
    static final double EVALUATION_FLOOR = 0.88;
    static final double DEV_FLOOR = 0.88;

    @Inject
    CaseIndexer indexer;

    @Inject
    IndexManager indices;

    @Inject
    SearchService search;

    public record Result(double rPrecision, int queries, List<String> misses) {
    }

    @Test
    void devSet() throws IOException {
        Result r = measure(EvaluationSet.load("search-dev"));
        assertTrue(r.rPrecision() >= DEV_FLOOR, "search R-precision on search-dev " + r.rPrecision() + " < " + DEV_FLOOR);
    }

    @Test
    void evaluationSet() throws IOException {
        assumeTrue(EvaluationSet.exists("evaluation"), "no evaluation set on the class path");
        Result r = measure(EvaluationSet.load("evaluation"));
        assertTrue(r.rPrecision() >= EVALUATION_FLOOR,
                "search R-precision on evaluation " + r.rPrecision() + " < " + EVALUATION_FLOOR);
    }

    /** Indexes the set into an index of its own (no other test's cases compete) and runs its queries there. */
    Result measure(EvaluationSet set) throws IOException {
        String index = "pakn-eval-" + set.folder() + "-" + System.nanoTime();
        indices.createIndex(index, "pakn-eval");
        try {
            List<CaseEvent> events = set.events(Instant.parse("2025-06-02T01:00:00Z"));
            int written = 0;
            for (int from = 0; from < events.size(); from += 50) { // small bulks: a loaded test machine is slow
                List<CaseEvent> chunk = events.subList(from, Math.min(events.size(), from + 50));
                CaseIndexer.Outcome o = null;
                for (int attempt = 1; o == null; attempt++) {
                    try {
                        o = indexer.apply(chunk, List.of(index));
                    } catch (CaseIndexer.TransientIndexingException e) {
                        if (attempt == 3) {
                            throw e;
                        }
                    }
                }
                assertEquals(Map.of(), o.rejected(), "rejected cases");
                written += o.written();
            }
            assertEquals(set.cases().size(), written, "every case indexed");
            indices.refresh(index);
            return run(set, index);
        } finally {
            indices.delete(index);
        }
    }

    private Result run(EvaluationSet set, String index) {
        double sum = 0;
        List<String> misses = new java.util.ArrayList<>();
        for (EvaluationSet.Query q : set.queries()) {
            String text = set.text(q);
            Set<String> relevant = set.relevant(q);
            SearchPage page = search.search(new SearchCriteria(text, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, 1, 10, null), Scope.all(), false, index);
            List<String> ranked = set.labels(page.items().stream().map(SearchPage.Item::caseId).toList());
            double p = EvaluationSet.rPrecision(ranked, relevant);
            sum += p;
            if (p < 1) {
                int k = EvaluationSet.k(relevant);
                misses.add(String.format(Locale.ROOT, "  %.2f  %s%n        want %s%n        got  %s (total %d)", p, text,
                        relevant, describe(set, ranked.stream().limit(k + 2).toList()), page.total()));
            }
        }
        double mean = set.queries().isEmpty() ? 0 : sum / set.queries().size();
        System.out.printf(Locale.ROOT, "%nsearch R-precision on %s: %.3f (%d queries, %d cases, %d below 1)%n%s%n",
                set.folder(), mean, set.queries().size(), set.cases().size(), misses.size(), String.join("\n", misses));
        return new Result(mean, set.queries().size(), misses);
    }

    private static String describe(EvaluationSet set, List<String> labels) {
        Map<String, String> problem = set.problemOf();
        return labels.stream().map(l -> l + "/" + problem.getOrDefault(l, "?")).toList().toString();
    }
}
