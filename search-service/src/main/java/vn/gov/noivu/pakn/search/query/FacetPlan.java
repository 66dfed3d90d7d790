package vn.gov.noivu.pakn.search.query;

/**
 * Which one facet request a first page sends, decided before it is sent: the exact terms aggregations over every
 * match ({@code probability} 1), or a {@code random_sampler} sample drawn with {@code probability}.
 * <p>
 * On an index of fewer than 2 × {@link SearchService.Limits#facetSample()} cases the facets are always exact (no
 * count is needed: {@link #exactOnSmallIndex}). Otherwise a count bounded by {@link #countTo} decides
 * ({@link #fromCount}):
 * <ul>
 * <li>at most {@link SearchService.Limits#countUpTo()} matches: exact facets (they aggregate at most that many
 * cases);</li>
 * <li>more, but fewer than {@link #countTo}: a sample whose probability gives about 2 ×
 * {@link SearchService.Limits#facetMinSample()} matching cases (at most {@link #MAX_SAMPLED});</li>
 * <li>the count reached {@link #countTo}: the first probability (facetSample / cases in the index), which then
 * holds at least facetMinSample matching cases on average.</li>
 * </ul>
 * Before, a second sample was drawn after a first one that held too few matching cases; the count gives the same
 * probability before any sample is drawn.
 */
public record FacetPlan(double probability) {

    /** The highest probability {@code random_sampler} takes below 1 (it accepts (0, 0.5] or exactly 1). */
    static final double MAX_SAMPLED = 0.5;

    private static final FacetPlan EXACT = new FacetPlan(1);

    /** Whether the facets are sampled (approximate) rather than exact. */
    public boolean sampled() {
        return probability < 1;
    }

    /**
     * The probability of a first sample: facetSample / cases in the index; 1 (exact facets) on an index of fewer
     * than 2 × facetSample cases or an empty one.
     */
    static double firstProbability(long docsInIndex, SearchService.Limits lim) {
        double p = docsInIndex == 0 ? 1 : (double) lim.facetSample() / docsInIndex;
        return p > MAX_SAMPLED ? 1 : p;
    }

    /** Exact facets, no count needed: an index too small to sample ({@code firstProbability} 1). */
    static boolean exactOnSmallIndex(double firstProbability) {
        return firstProbability >= 1;
    }

    /**
     * How far the deciding count goes: the number of matches from which a sample drawn with
     * {@code firstProbability} holds facetMinSample matching cases on average (never below countUpTo + 1, so that
     * the count also tells exact from sampled).
     */
    static int countTo(double firstProbability, SearchService.Limits lim) {
        double n = Math.ceil(lim.facetMinSample() / firstProbability);
        return (int) Math.min(Integer.MAX_VALUE - 1, Math.max(n, lim.countUpTo() + 1L));
    }

    /**
     * The plan for {@code matches} counted by a count bounded by {@link #countTo} ({@code reachedBound}: the count
     * stopped there, so at least that many match).
     */
    static FacetPlan fromCount(long matches, boolean reachedBound, double firstProbability,
            SearchService.Limits lim) {
        if (exactOnSmallIndex(firstProbability) || (!reachedBound && matches <= lim.countUpTo())) {
            return EXACT;
        }
        if (reachedBound) {
            return new FacetPlan(firstProbability);
        }
        double p = Math.min(MAX_SAMPLED, 2.0 * lim.facetMinSample() / matches);
        return new FacetPlan(Math.max(p, firstProbability));
    }

    static FacetPlan exact() {
        return EXACT;
    }
}
