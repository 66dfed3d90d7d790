package vn.gov.noivu.pakn.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Every tunable of intake-service, under {@code pakn.intake.*}. */
@ConfigMapping(prefix = "pakn.intake")
public interface IntakeConfig {

    /** Length limits (in Unicode code points, after NFC normalisation) of the user texts. */
    Limits limits();

    Attachments attachments();

    /** Directory where attachment files are stored (one sub-directory per case): {@code pakn.intake.attachments-dir}. */
    @WithDefault("target/attachments")
    String attachmentsDir();

    /** Browser pages. */
    Web web();

    /** Per-user limit on new submissions, counted in the database so it holds across replicas. */
    RateLimit rateLimit();

    interface RateLimit {
        /** Submissions one user may make within {@link #window()}; more answer 429 with Retry-After. */
        @WithDefault("30")
        int submissions();

        @WithDefault("1m")
        Duration window();
    }

    interface Limits {
        @WithDefault("5")
        int titleMin();

        @WithDefault("200")
        int titleMax();

        @WithDefault("20")
        int descriptionMin();

        @WithDefault("20000")
        int descriptionMax();

        @WithDefault("120")
        int contactNameMax();

        @WithDefault("4000")
        int replyMax();

        @WithDefault("200")
        int idempotencyKeyMax();
    }

    /** The consumer of triage's events (eventing's shared consumer). */
    Consumer consumer();

    interface Consumer {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("intake-service")
        String groupId();

        /** Records per poll: the largest batch applied in one transaction. */
        @WithDefault("500")
        int maxPollRecords();

        @WithDefault("PT0.5S")
        Duration pollTimeout();

        /** First pause after a transient failure (database down); doubles up to retryMax. */
        @WithDefault("PT0.25S")
        Duration retryInitial();

        @WithDefault("PT10S")
        Duration retryMax();

        /** Attempts of an event failing for an unknown, non-transient reason before it is parked. */
        @WithDefault("3")
        int maxAttempts();
    }

    /** Attachments at submission time (multipart {@code POST /api/v1/cases} and the web form). */
    interface Attachments {
        /** Largest file in bytes (larger: 413). Keep quarkus.http.limits.max-body-size above max-per-case x this. */
        @WithDefault("10485760")
        long maxBytes();

        /** Most files per case (more: 422). */
        @WithDefault("5")
        int maxPerCase();

        /**
         * Accepted content types, recognised from the file's bytes (magic numbers, see AttachmentTypes), never from
         * the client's file name or Content-Type (others: 415).
         */
        @WithDefault("application/pdf,image/jpeg,image/png,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/plain")
        List<String> allowedTypes();
    }

    interface Web {
        /** How many similar cases the new-case form shows. */
        @WithDefault("5")
        int similarLimit();
    }
}
