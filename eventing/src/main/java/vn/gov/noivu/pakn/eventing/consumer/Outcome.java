package vn.gov.noivu.pakn.eventing.consumer;

/**
 * What became of one event in a handler: applied, a duplicate (its CloudEvent id was processed before), stale (the
 * case already has a later {@code caseversion} of that producer) or rejected for good with a reason (parked on the
 * dead-letter topic).
 */
public record Outcome(Kind kind, String reason) {

    public enum Kind { APPLIED, DUPLICATE, STALE, REJECTED }

    public static final Outcome APPLIED = new Outcome(Kind.APPLIED, null);
    public static final Outcome DUPLICATE = new Outcome(Kind.DUPLICATE, null);
    public static final Outcome STALE = new Outcome(Kind.STALE, null);

    public static Outcome rejected(String reason) {
        return new Outcome(Kind.REJECTED, reason == null ? "rejected" : reason);
    }
}
