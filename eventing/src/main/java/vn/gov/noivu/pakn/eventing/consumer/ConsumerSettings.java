package vn.gov.noivu.pakn.eventing.consumer;

import java.time.Duration;
import java.util.List;

/**
 * One consumer: its name (metrics tag {@code service}, thread and client id), group, topics, dead-letter topic and
 * pacing. Services map their own configuration ({@code pakn.<service>.consumer.*}) onto it.
 *
 * @param maxPollRecords records per poll, i.e. the largest unit of work (one transaction / one bulk)
 * @param retryInitial   first pause after a transient failure; doubled up to {@code retryMax}
 * @param maxAttempts    attempts of an event failing for a non-transient, unknown reason before it is parked
 */
public record ConsumerSettings(String service, String groupId, List<String> topics, String deadLetterTopic,
        int maxPollRecords, Duration pollTimeout, Duration retryInitial, Duration retryMax, int maxAttempts) {

    public ConsumerSettings {
        topics = List.copyOf(topics);
        if (retryMax.compareTo(retryInitial) < 0) {
            retryMax = retryInitial;
        }
        maxAttempts = Math.max(1, maxAttempts);
        maxPollRecords = Math.max(1, maxPollRecords);
    }
}
