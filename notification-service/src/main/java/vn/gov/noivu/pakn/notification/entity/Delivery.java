package vn.gov.noivu.pakn.notification.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One notification to one recipient on one channel (unique per event, recipient and channel). The {@code IN_APP} rows
 * are the users' inboxes; the {@code EMAIL} rows are the mail queue.
 */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    public enum State {
        /** waiting to be sent (or to be retried at {@code nextAttemptAt}) */
        PENDING,
        /** waiting for the recipient's daily digest */
        DIGEST,
        /** taken by the relay / shown in the inbox */
        SENT,
        /** sent as part of a daily digest ({@code digestId}) */
        DIGESTED,
        /** never delivered: a permanent failure (address refused, 5xx) or too many attempts; see {@code lastError} */
        FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id")
    public String eventId;

    public String recipient;

    public String channel;

    public String kind;

    @Column(name = "case_id")
    public String caseId;

    @Column(name = "case_code")
    public String caseCode;

    public String address;

    public String subject;

    @Column(name = "body_text")
    public String bodyText;

    @Column(name = "body_html")
    public String bodyHtml;

    public String link;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "read_at")
    public Instant readAt;

    @Column(name = "digest_id")
    public String digestId;
}
