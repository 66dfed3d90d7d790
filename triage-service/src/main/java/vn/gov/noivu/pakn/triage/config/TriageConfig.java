package vn.gov.noivu.pakn.triage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/** Every threshold of triage-service, under {@code pakn.triage}. */
@ConfigMapping(prefix = "pakn.triage")
public interface TriageConfig {

    /** Time zone of working days and due dates. */
    @WithDefault("Asia/Ho_Chi_Minh")
    ZoneId zone();

    /** Unit an automatic escalation goes to when a case has no responsible unit. */
    @WithDefault("VP-BO")
    String fallbackUnit();

    Sla sla();

    /**
     * Base address of intake-service's API. The liaison page's attachment links stream the file from
     * {@code <intake-url>/api/v1/cases/{id}/attachments/{attachmentId}} with the signed-in user's own access token,
     * so intake applies its scope rules too (env {@code PAKN_TRIAGE_INTAKE_URL}).
     */
    @WithDefault("http://127.0.0.1:8081")
    String intakeUrl();

    /** How long a download from intake-service may take to start answering. */
    @WithDefault("PT10S")
    Duration intakeTimeout();

    /**
     * Base address of search-service's API: the case page asks it for the published answer of the case's recurring
     * issue ({@code <search-url>/api/v1/recurring-issues/by-case/{id}/answer}) with the signed-in user's own access
     * token, shown as a suggested answer (env {@code PAKN_TRIAGE_SEARCH_URL}).
     */
    @WithDefault("http://127.0.0.1:8083")
    String searchUrl();

    /** How long the case page waits for search-service's suggestion before it shows the page without it. */
    @WithDefault("PT2S")
    Duration searchTimeout();

    TwoNo twoNo();

    Consumer consumer();

    interface Sla {
        /** A due date ends at this local time of its working day. */
        @WithDefault("17:00")
        LocalTime dayEnd();

        /** A case is at risk during its last N working days. */
        @WithDefault("1")
        int atRiskWorkingDays();

        /** Period of the SLA / "2 không" checks (scheduler syntax; {@code off} disables the schedule). */
        @WithDefault("1m")
        String checkEvery();

        /** Cases handled per check and kind. */
        @WithDefault("200")
        int batchSize();
    }

    /** "2 không": no passing the buck, no evading responsibility. */
    interface TwoNo {
        /** A case handed over more than this many times escalates automatically. */
        @WithDefault("3")
        int maxHandovers();

        /** A claim without any work for this long is flagged CLAIM_IDLE. */
        @WithDefault("PT48H")
        Duration claimIdleAfter();
    }

    interface Consumer {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("triage-service")
        String groupId();

        /** Attempts of a record failing for a non-transient reason before it is parked on the dead-letter topic. */
        @WithDefault("5")
        int maxAttempts();

        /** First pause after a transient failure (database down); doubles up to {@link #retryMax()}. */
        @WithDefault("PT1S")
        Duration retryBackoff();

        @WithDefault("PT30S")
        Duration retryMax();

        /** Records per poll: the largest batch applied in one transaction. */
        @WithDefault("500")
        int maxPollRecords();

        @WithDefault("PT0.5S")
        Duration pollTimeout();

        /**
         * Kafka consumers of the group in one process, each on its own thread with its own partitions (the intake
         * topic has 12; records of a case share a partition, so per-case order holds). Beyond 12 / replicas a thread
         * gets no partition.
         */
        @WithDefault("1")
        int threads();
    }
}
