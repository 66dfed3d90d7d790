package vn.gov.noivu.pakn.eventing.outbox;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs an action once the current transaction has committed (never after a rollback), at most once per transaction and
 * key: used to wake an outbox relay as soon as the rows it must publish are visible, instead of waiting for its next
 * poll. The action runs on the committing thread and must be quick (signal a worker, don't publish here).
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void once(TransactionSynchronizationRegistry transactions, Object key, Runnable action) {
        if (transactions.getResource(key) != null) {
            return;
        }
        transactions.putResource(key, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
