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
 * @param threads        Kafka consumers of the group in this process, each on its own thread with its own share of
 *                       the partitions (a partition, hence a case, is only ever applied by one of them at a time);
 *                       useful up to the partition count divided by the replicas
 */
public record ConsumerSettings(String service, String groupId, List<String> topics, String deadLetterTopic,
        int maxPollRecords, Duration pollTimeout, Duration retryInitial, Duration retryMax, int maxAttempts,
        int threads) {

    /** One consumer thread. */
    public ConsumerSettings(String service, String groupId, List<String> topics, String deadLetterTopic,
            int maxPollRecords, Duration pollTimeout, Duration retryInitial, Duration retryMax, int maxAttempts) {
        this(service, groupId, topics, deadLetterTopic, maxPollRecords, pollTimeout, retryInitial, retryMax,
                maxAttempts, 1);
    }

    public ConsumerSettings {
        topics = List.copyOf(topics);
        if (retryMax.compareTo(retryInitial) < 0) {
            retryMax = retryInitial;
        }
        maxAttempts = Math.max(1, maxAttempts);
        maxPollRecords = Math.max(1, maxPollRecords);
        threads = Math.max(1, threads);
    }
}
