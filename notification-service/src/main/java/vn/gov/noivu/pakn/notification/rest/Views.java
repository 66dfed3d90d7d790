package vn.gov.noivu.pakn.notification.rest;

import vn.gov.noivu.pakn.notification.entity.Delivery;
import vn.gov.noivu.pakn.notification.rules.Kind;

import java.time.Instant;
import java.util.List;

/** JSON shapes of the API. */
public final class Views {

    private Views() {
    }

    /** One inbox item. */
    public record Notification(long id, String kind, String headline, String subject, String text, String caseId,
            String caseCode, String link, Instant createdAt, boolean read, Instant readAt) {

        static Notification of(Delivery d) {
            return new Notification(d.id, d.kind, Kind.parse(d.kind).map(k -> k.headline).orElse(d.kind), d.subject,
                    d.bodyText, d.caseId, d.caseCode, d.link, d.createdAt, d.readAt != null, d.readAt);
        }
    }

    public record InboxPage(List<Notification> items, int page, int size, long total, long unread) {
    }

    public record Unread(long unread) {
    }

    public record Marked(int marked) {
    }

    /** A user's setting for one kind of notification. */
    public record PreferenceView(String kind, String label, String mode) {
    }

    public record PreferencesView(List<PreferenceView> preferences) {
    }

    /** What PUT /api/v1/preferences takes: kind and mode (IMMEDIATE, DAILY_DIGEST, OFF) of each kind to change. */
    public record PreferenceChange(String kind, String mode) {
    }

    public record PreferencesChange(List<PreferenceChange> preferences) {
    }

    /** A delivery as admins see it (the mail queue's state). */
    public record DeliveryView(long id, String eventId, String recipient, String channel, String kind, String caseCode,
            String address, String subject, String state, int attempts, Instant nextAttemptAt, String lastError,
            Instant createdAt, Instant sentAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id, d.eventId, d.recipient, d.channel, d.kind, d.caseCode, d.address, d.subject,
                    d.state.name(), d.attempts, d.nextAttemptAt, d.lastError, d.createdAt, d.sentAt);
        }
    }

    public record DeliveryPage(List<DeliveryView> items, int page, int size, long total) {
    }
}
