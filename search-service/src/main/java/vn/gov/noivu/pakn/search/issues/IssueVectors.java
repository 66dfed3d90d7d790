package vn.gov.noivu.pakn.search.issues;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.search.config.SearchConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * TF-IDF unit vectors of cases with the document frequencies of the WHOLE case index: features are
 * {@link TextClusterer#features} (folded syllables without function words, and syllable pairs "a_b"); their document
 * frequencies come from Elasticsearch's term statistics ({@code _mtermvectors} of artificial documents: syllables from
 * {@code title}/{@code description}, pairs from their {@code .shingles} subfields; {@link TermStatistics}). So a word
 * every commune writes weighs little however few cases a request looks at. The assigner's first pass over a batch
 * ({@link #bothRecent}) reuses the dfs this pod was given in the last 2 s ({@link TermStatisticsCache},
 * {@code pakn.search.recurring.df-cache}) and asks only for the features not among them.
 *
 * <p>Elasticsearch's term statistics count deleted documents too ({@code doc_freq} and {@code doc_count} ignore
 * deletions until Lucene merges the segments), and every membership update re-indexes a case: end to end the index
 * held 332–733 deleted versions for 332 live cases. A word only one case has then counts 2–3 times. So every df and
 * n can be scaled (when {@code pakn.search.recurring.scale-deleted-df} is on, the default; see the doc) by live /
 * (live + deleted) of the index ({@link #liveFraction()}, one {@code _stats/docs} request
 * cached {@value #LIVE_TTL_SECONDS} s) before the thresholds and the IDF; a feature near the cut ({@link #nearTheCut})
 * has its live cases counted exactly instead ({@link LiveCaseCounts}). The scaling is a uniform approximation: it assumes
 * every word's cases were re-indexed as often as the index's average. It errs where that is not so: a word of cases
 * updated more often than average (a busy issue's members, moved by each repair) keeps a df too high, a word of cases
 * never updated since indexing (old, settled ones) gets one too low, and a small problem's word among them may fall
 * under the threshold. It is exact when no document is deleted (fraction 1), and far better than counting deleted
 * versions as cases (search-service/docs/recurring-issues.md, "Why recall is low"). It errs most when the deletions
 * are not re-indexing at all (a purge) or the reading is stale while a near-empty index fills: hence the floor
 * {@value #LIVE_FRACTION_FLOOR} and the short cache.
 */
@ApplicationScoped
public class IssueVectors {

    /**
     * Weight of a syllable pair relative to a syllable. 1.0 (pairs weigh as much as syllables; a pair is already
     * rarer, so its IDF is higher): on the labelled set the worst of five arrival orders after one repair went from
     * 0.60/0.49 (× 1.5) to 0.66/0.55 precision/recall (AssignmentReplayTest; × 2.0 was worse, × 0.75 about the same).
     */
    static final double PAIR_WEIGHT = 1.0;

    /** How long one reading of the index's live/deleted counts is reused (each pod keeps its own). */
    static final int LIVE_TTL_SECONDS = 2;

    /**
     * Least live fraction used. Re-indexing leaves at most 1–3 deleted versions per live case (0.31 was the lowest
     * measured end to end); far fewer live documents mean deletions NOT spread like the live cases (a purge, or an
     * index refilling after one: 6 live cases beside 2,000 deleted versions of a removed set), and scaling by that
     * fraction drops every feature: in one RecurringIssuesTest run every case of the first order started its own issue.
     */
    static final double LIVE_FRACTION_FLOOR = 0.25;

    /**
     * Least scaled df of a feature of the {@code shared} vector (besides df &ge; 2 as counted, so nothing changes
     * without deleted documents), when {@code pakn.search.recurring.scale-deleted-df} is on; the production value is
     * {@code pakn.search.recurring.min-scaled-df} (2.0: about two live cases, what "no other case has it" means). 1.0
     * (about one live case) kept a word of one case that was re-indexed two or three times, the private component
     * that shrank every link end to end; in AssignmentReplayTest's index model (each case counted 1–4 times, scaled)
     * 1.0 gave 0.894 / 0.690 (mean of ten runs after one repair), 1.5 0.880 / 0.718, 2.0 0.873 / 0.746 at the old
     * thresholds, and 2.0 with the thresholds chosen again (minLink 0.29, pair 0.39, merge min link 0.28) 0.894 /
     * 0.705 with the worst run 0.884 / 0.687 (search-service/docs/recurring-issues.md).
     */
    static final double SHARED_MIN_SCALED_DF = 2.0;

    /** The last reading of {@link #liveFraction()} and when (System.nanoTime). */
    private record Live(double fraction, long at) {
    }

    private volatile Live live;

    @Inject
    EsJson es;

    @Inject
    SearchConfig config;

    @Inject
    TermStatistics statistics;

    @Inject
    LiveCaseCounts liveCounts;

    @Inject
    MeterRegistry registry;

    /** The term-statistics cache (null: {@code pakn.search.recurring.df-cache.enabled=false}). */
    private TermStatisticsCache cache;

    @PostConstruct
    void init() {
        SearchConfig.Recurring.DfCache c = config.recurring().dfCache();
        cache = c.enabled() ? new TermStatisticsCache(c.ttl(), c.maxFeatures(), Ticker.systemTicker(), registry) : null;
    }

    /**
     * Weight of the case's topic (the field the commune picks in the intake form), added as one pseudo-feature
     * {@code #topic:<code>} to the L2-normalised text vector before normalising again: two cases of the same topic gain
     * {@code 0.3² / 1.09 ≈ 0.08} of similarity and every other similarity shrinks by {@code 1/1.09}. A problem's cases
     * mostly share a topic (73% of the labelled set's same-problem pairs) while neighbouring problems often do not; the
     * thresholds were raised accordingly (minLink 0.27, pairThreshold 0.37; were 0.20, 0.30; 0.29 and 0.39 since, with the scaled statistics). On the labelled set (AssignmentReplayTest,
     * worst of five arrival orders after one repair, title and description still one text) precision/recall went from 0.661/0.548 to 0.873/0.557; × 0.22 and
     * × 0.36 were worse (0.842/0.475 and 0.798/0.564 at their best thresholds of the same grid).
     */
    public static final double TOPIC_WEIGHT = 0.3;

    /**
     * Weight of the title's unit vector against the description's. On the labelled set (AssignmentReplayTest, worst
     * of five orders after one repair, with the topic feature): title and description as one text with the title
     * counted twice 0.873/0.557 (at minLink 0.28); apart with the title × 0.6 0.876/0.595 (minLink 0.27, pair 0.37);
     * × 0.5 0.868/0.598 (0.26/0.36); × 0.7 0.877/0.591; × 1.0 0.854/0.564 (0.28/0.38).
     */
    public static final double TITLE_WEIGHT = 0.6;

    /** A case's text and topic code (null or blank: no topic feature). */
    public record Text(String id, String title, String description, String topic) {
    }

    /** Unit vectors by id (features only this case has are left out: they cannot make two cases similar). */
    public Map<String, Map<String, Double>> vectors(List<Text> texts) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        both(texts).forEach((id, b) -> out.put(id, b.shared()));
        return out;
    }

    /**
     * A case's two vectors: {@code shared} leaves out the features no other case has (df &lt; 2, as {@link #vectors});
     * {@code seed} keeps every feature the index knows (df &ge; 1), for the centroid of an issue the case starts. The
     * first case of a new problem has no other case sharing its problem's words: {@code shared} keeps only generic
     * words, and an issue seeded with it attracts nobody (the next cases of that problem, which share those words with
     * it, would never join it).
     */
    public record Both(Map<String, Double> shared, Map<String, Double> seed, int features, int known) {

        /**
         * Fewer than half of the case's features are known to the index, i.e. kept in {@code shared} (df &ge; 2 as
         * counted and, with {@code scale-deleted-df}, live cases &ge; {@code min-scaled-df}: the same cut): its
         * problem's words are new to the searchable index, most likely because its own case and those just before it
         * are not refreshed yet. A case of a problem the index knows (most cases, at any load) keeps most of its
         * features. (Until 2026-12-03 this counted df &ge; 2 as counted whatever the scaled cut kept, so a case whose
         * shared vector the cut had emptied was not refreshed: LeaderUiBrowserTest's 16 identical cases in 16 issues.)
         */
        public boolean thin() {
            return known * 2 < features;
        }
    }

    /**
     * live / (live + deleted) documents of the case index's primaries (1 when it is empty or has no deletions), from
     * one {@code _stats/docs} request reused for {@value #LIVE_TTL_SECONDS} s, so the assigner's batches and the
     * repair's reads do not pay a request each.
     */
    public double liveFraction() {
        Live l = live;
        long now = System.nanoTime();
        if (l != null && now - l.at() < LIVE_TTL_SECONDS * 1_000_000_000L) {
            return l.fraction();
        }
        JsonNode docs = es.ok("GET", "/" + config.index().alias() + "/_stats/docs", null)
                .path("_all").path("primaries").path("docs");
        double f = liveFraction(docs.path("count").asLong(0), docs.path("deleted").asLong(0));
        live = new Live(f, now);
        return f;
    }

    /** live / (live + deleted), 1 without documents, at least {@value #LIVE_FRACTION_FLOOR}. */
    static double liveFraction(long liveDocs, long deletedDocs) {
        return liveDocs <= 0 || deletedDocs <= 0 ? 1.0
                : Math.max(LIVE_FRACTION_FLOOR, (double) liveDocs / (liveDocs + deletedDocs));
    }

    /**
     * {@link Both} vectors by id, from the term statistics of the cases' whole texts (one request per 25 cases); what
     * Elasticsearch gave is kept in the term-statistics cache when it is on. The thin cases of the assigner come here
     * after the refresh: never from the cache.
     */
    public Map<String, Both> both(List<Text> texts) {
        Map<String, Both> out = new LinkedHashMap<>();
        if (texts.isEmpty()) {
            return out;
        }
        List<Features> features = texts.stream().map(Features::of).toList();
        List<TermStatistics.Df> dfs = statistics.ofTexts(texts, features.stream().map(f -> f.title().keySet()).toList(),
                features.stream().map(f -> f.description().keySet()).toList());
        if (cache != null) {
            dfs.forEach(df -> cache.put(df.df(), df.n()));
        }
        return vectorise(texts, features, i -> dfs.get(i)::of, i -> dfs.get(i).n());
    }

    /**
     * {@link Both} vectors by id, with the dfs this pod was given within the last
     * {@code pakn.search.recurring.df-cache.ttl} ({@link TermStatisticsCache}) and one request for the features of the
     * batch not among them (none when every feature is), made of those features alone
     * ({@link TermStatistics#ofFeatures}). The cache off: {@link #both}.
     */
    public Map<String, Both> bothRecent(List<Text> texts) {
        if (cache == null) {
            return both(texts);
        }
        List<Features> features = texts.stream().map(Features::of).toList();
        Set<String> keys = new LinkedHashSet<>();
        features.forEach(f -> keys.addAll(f.keys()));
        Map<String, Long> df = new HashMap<>(cache.known(keys));
        long n = cache.docCount().orElse(0);
        Set<String> missing = new LinkedHashSet<>();
        keys.stream().filter(k -> !df.containsKey(k)).forEach(k -> missing.add(k.substring(2)));
        if (!missing.isEmpty()) {
            TermStatistics.Df asked = statistics.ofFeatures(missing);
            cache.put(asked.df(), asked.n());
            df.putAll(asked.df());
            n = asked.n();
        }
        long docCount = n;
        return vectorise(texts, features, i -> f -> df.getOrDefault(f, 0L), i -> docCount);
    }

    /** pakn.search.recurring.scale-deleted-df: see SearchConfig.Recurring#scaleDeletedDf */
    private double liveFractionInUse() {
        return config.recurring().scaleDeletedDf() ? liveFraction() : 1.0;
    }

    /** A case's features, title's and description's apart, computed once (the synonym rewrite is the costly part). */
    record Features(Map<String, Integer> title, Map<String, Integer> description) {

        static Features of(Text t) {
            return new Features(TextClusterer.features(t.title()), TextClusterer.features(t.description()));
        }

        Set<String> all() {
            Set<String> all = new HashSet<>(title.keySet());
            all.addAll(description.keySet());
            return all;
        }

        /** The dfs the case's vectors read ({@link TermStatistics#key}): its title's features in the title, ... */
        Set<String> keys() {
            Set<String> keys = new HashSet<>();
            title.keySet().forEach(f -> keys.add(TermStatistics.key(true, f)));
            description.keySet().forEach(f -> keys.add(TermStatistics.key(false, f)));
            return keys;
        }

        /**
         * A feature's df from the fields of the case that have it (its title's and its description's), the larger:
         * Elasticsearch reports a field's statistics only for the terms of that field of the given document.
         */
        long df(String f, ToLongFunction<String> byKey) {
            return Math.max(title.containsKey(f) ? byKey.applyAsLong(TermStatistics.key(true, f)) : 0,
                    description.containsKey(f) ? byKey.applyAsLong(TermStatistics.key(false, f)) : 0);
        }
    }

    /**
     * {@link Both} vectors by id from the cases' features and their statistics ({@code byKey}: df per
     * {@link TermStatistics#key}, {@code n}: the document count, for the case at that index) and, when
     * {@code scale-deleted-df} is on and the index holds deleted versions, one {@link LiveCaseCounts} request (per
     * {@value LiveCaseCounts#CHUNK} features) for the features near the cut ({@link #nearTheCut}).
     */
    private Map<String, Both> vectorise(List<Text> texts, List<Features> features,
            IntFunction<ToLongFunction<String>> byKey, java.util.function.IntToLongFunction n) {
        double liveFraction = liveFractionInUse();
        double minScaledDf = config.recurring().minScaledDf();
        List<ToLongFunction<String>> dfOfs = new ArrayList<>();
        Set<String> near = new HashSet<>();
        for (int i = 0; i < texts.size(); i++) {
            Features fs = features.get(i);
            ToLongFunction<String> key = byKey.apply(i);
            ToLongFunction<String> dfOf = f -> fs.df(f, key);
            dfOfs.add(dfOf);
            fs.all().stream().filter(f -> nearTheCut(dfOf.applyAsLong(f), liveFraction, minScaledDf)).forEach(near::add);
        }
        Map<String, Long> liveCases = near.isEmpty() ? Map.of() : liveCounts.of(near);
        Map<String, Both> out = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            Text t = texts.get(i);
            Features fs = features.get(i);
            out.put(t.id(), both(fs.title(), fs.description(), t.topic(), dfOfs.get(i), n.applyAsLong(i), liveFraction,
                    liveCases, minScaledDf));
        }
        return out;
    }

    /**
     * Whether a feature's live cases are counted exactly ({@link LiveCaseCounts}) instead of estimated as its df
     * × the live fraction: only with deleted versions (fraction below 1), for a feature that passes df &ge; 2 as
     * counted and whose scaled df is below twice {@code minScaledDf}. There the estimate decides whether the feature
     * is kept, and it errs most for new cases: a word of two or three new cases of a new problem (each indexed once or
     * twice, fewer times than the index's average) scales below 2.0 when the index holds many deleted versions of
     * older cases, and was cut from every one of them.
     */
    static boolean nearTheCut(long df, double liveFraction, double minScaledDf) {
        return liveFraction < 1 && df >= 2 && df * liveFraction < 2 * minScaledDf;
    }

    /**
     * A case's {@link Both} from its features and the statistics: df as counted ({@code dfOf}, deleted versions
     * included) and n; live cases estimated as df × {@code liveFraction}, or counted, for the features in
     * {@code liveCases}. {@code shared} keeps the features with df &ge; 2 and live cases &ge; {@code minScaledDf};
     * {@code known} counts exactly the features that cut keeps, so a case whose shared vector lost most of its words
     * is {@link Both#thin() thin} and the assigner refreshes the index and vectorises it again.
     */
    static Both both(Map<String, Integer> title, Map<String, Integer> description, String topic,
            ToLongFunction<String> dfOf, long n, double liveFraction, Map<String, Long> liveCases, double minScaledDf) {
        ToDoubleFunction<String> live = f -> {
            Long counted = liveCases.get(f);
            return counted != null ? counted : dfOf.applyAsLong(f) * liveFraction;
        };
        double liveN = n * liveFraction;
        Set<String> features = new HashSet<>(title.keySet());
        features.addAll(description.keySet());
        int known = (int) features.stream()
                .filter(f -> kept(dfOf.applyAsLong(f), live.applyAsDouble(f), 2, minScaledDf)).count();
        return new Both(vector(title, description, topic, dfOf, live, liveN, 2, minScaledDf),
                vector(title, description, topic, dfOf, live, liveN, 1, 0), features.size(), known);
    }

    /** The cut of every vector: df &ge; minDf as counted and live cases (estimated or counted) &ge; minLive. */
    private static boolean kept(long df, double live, long minDf, double minLive) {
        return df >= Math.max(1, minDf) && live >= minLive - 1e-9;
    }

    /**
     * A case's unit vector: the title's and the description's TF-IDF unit vectors, the title × {@link #TITLE_WEIGHT},
     * summed and normalised, then the topic ({@link #withTopic}). Weighing the two apart keeps a long description
     * from drowning the title, which states the problem (a description adds shared context: "sau sắp xếp", "cán bộ").
     */
    public static Map<String, Double> vector(String title, String description, String topic,
            java.util.function.ToLongFunction<String> dfOf, long n) {
        return vector(title, description, topic, dfOf, n, 2);
    }

    /** {@link #vector(String, String, String, java.util.function.ToLongFunction, long)} keeping features with df &ge; minDf. */
    public static Map<String, Double> vector(String title, String description, String topic,
            java.util.function.ToLongFunction<String> dfOf, long n, long minDf) {
        return vector(TextClusterer.features(title), TextClusterer.features(description), topic, dfOf, n, minDf);
    }

    /** The same from the title's and the description's features (term counts). */
    static Map<String, Double> vector(Map<String, Integer> title, Map<String, Integer> description, String topic,
            java.util.function.ToLongFunction<String> dfOf, long n, long minDf) {
        return vector(title, description, topic, dfOf, n, 1.0, minDf, 0);
    }

    /**
     * The same with df and n counted over live and deleted documents, scaled by {@code liveFraction} (see the class
     * comment); features are kept when df &ge; {@code minDf} and the scaled df &ge; {@code minScaledDf}.
     */
    public static Map<String, Double> vector(String title, String description, String topic,
            java.util.function.ToLongFunction<String> dfOf, long n, double liveFraction, long minDf, double minScaledDf) {
        return vector(TextClusterer.features(title), TextClusterer.features(description), topic, dfOf, n, liveFraction,
                minDf, minScaledDf);
    }

    static Map<String, Double> vector(Map<String, Integer> title, Map<String, Integer> description, String topic,
            java.util.function.ToLongFunction<String> dfOf, long n, double liveFraction, long minDf, double minScaledDf) {
        return vector(title, description, topic, dfOf, f -> dfOf.applyAsLong(f) * liveFraction, n * liveFraction,
                minDf, minScaledDf);
    }

    /** The same with each feature's live cases given ({@code live}) and the live n. */
    private static Map<String, Double> vector(Map<String, Integer> title, Map<String, Integer> description,
            String topic, java.util.function.ToLongFunction<String> dfOf, java.util.function.ToDoubleFunction<String> live,
            double liveN, long minDf, double minLive) {
        Map<String, Double> t = weigh(title, dfOf, live, liveN, minDf, minLive);
        Map<String, Double> d = weigh(description, dfOf, live, liveN, minDf, minLive);
        Map<String, Double> sum = new HashMap<>(d);
        t.forEach((k, x) -> sum.merge(k, TITLE_WEIGHT * x, Double::sum));
        double len = Math.sqrt(dot(sum, sum));
        if (len > 0) {
            sum.replaceAll((k, x) -> x / len);
        }
        return withTopic(sum, topic);
    }

    /** Adds the topic pseudo-feature ({@link #TOPIC_WEIGHT}) to a unit vector and normalises again. */
    public static Map<String, Double> withTopic(Map<String, Double> unit, String topic) {
        if (topic == null || topic.isBlank() || unit.isEmpty()) {
            return unit;
        }
        Map<String, Double> out = new HashMap<>(unit);
        out.put("#topic:" + topic, TOPIC_WEIGHT);
        double len = Math.sqrt(1 + TOPIC_WEIGHT * TOPIC_WEIGHT);
        out.replaceAll((k, x) -> x / len);
        return out;
    }

    /**
     * Sublinear TF × IDF ({@code ln((n+1)/(df+1)) + 1}), syllable pairs × {@link #PAIR_WEIGHT}, L2-normalised; features with df &lt; 2
     * are left out (no other case has them).
     */
    public static Map<String, Double> weigh(Map<String, Integer> tf, java.util.function.ToLongFunction<String> dfOf, long n) {
        return weigh(tf, dfOf, n, 2);
    }

    /** {@link #weigh(Map, java.util.function.ToLongFunction, long)} leaving out the features with df &lt; minDf. */
    public static Map<String, Double> weigh(Map<String, Integer> tf, java.util.function.ToLongFunction<String> dfOf, long n,
            long minDf) {
        return weigh(tf, dfOf, n, 1.0, minDf, 0);
    }

    /**
     * Sublinear TF × IDF with df and n scaled by {@code liveFraction} (live / (live + deleted) documents), keeping the
     * features with df &ge; {@code minDf} (as counted, deleted versions included) and scaled df &ge; {@code minScaledDf}.
     */
    public static Map<String, Double> weigh(Map<String, Integer> tf, java.util.function.ToLongFunction<String> dfOf, long n,
            double liveFraction, long minDf, double minScaledDf) {
        return weigh(tf, dfOf, f -> dfOf.applyAsLong(f) * liveFraction, n * liveFraction, minDf, minScaledDf);
    }

    /** The same with each feature's live cases given ({@code live}: estimated or counted) and the live n. */
    private static Map<String, Double> weigh(Map<String, Integer> tf, java.util.function.ToLongFunction<String> dfOf,
            java.util.function.ToDoubleFunction<String> live, double liveN, long minDf, double minLive) {
        Map<String, Double> w = new HashMap<>();
        double norm = 0;
        for (Map.Entry<String, Integer> e : tf.entrySet()) {
            String f = e.getKey();
            double df = live.applyAsDouble(f);
            if (!kept(dfOf.applyAsLong(f), df, minDf, minLive)) {
                continue;
            }
            // df and n come from different moments (term statistics, the live fraction's _stats, counted live
            // cases): a feature counts at most as one of every live case, so no weight is ever negative
            double idf = Math.log((liveN + 1) / (Math.min(df, liveN) + 1)) + 1;
            double x = (1 + Math.log(e.getValue())) * idf * (f.indexOf('_') > 0 ? PAIR_WEIGHT : 1.0);
            w.put(f, x);
            norm += x * x;
        }
        double len = Math.sqrt(norm);
        if (len > 0) {
            w.replaceAll((k, x) -> x / len);
        }
        return w;
    }

    public static double dot(Map<String, Double> a, Map<String, Double> b) {
        if (a.size() > b.size()) {
            Map<String, Double> x = a;
            a = b;
            b = x;
        }
        double s = 0;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            Double y = b.get(e.getKey());
            if (y != null) {
                s += e.getValue() * y;
            }
        }
        return s;
    }

    /** The heaviest {@code k} features, heaviest first. */
    public static List<String> top(Map<String, Double> v, int k) {
        List<Map.Entry<String, Double>> es = new ArrayList<>(v.entrySet());
        es.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        return es.stream().limit(k).map(Map.Entry::getKey).toList();
    }

    /** Keeps the heaviest {@code k} entries (in place order: heaviest first). */
    public static Map<String, Double> truncate(Map<String, Double> v, int k) {
        if (v.size() <= k) {
            return v;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String key : top(v, k)) {
            out.put(key, v.get(key));
        }
        return out;
    }
}
