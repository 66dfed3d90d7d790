package vn.gov.noivu.pakn.eventing.consumer;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells a transient failure (the database is restarting, a lock or serialisation conflict with another replica) from
 * a record that can never be processed. Consumers retry the first without limit, with backoff, so an outage loses
 * nothing; they park the second on their dead-letter topic so it never blocks its partition.
 */
public final class Failures {

    /** Exception types (by name, so this needs no ORM on the classpath) that a retry can overcome. */
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.ConstraintViolationException", // a concurrent replica inserted it first
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.OptimisticLockException",
            "java.net.ConnectException",
            "java.sql.SQLTransientException",
            "java.sql.SQLRecoverableException");

    private Failures() {
    }

    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransientException) {
                return true;
            }
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                if (TRANSIENT_TYPES.contains(c.getName())) {
                    return true;
                }
            }
            if (t instanceof SQLException sql) {
                String s = sql.getSQLState();
                // 08 connection, 40 serialisation/deadlock, 53 resources, 57 operator intervention (shutdown), 55P03 lock
                if (s != null && (s.startsWith("08") || s.startsWith("40") || s.startsWith("53")
                        || s.startsWith("57") || s.equals("55P03"))) {
                    return true;
                }
                if (s == null && sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")) {
                    return true; // connection pool exhausted or the database unreachable
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The innermost message, for logs and dead-letter reasons. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
