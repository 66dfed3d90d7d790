package vn.gov.noivu.pakn.search;

import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.search.issues.IssueMath;
import vn.gov.noivu.pakn.search.issues.IssueRepair;
import vn.gov.noivu.pakn.search.issues.IssueVectors;
import vn.gov.noivu.pakn.search.issues.RecurringIssue;
import vn.gov.noivu.pakn.search.issues.TextClusterer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays the assignment decisions ({@link IssueMath}) and one pass of the periodic repair ({@link IssueRepair}) in
 * memory on the labelled set, document frequencies from the set itself (the production path takes them from the whole
 * index: RecurringIssuesTest measures that end to end), with the cases arriving in several orders (file order and
 * shuffles with fixed seeds). Prints pairwise precision/recall for a grid of parameters: a quick way to see how the
 * criteria behave and how much the order matters. It asserts only that the repair is deterministic (RecurringIssuesTest
 * guards the figures).
 */
class AssignmentReplayTest {

    static final long[] SEEDS = {0, 1, 2, 3, 4};

    @Test
    void sweep() {
        GroupingSet.Set set = GroupingSet.load();
        Map<String, String> labelOf = new HashMap<>();
        set.cases().forEach(c -> labelOf.put(c.id(), c.label()));
        List<TextClusterer.Doc> docs = set.cases().stream().map(c -> new TextClusterer.Doc(c.id(), c.title(), c.description())).toList();
        for (double t : new double[] {0.15, 0.20, 0.25}) {
            List<Set<String>> groups = new ArrayList<>();
            for (TextClusterer.Cluster cl : new TextClusterer(t).cluster(docs)) {
                Set<String> g = new HashSet<>();
                cl.members().forEach(m -> g.add(docs.get(m).id()));
                groups.add(g);
            }
            System.out.printf("[replay] %s batch average linkage %.2f: %s%n", set.name(), t, LabelledCorpus.score(labelOf, groups));
        }
        Map<String, Map<String, Double>> vectors = vectors(set.cases());
        // the topic feature (IssueVectors.TOPIC_WEIGHT) lifts every same-topic similarity: thresholds are higher than
        // before it (0.20 / 0.30)
        double[][] grid = {
            {0.5, 0.20, 0.30, 0.5, 0.20}, // the defaults before the topic feature
            {0.5, 0.24, 0.34, 0.5, 0.24},
            {0.5, 0.26, 0.36, 0.5, 0.26},
            {0.5, 0.27, 0.37, 0.5, 0.27},
            {0.5, 0.27, 0.37, 0.5, 0.24}, // defaults without step 3 (cases left alone join their nearest issue)
            {0.5, 0.27, 0.37, 0.5, 0.24, 0.6, 0.2},
            {0.5, 0.27, 0.37, 0.5, 0.24, 0.7, 0.2}, // defaults
            {0.5, 0.27, 0.37, 0.5, 0.24, 0.75, 0.2},
            {0.5, 0.27, 0.37, 0.5, 0.22},
            {0.6, 0.27, 0.37, 0.6, 0.24},
            {0.5, 0.28, 0.38, 0.5, 0.24},
            {0.5, 0.30, 0.40, 0.5, 0.24},
        };
        // "0.5,0.27,0.37,0.5,0.24,0.7,0.2;0.5,0.26,…": other rows (the last two, alone ratio and min link, optional)
        String wanted = System.getProperty("pakn.replay.grid");
        if (wanted != null && !wanted.isBlank()) {
            grid = java.util.Arrays.stream(wanted.split(";"))
                    .map(r -> java.util.Arrays.stream(r.split(",")).mapToDouble(Double::parseDouble).toArray())
                    .toArray(double[][]::new);
        }
        for (double[] g : grid) {
            IssueMath.Params join = new IssueMath.Params(g[0], g[1], g[2], 2, 300);
            IssueRepair.Params repair = g.length > 5 ? new IssueRepair.Params(join, g[3], g[4], g[5], g[6], 6)
                    : new IssueRepair.Params(join, g[3], g[4], 6);
            List<String> splits = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            double worstP = 1;
            double worstR = 1;
            double sumP = 0;
            double sumR = 0;
            for (long seed : SEEDS) {
                Map<String, String> assigned = incremental(order(set.cases(), seed), vectors, join);
                Map<String, String> repaired = repair(assigned, vectors, repair);
                LabelledCorpus.Score a = score(labelOf, assigned);
                LabelledCorpus.Score r = score(labelOf, repaired);
                worstP = Math.min(worstP, r.precision());
                worstR = Math.min(worstR, r.recall());
                sumP += r.precision();
                sumR += r.recall();
                Map<String, Set<String>> groups = new HashMap<>();
                repaired.forEach((c, i) -> groups.computeIfAbsent(i, x -> new HashSet<>()).add(c));
                splits.add("seed " + seed + ": " + LabelledCorpus.split(labelOf, new ArrayList<>(groups.values())));
                line.append(String.format(" | seed %d: %.2f/%.2f → %.2f/%.2f", seed, a.precision(), a.recall(),
                        r.precision(), r.recall()));
            }
            System.out.printf("[replay] %s join %.2f minLink %.2f pair %.2f merge %.2f mergeMinLink %.2f alone %s: worst"
                    + " after repair %.3f/%.3f, mean %.3f/%.3f%s%n", set.name(), g[0], g[1], g[2], g[3], g[4],
                    g.length > 5 ? String.format("%.2f/%.2f", g[5], g[6]) : "-", worstP, worstR,
                    sumP / SEEDS.length, sumR / SEEDS.length, line);
            if (g.length > 5 && g[5] == 0.7 && g[6] == 0.2 && g[4] == 0.24 && g[1] == 0.27) {
                splits.forEach(x -> System.out.printf("[replay] %s defaults, after repair, %s%n", set.name(), x));
            }
        }
        // the same input gives the same plan
        IssueMath.Params join = new IssueMath.Params(0.5, 0.27, 0.37, 2, 300);
        Map<String, String> assigned = incremental(order(set.cases(), 7), vectors, join);
        IssueRepair.Params p = new IssueRepair.Params(join, 0.5, 0.24, 0.7, 0.2, 6);
        assertEquals(repair(assigned, vectors, p), repair(assigned, vectors, p));
    }

    /**
     * Deleted versions in the document frequencies, as end to end: each case is counted 1–4 times (it was re-indexed
     * 0–3 times and Lucene has not merged the old versions away). Counting them inflates every df (a word of one case
     * passes the df filter and weighs most); scaling df and n by live / (live + deleted), as IssueVectors does, must
     * bring recall back toward the set's own statistics.
     */
    @Test
    void deletedVersions() {
        GroupingSet.Set set = GroupingSet.load();
        Map<String, String> labelOf = new HashMap<>();
        set.cases().forEach(c -> labelOf.put(c.id(), c.label()));
        Random random = new Random(11);
        Map<String, Integer> copies = new HashMap<>();
        set.cases().forEach(c -> copies.put(c.id(), 1 + random.nextInt(4)));
        Map<String, Integer> df = new HashMap<>();
        long n = 0;
        for (GroupingSet.Case c : set.cases()) {
            int k = copies.get(c.id());
            n += k;
            TextClusterer.features(c.title(), c.description()).keySet().forEach(f -> df.merge(f, k, Integer::sum));
        }
        long total = n;
        double live = (double) set.cases().size() / total;
        IssueMath.Params join = new IssueMath.Params(0.5, 0.27, 0.37, 2, 300);
        IssueRepair.Params repair = new IssueRepair.Params(join, 0.5, 0.24, 0.7, 0.2, 6);
        Map<String, double[]> rows = new LinkedHashMap<>();
        rows.put("own statistics", new double[] {-1, 0});
        rows.put("deleted counted", new double[] {1.0, 0});
        rows.put("scaled, df >= 1.5", new double[] {live, 1.5});
        rows.put("scaled, df >= 1", new double[] {live, 1.0});
        rows.put("scaled, df >= 2", new double[] {live, 2.0});
        Map<String, Double> meanRecall = new HashMap<>();
        rows.forEach((name, r) -> {
            Map<String, Map<String, Double>> vectors = new HashMap<>();
            if (r[0] < 0) {
                vectors = vectors(set.cases());
            } else {
                for (GroupingSet.Case c : set.cases()) {
                    vectors.put(c.id(), IssueVectors.vector(c.title(), c.description(), c.topic(),
                            f -> df.getOrDefault(f, 0), total, r[0], 2, r[1]));
                }
            }
            double sumP = 0;
            double sumR = 0;
            for (long seed : SEEDS) {
                LabelledCorpus.Score s = score(labelOf, repair(incremental(order(set.cases(), seed), vectors, join),
                        vectors, repair));
                sumP += s.precision();
                sumR += s.recall();
            }
            meanRecall.put(name, sumR / SEEDS.length);
            System.out.printf("[replay] %s deleted versions (%d counted for %d cases, live %.2f), %s: mean after repair"
                    + " %.3f/%.3f%n", set.name(), total, set.cases().size(), live, name, sumP / SEEDS.length,
                    sumR / SEEDS.length);
        });
        assertTrue(meanRecall.get("scaled, df >= 1") > meanRecall.get("deleted counted") + 0.03,
                "scaling recovers recall: " + meanRecall);
    }

    /**
     * The index as end to end, with {@code pakn.search.recurring.scale-deleted-df} on: each case counted 1–4 times in
     * the document frequencies (re-indexed 0–3 times, old versions not merged away), df and n scaled by live / (live +
     * deleted); features kept at df &ge; 2 as counted and scaled df &ge; {@code minScaledDf} (the {@code shared}
     * vector), a new issue seeded with every feature of df &ge; 1 (the {@code seed} vector), as the assigner does.
     * {@code progressive}: the first arrival order sees only the cases before it (each counted twice: indexed, then
     * assigned) and itself, as the file order through Kafka does; the repair and the other orders see the whole index.
     */
    record Model(Map<String, Map<String, Double>> shared, Map<String, Map<String, Double>> seed,
            Map<String, Map<String, Double>> progressiveShared, Map<String, Map<String, Double>> progressiveSeed) {
    }

    static Model model(List<GroupingSet.Case> cases, long copiesSeed, double minScaledDf, boolean scale) {
        Random random = new Random(copiesSeed);
        Map<String, Integer> df = new HashMap<>();
        Map<String, java.util.Set<String>> featuresOf = new HashMap<>();
        long n = 0;
        for (GroupingSet.Case c : cases) {
            int k = 1 + random.nextInt(4);
            n += k;
            java.util.Set<String> f = new HashSet<>(TextClusterer.features(c.title(), c.description()).keySet());
            featuresOf.put(c.id(), f);
            f.forEach(x -> df.merge(x, k, Integer::sum));
        }
        long total = n;
        double live = scale ? (double) cases.size() / total : 1.0;
        Map<String, Map<String, Double>> shared = new HashMap<>();
        Map<String, Map<String, Double>> seed = new HashMap<>();
        for (GroupingSet.Case c : cases) {
            shared.put(c.id(), IssueVectors.vector(c.title(), c.description(), c.topic(), f -> df.getOrDefault(f, 0),
                    total, live, 2, minScaledDf));
            seed.put(c.id(), IssueVectors.vector(c.title(), c.description(), c.topic(), f -> df.getOrDefault(f, 0),
                    total, live, 1, 0));
        }
        // the file order: case k sees cases 0..k-1 twice (indexed and assigned) and itself once
        Map<String, Integer> prefix = new HashMap<>();
        Map<String, Map<String, Double>> pShared = new HashMap<>();
        Map<String, Map<String, Double>> pSeed = new HashMap<>();
        for (int k = 0; k < cases.size(); k++) {
            GroupingSet.Case c = cases.get(k);
            featuresOf.get(c.id()).forEach(x -> prefix.merge(x, 1, Integer::sum));
            long pn = 2L * k + 1;
            double pl = scale ? (k + 1.0) / pn : 1.0;
            pShared.put(c.id(), IssueVectors.vector(c.title(), c.description(), c.topic(),
                    f -> prefix.getOrDefault(f, 0), pn, pl, 2, minScaledDf));
            pSeed.put(c.id(), IssueVectors.vector(c.title(), c.description(), c.topic(),
                    f -> prefix.getOrDefault(f, 0), pn, pl, 1, 0));
            featuresOf.get(c.id()).forEach(x -> prefix.merge(x, 1, Integer::sum));
        }
        return new Model(shared, seed, pShared, pSeed);
    }

    /**
     * The grid under the index model ({@link #model}): rows "join,minLink,pair,mergeRatio,mergeMinLink,aloneRatio,
     * aloneMinLink,minScaledDf[,mergeGeometricRatio]" separated by ";" in {@code pakn.replay.model-grid}; two copy
     * counts (seeds 11 and 12) × five orders: seeds 1–4 with the whole index (as {@code reassign} end to end), the file
     * order with the progressive index (as through Kafka). Prints worst and mean after one repair, each run, and its
     * {@link LabelledCorpus#split} (pairs with a case alone / between fragments / absorbed / recurring cases alone);
     * {@code -Dpakn.replay.print-mixed=true} prints every issue holding two or more cases of two problems, {@code
     * -Dpakn.replay.unscaled=true} the deleted versions counted as Elasticsearch does (scale-deleted-df off), {@code
     * -Dpakn.replay.diagnose=true} every run's {@link GroupingDiagnosis}.
     */
    @Test
    void sweepIndexModel() {
        // the defaults before (thresholds chosen with deleted versions counted, scaled cut 1.0), the same at the scaled
        // cut 2.0, the defaults now without and with the geometric merge bound
        String wanted = System.getProperty("pakn.replay.model-grid", "0.5,0.27,0.37,0.5,0.24,0.7,0.2,1.0;"
                + "0.5,0.27,0.37,0.5,0.24,0.7,0.2,2.0;0.5,0.29,0.39,0.5,0.28,0.7,0.2,2.0;"
                + "0.5,0.29,0.39,0.5,0.28,0.7,0.2,2.0,0.55");
        GroupingSet.Set set = GroupingSet.load();
        Map<String, String> labelOf = new HashMap<>();
        set.cases().forEach(c -> labelOf.put(c.id(), c.label()));
        Map<String, Model> models = new HashMap<>();
        for (String row : wanted.split(";")) {
            double[] g = java.util.Arrays.stream(row.split(",")).mapToDouble(Double::parseDouble).toArray();
            IssueMath.Params join = new IssueMath.Params(g[0], g[1], g[2], 2, 300);
            IssueRepair.Params repair = repairParams(join, g);
            double worstP = 1;
            double worstR = 1;
            double sumP = 0;
            double sumR = 0;
            int runs = 0;
            StringBuilder line = new StringBuilder();
            List<String> splits = new ArrayList<>();
            for (long copies : new long[] {11, 12}) {
                Model m = models.computeIfAbsent(copies + "/" + g[7],
                        x -> model(set.cases(), copies, g[7], !Boolean.getBoolean("pakn.replay.unscaled")));
                for (long seed : SEEDS) {
                    boolean progressive = seed == 0;
                    Map<String, String> assigned = incremental(order(set.cases(), seed),
                            progressive ? m.progressiveShared() : m.shared(), progressive ? m.progressiveSeed() : m.seed(),
                            join);
                    Map<String, String> repaired = repair(assigned, m.shared(), repair);
                    LabelledCorpus.Score r = score(labelOf, repaired);
                    worstP = Math.min(worstP, r.precision());
                    worstR = Math.min(worstR, r.recall());
                    sumP += r.precision();
                    sumR += r.recall();
                    runs++;
                    line.append(String.format(" %.2f/%.2f", r.precision(), r.recall()));
                    Map<String, Set<String>> groups = new HashMap<>();
                    repaired.forEach((c, i) -> groups.computeIfAbsent(i, x -> new HashSet<>()).add(c));
                    LabelledCorpus.Split sp = LabelledCorpus.split(labelOf, new ArrayList<>(groups.values()));
                    if (Boolean.getBoolean("pakn.replay.print-mixed")) {
                        for (Set<String> grp : groups.values()) {
                            Map<String, Integer> labels = new java.util.TreeMap<>();
                            grp.forEach(id -> labels.merge(labelOf.get(id), 1, Integer::sum));
                            if (labels.values().stream().filter(x -> x >= 2).count() >= 2) {
                                System.out.printf("[model] copies %d seed %d mixed issue %s%n", copies, seed, labels);
                            }
                        }
                    }
                    if (Boolean.getBoolean("pakn.replay.diagnose")) {
                        for (String d : GroupingDiagnosis.report(labelOf, new ArrayList<>(groups.values()), m.shared(),
                                repair)) {
                            System.out.printf("[model diagnosis] copies %d seed %d %s%n", copies, seed, d);
                        }
                    }
                    splits.add(sp.single() + "/" + sp.fragments() + "/" + sp.absorbed() + "/" + sp.singleRecurring());
                }
            }
            System.out.printf("[model] %s %s: worst %.3f/%.3f mean %.3f/%.3f |%s | alone/frag/absorbed/aloneRec %s%n",
                    set.name(), row, worstP, worstR, sumP / runs, sumR / runs, line, splits);
        }
    }

    /** Repair parameters of a grid row (see {@link #sweepIndexModel}). */
    static IssueRepair.Params repairParams(IssueMath.Params join, double[] g) {
        return new IssueRepair.Params(join, g[3], g[4], g[5], g[6], 6, g.length > 8 ? g[8] : 0);
    }

    static List<GroupingSet.Case> order(List<GroupingSet.Case> cases, long seed) {
        List<GroupingSet.Case> out = new ArrayList<>(cases);
        if (seed != 0) {
            Collections.shuffle(out, new Random(seed));
        }
        return out;
    }

    /** Vectors as IssueVectors computes them, document frequencies from the set. */
    static Map<String, Map<String, Double>> vectors(List<GroupingSet.Case> cases) {
        Map<String, Integer> df = new HashMap<>();
        for (GroupingSet.Case c : cases) {
            TextClusterer.features(c.title(), c.description()).keySet().forEach(k -> df.merge(k, 1, Integer::sum));
        }
        Map<String, Map<String, Double>> out = new HashMap<>();
        for (GroupingSet.Case c : cases) {
            out.put(c.id(), IssueVectors.vector(c.title(), c.description(), c.topic(), f -> df.getOrDefault(f, 0),
                    cases.size()));
        }
        return out;
    }

    /** Incremental assignment, one case at a time, as RecurringIssueAssigner decides it. */
    static Map<String, String> incremental(List<GroupingSet.Case> cases, Map<String, Map<String, Double>> vectors,
            IssueMath.Params p) {
        return incremental(cases, vectors, vectors, p);
    }

    /** The same, a new issue seeded with the {@code seeds} vector (every feature the index knows), as the assigner. */
    static Map<String, String> incremental(List<GroupingSet.Case> cases, Map<String, Map<String, Double>> vectors,
            Map<String, Map<String, Double>> seeds, IssueMath.Params p) {
        Map<String, RecurringIssue> issues = new LinkedHashMap<>();
        Map<String, String> issueOf = new LinkedHashMap<>();
        for (GroupingSet.Case c : cases) {
            Map<String, Double> v = vectors.get(c.id());
            IssueMath.Choice choice = IssueMath.choose(v, issues.values(), Set.of(), p);
            if (choice == null) {
                RecurringIssue i = new RecurringIssue();
                i.issueId = "ri-" + c.id();
                i.status = RecurringIssue.Status.CANDIDATE;
                i.size = 1;
                i.sumNorm2 = 1;
                i.centroid = IssueVectors.truncate(new LinkedHashMap<>(seeds.get(c.id())), p.centroidTerms());
                issues.put(i.issueId, i);
                issueOf.put(c.id(), i.issueId);
            } else {
                IssueMath.add(choice.issue(), v, +1, p);
                issueOf.put(c.id(), choice.issue().issueId);
            }
        }
        return issueOf;
    }

    /** One repair pass over everything (the whole set is one neighbourhood). */
    static Map<String, String> repair(Map<String, String> issueOf, Map<String, Map<String, Double>> vectors,
            IssueRepair.Params p) {
        Map<String, List<IssueRepair.Member>> members = new LinkedHashMap<>();
        issueOf.forEach((c, i) -> members.computeIfAbsent(i, x -> new ArrayList<>())
                .add(new IssueRepair.Member(c, vectors.get(c), false, Set.of())));
        List<IssueRepair.Issue> issues = new ArrayList<>();
        members.forEach((i, m) -> issues.add(new IssueRepair.Issue(i,
                m.size() >= 2 ? RecurringIssue.Status.AUTO : RecurringIssue.Status.CANDIDATE, m)));
        return IssueRepair.plan(issues, p).issueOf();
    }

    static LabelledCorpus.Score score(Map<String, String> labelOf, Map<String, String> issueOf) {
        Map<String, Set<String>> groups = new HashMap<>();
        issueOf.forEach((c, i) -> groups.computeIfAbsent(i, x -> new HashSet<>()).add(c));
        return LabelledCorpus.score(labelOf, new ArrayList<>(groups.values()));
    }
}
