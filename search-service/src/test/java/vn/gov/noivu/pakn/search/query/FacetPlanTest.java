package vn.gov.noivu.pakn.search.query;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which one facet request a search sends, from the bounded count of its matches (the default limits). */
class FacetPlanTest {

    private static final SearchService.Limits LIM = new SearchService.Limits(10_000, 20_000, 2_000);
    /** 1,000,000 cases in the index: the first sample draws 2 % of them. */
    private static final double FIRST = FacetPlan.firstProbability(1_000_000, LIM);

    @Test
    void theFirstProbabilityDrawsFacetSampleCasesOfTheIndexAndSmallIndexesAreNotSampled() {
        assertEquals(0.02, FIRST, 1e-12);
        assertEquals(1, FacetPlan.firstProbability(39_999, LIM));
        assertEquals(0.5, FacetPlan.firstProbability(40_000, LIM));
        assertEquals(1, FacetPlan.firstProbability(0, LIM));
        assertTrue(FacetPlan.exactOnSmallIndex(FacetPlan.firstProbability(39_999, LIM)));
        assertFalse(FacetPlan.exactOnSmallIndex(FIRST));
    }

    @Test
    void theCountGoesAsFarAsTheFirstSampleNeedsToHoldFacetMinSampleMatches() {
        assertEquals(100_000, FacetPlan.countTo(FIRST, LIM)); // 2,000 / 0.02
        // never below the count bound + 1: the count must also tell exact facets from sampled ones
        assertEquals(10_001, FacetPlan.countTo(0.5, LIM));
        // a tiny probability does not overflow the count
        assertEquals(Integer.MAX_VALUE - 1, FacetPlan.countTo(1e-9, LIM));
    }

    @Test
    void atMostTheCountBoundTheFacetsAreExact() {
        assertFalse(FacetPlan.fromCount(0, false, FIRST, LIM).sampled());
        assertFalse(FacetPlan.fromCount(10_000, false, FIRST, LIM).sampled());
        assertEquals(1, FacetPlan.fromCount(10_000, false, FIRST, LIM).probability());
    }

    @Test
    void beyondTheBoundTheSampleHoldsAboutTwiceFacetMinSampleMatchingCases() {
        FacetPlan p = FacetPlan.fromCount(10_001, false, FIRST, LIM);
        assertTrue(p.sampled());
        assertEquals(0.4, p.probability(), 1e-4); // 4,000 / 10,001
        assertEquals(0.08, FacetPlan.fromCount(50_000, false, FIRST, LIM).probability(), 1e-12);
        assertEquals(0.04, FacetPlan.fromCount(99_999, false, FIRST, LIM).probability(), 1e-6);
        // never above what random_sampler accepts below 1
        assertEquals(0.5, FacetPlan.fromCount(25, false, 0.001, new SearchService.Limits(10, 1, 1_000_000))
                .probability());
    }

    @Test
    void whenTheCountReachesItsBoundTheFirstProbabilityIsEnough() {
        assertEquals(FIRST, FacetPlan.fromCount(100_000, true, FIRST, LIM).probability());
    }

    @Test
    void aSmallIndexAlwaysGetsExactFacets() {
        assertFalse(FacetPlan.fromCount(30_000, true, 1, LIM).sampled());
    }
}
