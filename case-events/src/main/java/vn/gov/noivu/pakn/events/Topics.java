package vn.gov.noivu.pakn.events;

/**
 * Kafka topic names and their partition counts. Every record on a case topic is keyed by the case id, so all events
 * of one case land on one partition and are consumed in order.
 */
public final class Topics {

    /** Events published by intake-service (submissions and the commune's own actions). */
    public static final String INTAKE_CASE_EVENTS = "pakn.intake.case-events";
    /** Lifecycle events published by triage-service (routing, claim, answer, escalation, SLA). */
    public static final String TRIAGE_CASE_EVENTS = "pakn.triage.case-events";

    /** Dead-letter topics: one per consuming service, so a parked record says who could not process it. */
    public static final String INTAKE_DEAD_LETTER = "pakn.intake.dead-letter";
    public static final String TRIAGE_DEAD_LETTER = "pakn.triage.dead-letter";
    public static final String SEARCH_DEAD_LETTER = "pakn.search.dead-letter";
    public static final String NOTIFICATION_DEAD_LETTER = "pakn.notification.dead-letter";

    /** Partitions of the case topics: the upper bound of consumer replicas that share the work. */
    public static final int CASE_TOPIC_PARTITIONS = 12;
    public static final int DEAD_LETTER_PARTITIONS = 3;

    public static final java.util.Map<String, Integer> ALL = java.util.Map.of(
            INTAKE_CASE_EVENTS, CASE_TOPIC_PARTITIONS,
            TRIAGE_CASE_EVENTS, CASE_TOPIC_PARTITIONS,
            INTAKE_DEAD_LETTER, DEAD_LETTER_PARTITIONS,
            TRIAGE_DEAD_LETTER, DEAD_LETTER_PARTITIONS,
            SEARCH_DEAD_LETTER, DEAD_LETTER_PARTITIONS,
            NOTIFICATION_DEAD_LETTER, DEAD_LETTER_PARTITIONS);

    private Topics() {
    }
}
