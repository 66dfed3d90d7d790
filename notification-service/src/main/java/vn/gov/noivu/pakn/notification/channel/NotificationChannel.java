package vn.gov.noivu.pakn.notification.channel;

import vn.gov.noivu.pakn.notification.directory.Recipient;
import vn.gov.noivu.pakn.notification.entity.Delivery;

import java.util.Optional;

/**
 * A way to tell a user something: e-mail ({@link EmailChannel}) and the in-app inbox ({@link InAppChannel}) are built
 * in; a deployment adds SMS or Zalo by providing one more CDI bean of this type. Every channel gets one
 * {@link Delivery} row per (event, recipient, channel), so a replayed event never notifies twice on any channel.
 */
public interface NotificationChannel {

    /** Stable id, stored in {@code delivery.channel} (e.g. {@code EMAIL}). */
    String id();

    /** Where the recipient is reached on this channel; empty when they cannot be (no e-mail address). */
    Optional<String> address(Recipient recipient);

    /**
     * {@code true}: a delivery waits in the queue ({@code PENDING}) until the sender hands it to {@link #send},
     * retrying transient failures with backoff. {@code false}: the delivery row itself is the notification (the inbox).
     */
    boolean queued();

    /**
     * Sends one queued delivery. Throw {@link PermanentFailure} for what no retry can fix (address refused, 5xx):
     * the delivery is FAILED with the reason. Any other exception is retried later.
     */
    void send(Delivery delivery) throws Exception;

    /** A failure that retrying cannot fix. */
    class PermanentFailure extends Exception {
        public PermanentFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
