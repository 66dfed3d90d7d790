package vn.gov.noivu.pakn.commons.id;

import com.fasterxml.uuid.NoArgGenerator;
import com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * The one source of new ids in every service (cases, events, attachments, recurring issues): time-ordered UUIDs of
 * version 7 (RFC 9562), i.e. 48 bits of Unix time in milliseconds, then 74 random bits (the 6 others are the version
 * and the variant), made by JUG's {@link TimeBasedEpochRandomGenerator} (new random bits for every id).
 * <p>
 * Why not {@link UUID#randomUUID()}: every call on every thread goes through one shared {@code SecureRandom}
 * (NativePRNG, one lock for the whole JVM); under load the request threads of intake queued on it. Here each thread
 * has its own generator with its own {@code SecureRandom} (a DRBG, seeded once per thread from the JVM's entropy
 * source), so nothing is shared between threads and no lock is contended. Why version 7: ids made at about the same
 * time sort together, so the primary-key and foreign-key B-tree indexes of PostgreSQL (and Elasticsearch's {@code
 * _id} lookups) insert at their right edge instead of at random pages.
 * <p>
 * What an id tells: when it was made, to the millisecond (a case's id tells when it was submitted, as its page does).
 * What it does not: the 74 random bits come from a cryptographically strong generator, so an id cannot be derived from
 * another; even so no id is a secret or a capability, every service checks the caller's right to the thing an id
 * names (the case's commune or province, the role) before it shows or changes anything.
 */
public final class Ids {

    private static final ThreadLocal<NoArgGenerator> GENERATOR = ThreadLocal.withInitial(
            () -> new TimeBasedEpochRandomGenerator(threadRandom()));

    private Ids() {
    }

    /** A new id: version 7, unique, ordered by its creation time (to the millisecond). */
    public static UUID next() {
        return GENERATOR.get().generate();
    }

    /** {@link #next()} as text (36 characters, lower case), the form ids travel in. */
    public static String nextString() {
        return next().toString();
    }

    private static SecureRandom threadRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
