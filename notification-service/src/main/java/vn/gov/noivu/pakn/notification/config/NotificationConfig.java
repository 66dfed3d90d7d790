package vn.gov.noivu.pakn.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

/** Settings of notification-service ({@code pakn.notification.*}). */
@ConfigMapping(prefix = "pakn.notification")
public interface NotificationConfig {

    /** Time zone of the dates in the messages and of the digests' schedule. */
    @WithDefault("Asia/Ho_Chi_Minh")
    ZoneId zone();

    Links links();

    Unsubscribe unsubscribe();

    Mail mail();

    Digest digest();

    Consumer consumer();

    /** The consumer of both case topics (eventing's shared consumer). */
    interface Consumer {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("notification-service")
        String groupId();

        /** Records per poll (each event is still its own transaction: recipients are read outside it). */
        @WithDefault("100")
        int maxPollRecords();

        @WithDefault("PT0.5S")
        Duration pollTimeout();

        /** First pause after a transient failure (database or Keycloak down); doubles up to retryMax. */
        @WithDefault("PT0.2S")
        Duration retryInitial();

        @WithDefault("PT30S")
        Duration retryMax();

        /** Attempts of an event failing for an unknown, non-transient reason before it is parked. */
        @WithDefault("3")
        int maxAttempts();
    }

    /** When the digests go out (Quartz-like cron of quarkus-scheduler, Vietnam time; {@code off} disables). */
    interface Digest {
        /** The daily digest of what users chose to receive once a day. */
        @WithDefault("0 0 7 * * ?")
        String dailyCron();

        /** The leaders' weekly digest. */
        @WithDefault("0 30 7 ? * MON")
        String weeklyCron();
    }

    /** Base URLs (scheme, host, port; no trailing slash) of the pages each link of a message opens. */
    interface Links {
        /** intake-service: the communes' pages {@code /xa/ho-so/{id}}. */
        String intake();

        /** triage-service: liaisons' and department heads' pages {@code /can-bo/ho-so/{id}}. */
        String triage();

        /** search-service: leaders' pages {@code /lanh-dao/ho-so/{id}}. */
        String search();

        /** This service: the inbox {@code /thong-bao} and the unsubscribe page {@code /huy-dang-ky}. */
        String self();
    }

    interface Unsubscribe {
        /** HMAC-SHA256 key of the unsubscribe links (a Secret in production). */
        String key();

        /** How long an unsubscribe link works. */
        @WithDefault("P30D")
        Duration validity();
    }

    interface Mail {
        /** How often the sender looks for due messages. */
        @WithDefault("2s")
        String sendEvery();

        /** Largest number of queued messages one sender run takes. */
        @WithDefault("50")
        int batchSize();

        /** Wait before the first retry of a message the SMTP relay did not take; doubled each time. */
        @WithDefault("PT5S")
        Duration initialBackoff();

        @WithDefault("PT15M")
        Duration maxBackoff();

        /** After so many transient failures a message is FAILED (about a week with the default backoff). */
        @WithDefault("50")
        int maxAttempts();
    }
}
