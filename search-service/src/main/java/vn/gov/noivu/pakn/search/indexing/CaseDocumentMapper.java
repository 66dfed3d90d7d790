package vn.gov.noivu.pakn.search.indexing;

import vn.gov.noivu.pakn.commons.text.VietnameseText;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Change;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.events.TriageCaseData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;

/**
 * Applies a case event to the case's document. Events carry full snapshots, so keeping the highest
 * {@code caseversion} per producer is correct whatever the delivery order; an event whose version is not higher than
 * the one already applied changes nothing (duplicates and late events are harmless).
 */
public final class CaseDocumentMapper {

    /** Characters reserved as highlight markers; removed from every indexed text so users cannot forge them. */
    public static final char HL_START = '\uE000';
    public static final char HL_END = '\uE001';

    private CaseDocumentMapper() {
    }

    /** Validates the event's data against its producer's schema (throws InvalidEventException). */
    public static void validate(CaseEvent event) {
        if (producer(event) == CaseEventType.Producer.INTAKE) {
            IntakeCaseData d = CaseEventCodec.intakeData(event);
            if (d.title() == null || d.title().isBlank()) {
                throw new vn.gov.noivu.pakn.events.InvalidEventException("intake data without title");
            }
        } else {
            TriageCaseData d = CaseEventCodec.triageData(event);
            if (d.status() == null) {
                throw new vn.gov.noivu.pakn.events.InvalidEventException("triage data without status");
            }
        }
    }

    public static CaseEventType.Producer producer(CaseEvent event) {
        return event.eventType().orElseThrow().producer();
    }

    /** @return true when the document changed */
    public static boolean apply(CaseDocument doc, CaseEvent event) {
        doc.caseId = event.subject();
        if (producer(event) == CaseEventType.Producer.INTAKE) {
            IntakeCaseData d = CaseEventCodec.intakeData(event);
            boolean history = addToTimeline(doc, event, d.change(), null);
            if (event.caseVersion() <= doc.intakeVersion) {
                return history;
            }
            applyIntake(doc, d);
            doc.intakeVersion = event.caseVersion();
        } else {
            TriageCaseData d = CaseEventCodec.triageData(event);
            boolean history = addToTimeline(doc, event, d.change(), d.status() == null ? null : d.status().name());
            if (event.caseVersion() <= doc.triageVersion) {
                return history;
            }
            applyTriage(doc, d);
            doc.triageVersion = event.caseVersion();
        }
        Instant at = event.time();
        if (doc.updatedAt == null || at.isAfter(doc.updatedAt)) {
            doc.updatedAt = at;
        }
        return true;
    }

    static void applyIntake(CaseDocument doc, IntakeCaseData d) {
        doc.code = d.code() != null ? d.code() : doc.code;
        doc.title = clean(d.title());
        doc.description = clean(d.description());
        doc.provinceCode = d.provinceCode();
        doc.provinceName = clean(d.provinceName());
        doc.communeCode = d.communeCode();
        doc.communeName = clean(d.communeName());
        doc.topicCode = d.topicCode();
        doc.topicName = clean(d.topicName());
        doc.kind = d.kind() == null ? null : d.kind().name();
        doc.urgency = d.urgency() == null ? null : d.urgency().name();
        doc.supporters = d.supportingCommunes() == null ? 0 : d.supportingCommunes().size();
        doc.attachmentCount = d.attachmentCount();
        doc.attachments = d.attachments() == null ? null : d.attachments().stream().map(a -> {
            CaseDocument.AttachmentInfo i = new CaseDocument.AttachmentInfo();
            i.id = a.id();
            i.fileName = clean(a.fileName());
            i.contentType = a.contentType();
            i.sizeBytes = a.sizeBytes();
            i.uploadedAt = a.uploadedAt();
            return i;
        }).toList();
        doc.satisfactionRating = d.satisfaction() == null ? null : d.satisfaction().rating();
        doc.satisfactionComment = d.satisfaction() == null ? null : clean(d.satisfaction().comment());
        doc.satisfiedAt = d.satisfaction() == null ? null : d.satisfaction().at();
        doc.submittedAt = d.submittedAt() != null ? d.submittedAt() : d.change().at();
        if (doc.triageVersion == 0) {
            doc.status = CaseStatus.SUBMITTED.name();
        }
    }

    static void applyTriage(CaseDocument doc, TriageCaseData d) {
        if (doc.code == null) {
            doc.code = d.code();
        }
        if (doc.intakeVersion == 0) {
            // until the intake snapshot arrives, keep what triage knows so scope filters already work
            doc.provinceCode = d.provinceCode();
            doc.communeCode = d.communeCode();
            doc.topicCode = d.topicCode();
        }
        doc.status = d.status().name();
        doc.authorityLevel = d.authorityLevel() == null ? null : d.authorityLevel().name();
        doc.liaisonId = d.assignee() == null ? null : d.assignee().id();
        doc.liaisonName = d.assignee() == null ? null : clean(d.assignee().name());
        doc.responsibleUnitCode = d.responsibleUnit() == null ? null : d.responsibleUnit().code();
        doc.responsibleUnitName = d.responsibleUnit() == null ? null : clean(d.responsibleUnit().name());
        doc.slaState = d.slaState() == null ? null : d.slaState().name();
        doc.overdue = d.slaState() == SlaState.OVERDUE;
        doc.dueAt = d.dueAt();
        doc.claimedAt = d.claimedAt();
        doc.handoverCount = d.handoverCount();
        doc.releaseCount = d.releaseCount();
        doc.escalationCount = d.escalationCount();
        doc.escalationTarget = d.escalation() == null || d.escalation().target() == null ? null
                : d.escalation().target().name();
        doc.answerText = d.answer() == null ? null : clean(d.answer().text());
        doc.answeredAt = d.answer() == null ? null : d.answer().answeredAt();
        doc.answeredByName = d.answer() == null || d.answer().answeredBy() == null ? null
                : clean(d.answer().answeredBy().name());
        doc.task = clean(d.task());
        doc.deliverable = clean(d.deliverable());
        doc.escalationUnit = d.escalation() == null ? null : clean(d.escalation().targetUnit());
        doc.escalationReason = d.escalation() == null ? null : clean(d.escalation().reason());
        doc.openInfoRequest = d.openInfoRequest() == null ? null : clean(d.openInfoRequest().question());
        doc.infoRequestedAt = d.openInfoRequest() == null ? null : d.openInfoRequest().requestedAt();
        doc.answered = d.answer() != null && d.answer().text() != null
                && (d.status() == CaseStatus.ANSWERED || d.status() == CaseStatus.CLOSED);
        doc.answerIssueId = d.recurringIssueId() != null ? d.recurringIssueId()
                : d.answer() == null ? null : d.answer().recurringIssueId();
    }

    /** Longest timeline kept per case (the oldest steps stay: the submission, the routing). */
    public static final int MAX_TIMELINE = 300;

    /**
     * Adds the event's step to the case's timeline unless an entry with the same event id is there already (a re-sent
     * event). Entries stay ordered by time, then by event id (stable under any delivery order).
     *
     * @return true when the timeline changed
     */
    static boolean addToTimeline(CaseDocument doc, CaseEvent event, Change change, String status) {
        if (doc.timeline == null) {
            doc.timeline = new ArrayList<>();
        } else if (!(doc.timeline instanceof ArrayList)) {
            doc.timeline = new ArrayList<>(doc.timeline);
        }
        if (event.id() == null || doc.timeline.size() >= MAX_TIMELINE
                || doc.timeline.stream().anyMatch(t -> event.id().equals(t.eventId))) {
            return false;
        }
        CaseDocument.TimelineEntry t = new CaseDocument.TimelineEntry();
        t.eventId = event.id();
        t.type = event.eventType().map(Enum::name).orElse(null);
        t.at = change != null && change.at() != null ? change.at() : event.time();
        if (change != null) {
            if (change.actor() != null) {
                t.actorName = clean(change.actor().name());
                t.actorRole = change.actor().role();
            }
            t.reason = clean(change.reason());
            t.text = clean(change.text());
            t.target = clean(change.target());
        }
        t.status = status;
        doc.timeline.add(t);
        doc.timeline.sort(Comparator.comparing((CaseDocument.TimelineEntry e) -> e.at,
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(e -> e.eventId));
        return true;
    }

    /** NFC (as stored everywhere) without the reserved highlight markers. */
    public static String clean(String s) {
        String n = VietnameseText.nfc(s);
        if (n == null) {
            return null;
        }
        return n.indexOf(HL_START) < 0 && n.indexOf(HL_END) < 0 ? n
                : n.replace(String.valueOf(HL_START), "").replace(String.valueOf(HL_END), "");
    }
}
