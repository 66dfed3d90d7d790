package vn.gov.noivu.pakn.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.TriageCaseData;
import vn.gov.noivu.pakn.notification.directory.Recipient;
import vn.gov.noivu.pakn.notification.entity.CaseProjection;
import vn.gov.noivu.pakn.eventing.consumer.SqlProcessedEvents;
import vn.gov.noivu.pakn.notification.mail.Messages;
import vn.gov.noivu.pakn.notification.rules.Kind;
import vn.gov.noivu.pakn.notification.rules.NotificationRules;

import java.time.Instant;
import java.util.List;

/**
 * Applies one case event in one transaction: the event's id in eventing's dedupe store ({@link SqlProcessedEvents}, so a
 * re-delivery does nothing), the case projection and the deliveries of every recipient. Recipients were looked up before the transaction
 * ({@link vn.gov.noivu.pakn.notification.messaging.EventProcessor}).
 */
@ApplicationScoped
public class EventWriter {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(EventWriter.class);

    public enum Outcome { APPLIED, DUPLICATE }

    /** The recipients of one audience of the event. */
    public record Audience(NotificationRules.Target target, List<Recipient> recipients) {
    }

    @Inject
    EntityManager em;

    @Inject
    NotificationRules rules;

    @Inject
    Messages messages;

    @Inject
    Deliveries deliveries;

    @Transactional
    public boolean processed(String eventId) {
        return new SqlProcessedEvents(em).contains(eventId);
    }

    @Transactional
    public Outcome apply(CaseEvent event, CaseEventType type, Object data, List<Audience> audiences) {
        if (!new SqlProcessedEvents(em).claim(event, Outcome.APPLIED.name())) {
            return Outcome.DUPLICATE;
        }
        Instant now = Instant.now();
        CaseProjection p = project(event, type, data, now);
        Kind kind = rules.kind(type).orElse(null);
        String actor = data instanceof IntakeCaseData i ? actorId(i.change())
                : actorId(((TriageCaseData) data).change());
        int created = 0;
        int recipients = 0;
        if (kind != null) {
            for (Audience a : audiences) {
                recipients += a.recipients().size();
                NotificationRules.Notice notice = data instanceof IntakeCaseData i
                        ? rules.notice(kind, a.target().audience(), i, p, event.time())
                        : rules.notice(kind, a.target().audience(), (TriageCaseData) data, p, event.time());
                for (Recipient r : a.recipients()) {
                    if (r.username().equals(actor)) {
                        continue; // nobody is told of their own step
                    }
                    Messages.Email email = messages.email(notice, r, now);
                    created += deliveries.create(new Deliveries.Content(event.id(), kind, p.caseId, p.label(), notice.link(),
                            Messages.subject(notice), Messages.inboxText(notice), email), r, now);
                }
            }
        }
        LOG.debugf("event %s %s of case %s: %d audiences, %d recipients, %d deliveries", event.id(), type,
                event.subject(), audiences.size(), recipients, created);
        return Outcome.APPLIED;
    }

    private static String actorId(vn.gov.noivu.pakn.events.Change change) {
        return change == null || change.actor() == null ? null : change.actor().id();
    }

    /** Merges the event's snapshot into the projection, each producer's part only from a newer caseversion. */
    CaseProjection project(CaseEvent event, CaseEventType type, Object data, Instant now) {
        // the row is locked so two replicas (during a rebalance) never merge the same case at once
        CaseProjection p = em.find(CaseProjection.class, event.subject(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (p == null) {
            p = new CaseProjection();
            p.caseId = event.subject();
            p.updatedAt = now;
            p.persist();
        }
        if (data instanceof IntakeCaseData d) {
            if (event.caseVersion() > p.intakeVersion) {
                p.intakeVersion = event.caseVersion();
                p.code = d.code();
                p.title = d.title();
                p.communeCode = d.communeCode();
                p.communeName = d.communeName();
                p.provinceCode = d.provinceCode();
                p.provinceName = d.provinceName();
                p.topicCode = d.topicCode();
                p.topicName = d.topicName();
                p.submittedAt = d.submittedAt();
            }
        } else if (data instanceof TriageCaseData d) {
            if (event.caseVersion() > p.triageVersion) {
                p.triageVersion = event.caseVersion();
                if (p.code == null) {
                    p.code = d.code();
                }
                if (p.communeCode == null) {
                    p.communeCode = d.communeCode();
                }
                if (p.provinceCode == null) {
                    p.provinceCode = d.provinceCode();
                }
                if (p.topicCode == null) {
                    p.topicCode = d.topicCode();
                }
                p.status = d.status() == null ? null : d.status().name();
                p.slaState = d.slaState() == null ? null : d.slaState().name();
                p.unitCode = d.responsibleUnit() == null ? null : d.responsibleUnit().code();
                p.unitName = d.responsibleUnit() == null ? null : d.responsibleUnit().name();
                p.dueAt = d.dueAt();
                if (d.answer() != null && d.answer().answeredAt() != null) {
                    p.answeredAt = d.answer().answeredAt();
                }
                if (d.recurringIssueId() != null && !d.recurringIssueId().equals(p.recurringIssueId)) {
                    p.recurringIssueId = d.recurringIssueId();
                    p.linkedAt = d.change().at();
                }
            }
            if (type == CaseEventType.SLA_OVERDUE && p.overdueAt == null) {
                p.overdueAt = d.change().at();
            }
        }
        p.updatedAt = now;
        return p;
    }
}
