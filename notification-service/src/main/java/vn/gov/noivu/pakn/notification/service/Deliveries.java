package vn.gov.noivu.pakn.notification.service;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import vn.gov.noivu.pakn.notification.channel.NotificationChannel;
import vn.gov.noivu.pakn.notification.directory.Recipient;
import vn.gov.noivu.pakn.notification.entity.Delivery;
import vn.gov.noivu.pakn.notification.entity.Preference;
import vn.gov.noivu.pakn.notification.mail.Messages;
import vn.gov.noivu.pakn.notification.rules.Kind;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Creates deliveries, at most one per (event, recipient, channel): {@code INSERT ... ON CONFLICT DO NOTHING} on the
 * table's unique key, so a replayed event or a second replica inserts nothing. Queued channels (e-mail) get a PENDING
 * row (or DIGEST when the user wants that kind once a day); the inbox row is SENT at once. A user who turned the kind
 * OFF gets neither. Runs in the caller's transaction.
 */
@ApplicationScoped
public class Deliveries {

    @Inject
    EntityManager em;

    @Inject
    @All
    List<NotificationChannel> channels;

    @Inject
    Preferences preferences;

    /** What a recipient gets on each channel; {@code email} is null when nothing is e-mailed. */
    public record Content(String eventId, Kind kind, String caseId, String caseCode, String link, String subject,
            String inboxText, Messages.Email email) {
    }

    /** Creates the recipient's deliveries; returns how many rows were new. */
    public int create(Content c, Recipient r, Instant now) {
        Preference.Mode mode = c.kind().configurable() ? preferences.mode(r.username(), c.kind())
                : Preference.Mode.IMMEDIATE;
        if (mode == Preference.Mode.OFF) {
            return 0;
        }
        int created = 0;
        for (NotificationChannel channel : channels) {
            Optional<String> address = channel.address(r);
            if (address.isEmpty()) {
                continue;
            }
            Delivery.State state;
            String text;
            String html;
            if (channel.queued()) {
                if (c.email() == null) {
                    continue;
                }
                state = mode == Preference.Mode.DAILY_DIGEST ? Delivery.State.DIGEST : Delivery.State.PENDING;
                text = c.email().text();
                html = c.email().html();
            } else {
                state = Delivery.State.SENT;
                text = c.inboxText();
                html = null;
            }
            created += em.createNativeQuery("""
                    insert into delivery (event_id, recipient, channel, kind, case_id, case_code, address, subject,
                        body_text, body_html, link, state, attempts, next_attempt_at, created_at, sent_at)
                    values (?1, ?2, ?3, ?4, cast(?5 as varchar), cast(?6 as varchar), ?7, ?8, ?9, cast(?10 as text),
                        cast(?11 as varchar), ?12, 0, ?13, ?13, cast(?14 as timestamptz))
                    on conflict (event_id, recipient, channel) do nothing""")
                    .setParameter(1, c.eventId()).setParameter(2, r.username()).setParameter(3, channel.id())
                    .setParameter(4, c.kind().name()).setParameter(5, c.caseId()).setParameter(6, c.caseCode())
                    .setParameter(7, address.get()).setParameter(8, c.subject()).setParameter(9, text)
                    .setParameter(10, html).setParameter(11, c.link()).setParameter(12, state.name())
                    .setParameter(13, now).setParameter(14, state == Delivery.State.SENT ? now : null)
                    .executeUpdate();
        }
        return created;
    }
}
