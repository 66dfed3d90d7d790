package vn.gov.noivu.pakn.triage.handling;

import io.quarkus.qute.TemplateData;

import java.time.Instant;
import java.util.List;

/** What the API and the pages show of cases (labels in Vietnamese beside the codes). */
public final class CaseViews {

    private CaseViews() {
    }

    @TemplateData
    public record QueueItem(String caseId, String code, String title, int provinceCode, String provinceName,
            String communeName, String topicCode, String topicName, String urgency, String urgencyLabel, String status,
            String statusLabel, String assigneeId, String assigneeName, boolean claimed, Instant dueAt, String dueLabel,
            String slaState, String slaLabel, List<String> missingSixClear, int handoverCount, int releaseCount,
            Instant submittedAt, String submittedLabel) {
    }

    /** The commune's contact person for the case (from the submission). */
    @TemplateData
    public record Contact(String name, String phone, String email) {
    }

    /** The commune's rating (1–5) of the answer it accepted, with its label and comment. */
    @TemplateData
    public record Satisfaction(int rating, String ratingLabel, String comment, Instant at, String atLabel) {
    }

    /** A file attached in intake-service: the page link streams it from intake with the user's token. */
    @TemplateData
    public record AttachmentItem(String id, String fileName, String contentType, long sizeBytes, String sizeLabel) {
    }

    @TemplateData
    public record Queue(List<QueueItem> items, long total, int page, int size) {
    }

    @TemplateData
    public record SixClearItem(String field, String label, String description, boolean present, String value) {
    }

    @TemplateData
    public record Sla(Instant dueAt, String dueLabel, Instant atRiskAt, String state, String stateLabel,
            Integer workingDaysLeft, Instant pausedAt, String countdown) {
    }

    @TemplateData
    public record Escalation(String target, String targetLabel, String targetUnit, String reason, boolean automatic,
            Instant at) {
    }

    @TemplateData
    public record InfoRequest(String question, Instant requestedAt) {
    }

    @TemplateData
    public record Answer(String text, String answeredById, String answeredByName, Instant answeredAt,
            String recurringIssueId) {
    }

    @TemplateData
    public record TimelineEntry(Instant at, String atLabel, String type, String label, String actorId,
            String actorName, String actorRole, String reason, String text, String target, String statusAfter) {
    }

    @TemplateData
    public record CaseDetail(String caseId, String code, String title, String description, String kind,
            String kindLabel, String urgency, String urgencyLabel, int provinceCode, String provinceName,
            int communeCode, String communeName, String topicCode, String topicName, Instant submittedAt,
            String submittedLabel, int supporterCount, String status, String statusLabel, String assigneeId,
            String assigneeName, boolean claimed, Instant claimedAt, String task, String deliverable,
            String responsibleUnitCode, String responsibleUnitName, String authorityLevel, String authorityLabel,
            List<SixClearItem> sixClear, List<String> missingSixClear, Sla sla, int handoverCount, int releaseCount,
            int escalationCount, Escalation escalation, InfoRequest openInfoRequest, Answer answer,
            String recurringIssueId, List<TimelineEntry> timeline, long version, Contact contact,
            int attachmentCount, List<AttachmentItem> attachments, Satisfaction satisfaction) {
    }
}
