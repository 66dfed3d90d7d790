package vn.gov.noivu.pakn.intake.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.intake.attachment.Attachment;
import vn.gov.noivu.pakn.intake.reference.Commune;
import vn.gov.noivu.pakn.intake.reference.ReferenceRepository;
import vn.gov.noivu.pakn.intake.tracking.TimelineEntry;
import vn.gov.noivu.pakn.intake.tracking.TimelineRepository;

import java.util.ArrayList;
import java.util.List;

/** Entity → API views. */
@ApplicationScoped
public class CaseMapper {

    public static final String ACTION_INFO_REPLY = "info-reply";
    public static final String ACTION_ACCEPT = "accept";
    public static final String ACTION_REOPEN = "reopen";

    @Inject
    ReferenceRepository reference;

    @Inject
    TimelineRepository timeline;

    /** What the commune may do now (for its own case); the same rules the service enforces. */
    public static List<String> allowedActions(IntakeCase c) {
        List<String> actions = new ArrayList<>();
        if (c.awaitingTriage) {
            return actions;
        }
        if (c.status == CaseStatus.NEEDS_INFO && c.infoRequestQuestion != null) {
            actions.add(ACTION_INFO_REPLY);
        }
        if (c.status == CaseStatus.ANSWERED) {
            actions.add(ACTION_ACCEPT);
        }
        if (c.status == CaseStatus.ANSWERED || c.status == CaseStatus.CLOSED) {
            actions.add(ACTION_REOPEN);
        }
        return actions;
    }

    /**
     * The communes supporting {@code c}, in the order they joined. Every support writes a SUPPORTED event, which
     * increments the case's intake version: a case at version 1 or below (just submitted) has none, and is not asked.
     */
    static List<Integer> supporters(IntakeCase c) {
        if (c.intakeVersion <= 1) {
            return List.of();
        }
        return CaseSupport.<CaseSupport>find("key.caseId = ?1 order by supportedAt", c.id).stream()
                .map(s -> s.key.communeCode()).toList();
    }

    public CaseView view(IntakeCase c, boolean details, boolean mayAct) {
        Commune commune = reference.commune(c.communeCode).orElseThrow();
        String provinceName = reference.province(c.provinceCode).map(p -> p.name).orElse(null);
        String topicName = reference.topic(c.topicCode).map(t -> t.name).orElse(null);
        List<Integer> supporting = supporters(c);
        List<CaseView.AttachmentView> attachments = null;
        List<CaseView.TimelineItem> items = null;
        if (details || c.attachmentCount > 0) {
            attachments = Attachment.<Attachment>find("caseId = ?1 order by uploadedAt, fileName, id", c.id).stream()
                    .map(a -> new CaseView.AttachmentView(a.id.toString(), a.fileName, a.contentType, a.sizeBytes,
                            a.uploadedAt, "/api/v1/cases/" + c.id + "/attachments/" + a.id))
                    .toList();
        }
        if (details) {
            items = timeline.ofCase(c.id).stream().map(CaseMapper::item).toList();
        }
        return new CaseView(c.id.toString(), c.code,
                new CaseView.Ref(String.valueOf(c.communeCode), commune.name),
                new CaseView.Ref(String.valueOf(c.provinceCode), provinceName),
                new CaseView.Ref(c.topicCode, topicName),
                new CaseView.Labelled(c.kind.name(), c.kind.labelVi()),
                new CaseView.Labelled(c.urgency.name(), c.urgency.labelVi()),
                c.title, c.description,
                new CaseView.Contact(c.contactName, c.contactPhone, c.contactEmail),
                new CaseView.Labelled(c.status.name(), c.status.labelVi()),
                c.submittedAt, c.submittedByName, supporting.size(), supporting, c.attachmentCount,
                c.responsibleUnitCode == null && c.responsibleUnitName == null ? null
                        : new CaseView.Ref(c.responsibleUnitCode, c.responsibleUnitName),
                c.assigneeName, c.dueAt, c.slaState,
                c.infoRequestQuestion == null ? null
                        : new CaseView.InfoRequest(c.infoRequestQuestion, c.infoRequestAt),
                c.answerText == null ? null : new CaseView.Answer(c.answerText, c.answeredByName, c.answeredAt),
                c.satisfactionRating == null ? null
                        : new CaseView.Satisfaction(c.satisfactionRating, c.satisfactionComment, c.satisfactionAt),
                c.awaitingTriage, mayAct ? allowedActions(c) : List.of(), attachments, items);
    }

    public static CaseView.TimelineItem item(TimelineEntry t) {
        String label = CaseEventType.fromCeType(CaseEventType.TYPE_PREFIX + t.eventType.toLowerCase().replace('_', '-'))
                .map(CaseEventType::labelVi).orElse(t.eventType);
        return new CaseView.TimelineItem(t.eventId, t.eventType, label, t.producer, t.occurredAt, t.actorName,
                t.actorRole, t.reason, t.text, t.status);
    }

    public CaseSummary summary(IntakeCase c, String communeName, int supporters) {
        return new CaseSummary(c.id.toString(), c.code, c.communeCode, communeName, c.provinceCode, c.topicCode,
                c.kind.name(), c.urgency.name(), c.title, c.status.name(), c.status.labelVi(), c.submittedAt, c.dueAt,
                supporters, c.answerText != null);
    }
}
