package vn.gov.noivu.pakn.search.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Configuration of search-service ({@code pakn.search.*}). */
@ConfigMapping(prefix = "pakn.search")
public interface SearchConfig {

    Index index();

    Consumer consumer();

    Recurring recurring();

    Export export();

    Results results();

    Triage triage();

    /**
     * triage-service's API, called with the signed-in user's own token when a recurring issue's answer is published
     * (env {@code PAKN_SEARCH_TRIAGE_URL}).
     */
    interface Triage {
        @WithDefault("http://127.0.0.1:8082")
        String url();

        /** Answering hundreds of cases, each in its own transaction, takes a while. */
        @WithDefault("PT60S")
        Duration timeout();
    }

    interface Index {
        /** Alias every search reads and every live write goes through. */
        @WithDefault("pakn-cases")
        String alias();

        /** Alias held by an index while a rebuild fills it: live consumers write to it too. */
        @WithDefault("pakn-cases-building")
        String buildingAlias();

        /** Versioned index names are {@code <prefix><n>}, e.g. pakn-cases-v1. */
        @WithDefault("pakn-cases-v")
        String prefix();

        @WithDefault("1")
        int shards();

        @WithDefault("0")
        int replicas();

        /** Near-real-time: how soon an indexed document becomes searchable. */
        @WithDefault("1s")
        String refreshInterval();

        /** How many previous index generations a rebuild keeps (for rollback); older ones are deleted. */
        @WithDefault("1")
        int keepPrevious();
    }

    interface Consumer {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("search-service")
        String groupId();

        @WithDefault("500")
        int maxPollRecords();

        @WithDefault("PT0.5S")
        Duration pollTimeout();

        /** First wait after Elasticsearch failed a batch; doubled up to {@link #retryMax()}. */
        @WithDefault("PT0.5S")
        Duration retryInitial();

        @WithDefault("PT10S")
        Duration retryMax();

        /** Attempts of an event failing for an unknown, non-transient reason before it is parked. */
        @WithDefault("5")
        int maxAttempts();

        /** How often a batch is re-read and re-merged after optimistic-concurrency conflicts. */
        @WithDefault("8")
        int conflictRetries();

        /**
         * Cases whose last written document (and version) this instance keeps, so that the next event of a case and
         * its assignment do not read it back with a realtime get (a round trip and a get per case;
         * {@code indexing.RecentCases}); 0 turns the copy off. About 50 s of cases at 100 submissions/s.
         */
        @WithDefault("5000")
        int recentCases();
    }

    interface Recurring {
        /** Cosine similarity (TF-IDF over folded words and word pairs) above which two cases are one problem. */
        @WithDefault("0.20")
        double threshold();

        /** Most recent cases in scope considered per request. */
        @WithDefault("3000")
        int maxCandidates();

        /** Cases an issue needs to be listed as a recurring issue (a smaller one is a "candidate"). */
        @WithDefault("2")
        int minSize();

        /** Index of the recurring-issue records (not versioned: it is the source of truth for curation). */
        @WithDefault("pakn-issues")
        String issuesIndex();

        /** Index of the curation audit trail (who, when, what). */
        @WithDefault("pakn-issue-audit")
        String auditIndex();

        /**
         * A case joins an issue of two or more cases when its average similarity to the members (its link) is at least
         * this share of the issue's own cohesion (mean pairwise similarity of its members).
         */
        @WithDefault("0.5")
        double joinRatio();

        /**
         * ... and never below this link, however loose the issue (0.29, chosen with {@link #scaleDeletedDf()} on, the
         * default; 0.27 with it off: deleted versions counted shrink every link).
         */
        @WithDefault("0.29")
        double minLink();

        /**
         * Scale the term statistics' df and n by live / (live + deleted) documents of the case index (IssueVectors):
         * Elasticsearch counts deleted versions of re-indexed cases; the features near the cut ({@link #minScaledDf()})
         * have their live cases counted exactly (LiveCaseCounts). On by default, with min-scaled-df 2.0, min-link 0.29,
         * pair-threshold 0.39 and merge-min-link 0.28 (with it off: 0.27, 0.37, 0.24). It was on once before without
         * the exact count: RecurringIssuesTest's recall rose from 0.61-0.65 to 0.71-0.76, but the clean-clone suite's
         * LeaderUiBrowserTest found 16 identical cases sent together in 16 issues (in an index of many deleted
         * versions the words two or three searchable cases share scaled below 2.0 and were cut, while the thin-case
         * check counted df as Elasticsearch gives it and did not refresh). See search-service/docs/recurring-issues.md.
         */
        @WithDefault("true")
        boolean scaleDeletedDf();

        /**
         * With {@link #scaleDeletedDf()}: a case's features count for similarity only when their scaled df reaches
         * this (about two live cases: a word no other case has, counted again for each re-indexed version of its case,
         * is left out; at 1.0 it stayed and shrank every link). A feature whose scaled df is under twice this has its
         * live cases counted exactly instead, and that count is what must reach this.
         */
        @WithDefault("2.0")
        double minScaledDf();

        /**
         * A case joins a single-case candidate when their similarity reaches this (no cohesion to compare with yet;
         * 0.39, with {@link #scaleDeletedDf()} on, the default; 0.37 with it off).
         */
        @WithDefault("0.39")
        double pairThreshold();

        /**
         * The repair merges two automatic issues of two or more cases when their average link is at least this share
         * of the cohesion of each (and {@link #minLink()}).
         */
        @WithDefault("0.5")
        double mergeRatio();

        /**
         * ... and at least this average link (lower than {@link #minLink()}: fragments of one problem that formed apart
         * are linked more loosely than a case to its issue; on the labelled set 0.24 raised recall after repair from
         * 0.595 to 0.621 at the same precision, 0.22 cost 0.07 of precision; AssignmentReplayTest). 0.28 with the scaled
         * statistics: links are stronger without the private components of deleted versions, and the strongest link
         * between two different problems of the labelled set (P16 and P29, taken whole) rose from 0.224 to 0.270; at
         * 0.26 those two merged end to end. Default 0.28, for {@link #scaleDeletedDf()} on; 0.24 with it off.
         */
        @WithDefault("0.28")
        double mergeMinLink();

        /**
         * ... or, when lower, this share of the geometric mean of the two cohesions (0: not used). A fragment of a
         * problem (a tight pair or triple telling it in other words) beside the problem's looser main issue fails the
         * bound of the tighter cohesion alone; in AssignmentReplayTest's index model 0.55 took recall after one repair
         * from 0.713 to 0.732 (mean of ten runs, merge min link 0.26; 0.705 to 0.717 at 0.28) at the same precision, but end to end one of the two runs with it
         * fell to precision 0.736 (28 merges in its repair instead of 16–17, P01 and P33 in one issue): off until more
         * runs tell whether it or that run's order did it (search-service/docs/recurring-issues.md).
         */
        @WithDefault("0")
        double mergeGeometricRatio();

        /**
         * Once its rounds are done, the repair puts a case left alone into its nearest automatic issue (largest link)
         * when that link reaches this share of the issue's cohesion (and {@link #aloneMinLink()}), though it passes
         * no join threshold: most cases of a recurring problem left alone after the rounds are linked to their
         * problem's issue at 0.55–0.75 of its cohesion, under the join ratio's absolute floor ({@link #minLink()}).
         * On the labelled set (AssignmentReplayTest, worst of five orders after one repair) 0.7 took recall from 0.715
         * to 0.739 at a precision of 0.887 (was 0.895), the dev set's recall from 0.594 to 0.634 at the same precision;
         * 0.55 and 0.6 bought more recall with more precision than they gave. 0: never.
         */
        @WithDefault("0.7")
        double aloneRatio();

        /** ... and never below this link. */
        @WithDefault("0.2")
        double aloneMinLink();

        /** Rounds of the repair's plan (members, then merges) at most, until nothing changes. */
        @WithDefault("6")
        int repairRounds();

        /** Issues updated within this window are repaired by a pass (with their neighbours); the first pass looks at all. */
        @WithDefault("PT2H")
        Duration repairWindow();

        /** Most cases one neighbourhood of the repair holds in memory (issues are taken in chunks up to this). */
        @WithDefault("3000")
        int repairMaxCases();

        /** Issues retrieved from the issue index (terms query on their centroid terms) and scored exactly. */
        @WithDefault("20")
        int candidates();

        /** Centroid terms kept per issue (the heaviest): retrieval terms and exact scoring. */
        @WithDefault("300")
        int centroidTerms();

        /** Whether cases are assigned to recurring issues as they are indexed (and swept, and re-clustered). */
        @WithDefault("true")
        boolean assignEnabled();

        /**
         * Worker lanes of the assigner per instance, each with its own thread and batches; every case of one topic
         * goes to one lane (RecurringIssueAssigner, search-service/docs/recurring-issues.md "Throughput").
         */
        @WithDefault("2")
        int assignerThreads();

        /** How often cases still without an issue are looked for (Quarkus scheduler syntax). */
        @WithDefault("5s")
        String sweepEvery();

        /** How often the periodic repair runs, and how long after startup it first runs. */
        @WithDefault("10m")
        String reclusterEvery();

        @WithDefault("2m")
        String reclusterDelay();

        /** How long the re-clustering lock document holds when its holder dies. */
        @WithDefault("PT10M")
        Duration lockTtl();

        /** The assigner's short-lived cache of term statistics ({@code pakn.search.recurring.df-cache.*}). */
        DfCache dfCache();

        /**
         * Each pod keeps the document frequency of the features it asked Elasticsearch for in the last moments, and the
         * document count, so that a case whose features were all seen recently needs no {@code _mtermvectors} and the
         * others ask only for what is missing (TermStatisticsCache, search-service/docs/recurring-issues.md
         * "Throughput"). A value is at most {@link #ttl()} old: an approximation of the df like the index's refresh
         * lag is. A thin case is always vectorised again from Elasticsearch after the refresh, never from the cache.
         */
        interface DfCache {
            /** Off: every batch asks Elasticsearch for the statistics of its cases' whole texts, as before. */
            @WithDefault("true")
            boolean enabled();

            /** How long a feature's df (and the document count) is reused after Elasticsearch gave it. */
            @WithDefault("PT2S")
            Duration ttl();

            /** Most features kept (least recently used out first). */
            @WithDefault("50000")
            long maxFeatures();
        }
    }

    /**
     * How exactly a search counts (docs/recurring-issues.md, "Search on a large index"): totals and
     * facets are exact up to {@link #countUpTo()} matching cases; beyond, the total is a lower bound and the facets are
     * estimated from a random sample (Elasticsearch's {@code random_sampler}), flagged as approximate.
     */
    interface Results {
        /** Matching cases counted exactly ({@code track_total_hits}); also the most for which facets are exact. */
        @WithDefault("10000")
        int countUpTo();

        /**
         * Cases of the whole index a facet sample draws when many match (the first probability = this / cases in
         * the index, at most 0.5; an index with fewer than twice this many cases always gets exact facets).
         */
        @WithDefault("20000")
        int facetSample();

        /**
         * Matching cases a facet sample should hold: when the count sent before the facet request finds fewer
         * matches than this / the first probability, the sample is drawn with the probability that gives about
         * twice this many matching cases (at most 0.5) instead.
         */
        @WithDefault("2000")
        int facetMinSample();

        /**
         * Elasticsearch's shard request cache for the facet requests (size 0): an identical request is answered from
         * it until a refresh changes the index. Off (env {@code PAKN_SEARCH_RESULTS_REQUEST_CACHE=false}) to measure
         * what a request costs when intake writes between requests, as it does at normal load.
         */
        @WithDefault("true")
        boolean requestCache();
    }

    interface Export {
        /** Most rows one CSV export writes. */
        @WithDefault("20000")
        int maxRows();
    }
}
