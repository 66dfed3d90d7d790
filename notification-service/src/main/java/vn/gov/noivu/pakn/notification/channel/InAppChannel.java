package vn.gov.noivu.pakn.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;
import vn.gov.noivu.pakn.notification.directory.Recipient;
import vn.gov.noivu.pakn.notification.entity.Delivery;

import java.util.Optional;

/**
 * The in-app inbox: the delivery row is the notification, shown by {@code GET /api/v1/inbox} and the page
 * {@code /thong-bao}, counted unread until the user marks it read.
 */
@ApplicationScoped
@io.quarkus.arc.Unremovable
public class InAppChannel implements NotificationChannel {

    public static final String ID = "IN_APP";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<String> address(Recipient recipient) {
        return Optional.of(recipient.username());
    }

    @Override
    public boolean queued() {
        return false;
    }

    @Override
    public void send(Delivery delivery) {
        // nothing to send: the row is in the user's inbox from the moment it is committed
    }
}
