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

        /** How often a batch is re-read and re-merged after optimistic-concurrency conflicts. */
        @WithDefault("8")
        int conflictRetries();
    }

    interface Recurring {
        /** Cosine similarity (TF-IDF over folded words and word pairs) above which two cases are one problem. */
        @WithDefault("0.20")
        double threshold();

        /** Most recent cases in scope considered per request. */
        @WithDefault("3000")
        int maxCandidates();

        @WithDefault("2")
        int minSize();
    }

    interface Export {
        /** Most rows one CSV export writes. */
        @WithDefault("20000")
        int maxRows();
    }
}
