package vn.gov.noivu.pakn.search.issues;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Document frequencies scaled by the live fraction of the index (deleted versions counted by the term statistics). */
class IssueVectorsTest {

    @Test
    void liveFraction() {
        assertEquals(1.0, IssueVectors.liveFraction(0, 0));
        assertEquals(1.0, IssueVectors.liveFraction(332, 0));
        assertEquals(332.0 / 1065, IssueVectors.liveFraction(332, 733), 1e-12);
        // a purge: deletions not spread like the live cases
        assertEquals(IssueVectors.LIVE_FRACTION_FLOOR, IssueVectors.liveFraction(6, 2000));
    }

    @Test
    void scaledDocumentFrequencies() {
        Map<String, Integer> tf = Map.of("mine", 1, "ours", 1, "common", 1);
        // 100 live cases, 200 deleted versions: "mine" is one case's word counted 3 times, "ours" two cases' counted 6
        // times, "common" 30 cases' counted 90 times
        Map<String, Long> counted = Map.of("mine", 3L, "ours", 6L, "common", 90L);
        double live = IssueVectors.liveFraction(100, 200);
        Map<String, Double> scaled = IssueVectors.weigh(tf, counted::get, 300, live, 2, 1.5);
        Map<String, Double> asIs = IssueVectors.weigh(tf, counted::get, 300, 2);
        assertFalse(scaled.containsKey("mine"), "no other case has it: " + scaled);
        assertTrue(asIs.containsKey("mine"), "counted with its deleted versions it passes df >= 2: " + asIs);
        // the same weights as the live statistics (df 2 and 30 of 100)
        Map<String, Long> exact = Map.of("mine", 1L, "ours", 2L, "common", 30L);
        Map<String, Double> truth = IssueVectors.weigh(tf, exact::get, 100, 2);
        // at the production cut (scaled df >= 2) a word of one case counted 3 times with a third of the documents
        // live is left out, two cases' word counted 6 times stays; at the old cut (1.0) the first one stayed
        Map<String, Double> cut = IssueVectors.weigh(tf, counted::get, 300, live, 2, IssueVectors.SHARED_MIN_SCALED_DF);
        assertFalse(cut.containsKey("mine"), "one case's word: " + cut);
        assertTrue(cut.containsKey("ours"), "two cases' word: " + cut);
        assertTrue(IssueVectors.weigh(tf, counted::get, 300, live, 2, 1.0).containsKey("mine"));
        assertEquals(truth.keySet(), scaled.keySet());
        truth.forEach((k, x) -> assertEquals(x, scaled.get(k), 1e-9, k));
        // the seed vector keeps every word the index knows, its own included
        assertTrue(IssueVectors.weigh(tf, counted::get, 300, live, 1, 0).containsKey("mine"));
        // without deleted documents the scaled threshold is the df >= 2 of before
        Map<String, Long> plain = Map.of("mine", 1L, "ours", 2L, "common", 30L);
        assertEquals(IssueVectors.weigh(tf, plain::get, 100, 2), IssueVectors.weigh(tf, plain::get, 100, 1.0, 2, IssueVectors.SHARED_MIN_SCALED_DF));
    }

    /**
     * LeaderUiBrowserTest's 16 identical cases sent together, in an index of many deleted versions (live fraction at
     * its floor, 0.25) where two earlier live cases, each counted three times, hold the problem's words (df 6) and the
     * 16 are not searchable yet. The scaled estimate (6 × 0.25 = 1.5) cut every one of those words from the shared
     * vector, which then matched nobody (16 issues of one case), while the old thin test (df &ge; 2 as counted) saw
     * them all as known and did not refresh.
     */
    @Test
    void wordsOfTwoLiveCasesSurviveALowLiveFraction() {
        String title = "Chưa có hướng dẫn chi trả phụ cấp cho người hoạt động không chuyên trách ở thôn sau sắp xếp";
        String description = "Xã đề nghị Bộ hướng dẫn mức chi trả phụ cấp hằng tháng cho người hoạt động không "
                + "chuyên trách ở thôn, tổ dân phố sau khi sắp xếp đơn vị hành chính cấp xã.";
        Map<String, Integer> t = TextClusterer.features(title);
        Map<String, Integer> d = TextClusterer.features(description);
        double live = IssueVectors.LIVE_FRACTION_FLOOR;
        java.util.function.ToLongFunction<String> df = f -> 6;
        long n = 400;
        double cut = IssueVectors.SHARED_MIN_SCALED_DF;

        // estimated only: the words are cut, and the case is now thin (the assigner refreshes and vectorises again)
        IssueVectors.Both estimated = IssueVectors.both(t, d, "T09", df, n, live, Map.of(), cut);
        assertTrue(estimated.shared().isEmpty(), "every word scaled below the cut: " + estimated.shared());
        assertTrue(estimated.thin(), "thin() agrees with the cut: " + estimated);
        // the seed keeps them: another identical case cannot reach an issue seeded with them through an empty vector
        assertEquals(0.0, IssueVectors.dot(estimated.shared(), estimated.seed()));

        // every feature is near the cut, so its live cases are counted: two, the words stay
        assertTrue(IssueVectors.nearTheCut(6, live, cut));
        Map<String, Long> counted = new java.util.HashMap<>();
        t.keySet().forEach(f -> counted.put(f, 2L));
        d.keySet().forEach(f -> counted.put(f, 2L));
        IssueVectors.Both exact = IssueVectors.both(t, d, "T09", df, n, live, counted, cut);
        assertFalse(exact.thin());
        assertTrue(IssueVectors.dot(exact.shared(), exact.seed()) > 0.99, "identical cases: " + exact.shared());
        // one live case's word, counted 6 times (re-indexed), is cut however often it was counted
        counted.replaceAll((f, x) -> 1L);
        assertTrue(IssueVectors.both(t, d, "T09", df, n, live, counted, cut).shared().isEmpty());
    }

    @Test
    void onlyFeaturesNearTheCutAreCounted() {
        assertFalse(IssueVectors.nearTheCut(6, 1.0, 2.0), "no deleted versions: df is exact");
        assertFalse(IssueVectors.nearTheCut(1, 0.25, 2.0), "df < 2 as counted: cut anyway");
        assertTrue(IssueVectors.nearTheCut(15, 0.25, 2.0));
        assertFalse(IssueVectors.nearTheCut(16, 0.25, 2.0), "scaled 4.0, twice the cut: the estimate is used");
    }

    /**
     * The counts a vector is weighed with come from different moments (df and n from the term statistics, the live
     * fraction from a {@code _stats} reused for two seconds, live cases counted apart), so a feature's live cases can
     * exceed the index's live n just after many cases were indexed (LeaderUiBrowserTest: 16 identical cases, the first
     * one's issue seeded with negative weights, link −0.83 for its twin, 15 + 1 issues). No weight is ever negative:
     * a feature counts at most as a feature of every live case.
     */
    @Test
    void noNegativeWeightWhenCountsComeFromDifferentMoments() {
        Map<String, Integer> t = TextClusterer.features("Thiếu máy scan tại bộ phận một cửa của xã mới");
        Map<String, Integer> d = TextClusterer.features("Bộ phận một cửa của xã chưa có máy scan để số hoá hồ sơ.");
        Map<String, Long> counted = new java.util.HashMap<>();
        t.keySet().forEach(f -> counted.put(f, 16L));
        d.keySet().forEach(f -> counted.put(f, 16L));
        // n 10 as counted a moment ago, a quarter of it live: 2.5 live cases, 16 counted for every feature
        IssueVectors.Both b = IssueVectors.both(t, d, "T09", f -> 16, 10, IssueVectors.LIVE_FRACTION_FLOOR, counted,
                IssueVectors.SHARED_MIN_SCALED_DF);
        assertFalse(b.shared().isEmpty());
        b.shared().forEach((f, x) -> assertTrue(x >= 0, f + " weighs " + x));
        b.seed().forEach((f, x) -> assertTrue(x >= 0, f + " weighs " + x));
        assertTrue(IssueVectors.dot(b.shared(), b.seed()) > 0.99, "identical cases link fully: " + b.shared());
    }
}
