package vn.gov.noivu.pakn.events;

import java.time.Instant;
import java.util.List;

/**
 * Data of every event published by intake-service: the full current intake-side snapshot of the case plus the
 * change that produced it. Carrying the snapshot (not only a delta) lets a consumer that sees events out of order or
 * twice keep the newest by {@link CaseEvent#caseVersion()} and still be right.
 */
public record IntakeCaseData(
        String caseId,
        String code,
        int communeCode,
        String communeName,
        int provinceCode,
        String provinceName,
        String topicCode,
        String topicName,
        CaseKind kind,
        Urgency urgency,
        String title,
        String description,
        String contactName,
        String contactPhone,
        String contactEmail,
        int attachmentCount,
        /** communes that joined this case with "me too", in the order they joined (submitter excluded) */
        List<Integer> supportingCommunes,
        Instant submittedAt,
        Actor submittedBy,
        Change change,
        /**
         * every file attached to the case, in upload order: the submission's and those sent with replies to
         * information requests (a reply's files have {@code uploadedAt} = the INFO_PROVIDED change's {@code at});
         * null from producers before this field existed (dataversion stays 1: an optional addition)
         */
        List<Attachment> attachments,
        /** the commune's rating of the accepted answer (set by ANSWER_ACCEPTED), null when not rated */
        Satisfaction satisfaction) {

    /** The shape before {@code attachments} and {@code satisfaction}: both null. */
    public IntakeCaseData(String caseId, String code, int communeCode, String communeName, int provinceCode,
            String provinceName, String topicCode, String topicName, CaseKind kind, Urgency urgency, String title,
            String description, String contactName, String contactPhone, String contactEmail, int attachmentCount,
            List<Integer> supportingCommunes, Instant submittedAt, Actor submittedBy, Change change) {
        this(caseId, code, communeCode, communeName, provinceCode, provinceName, topicCode, topicName, kind, urgency,
                title, description, contactName, contactPhone, contactEmail, attachmentCount, supportingCommunes,
                submittedAt, submittedBy, change, null, null);
    }

    /**
     * A file of the case (its bytes stay in intake-service: {@code GET /api/v1/cases/{caseId}/attachments/{id}}).
     *
     * @param sizeBytes  size in bytes
     * @param uploadedAt when it was attached (the submission's or the information reply's time)
     */
    public record Attachment(String id, String fileName, String contentType, long sizeBytes, Instant uploadedAt) {
    }

    /**
     * The commune's satisfaction with the answer it accepted.
     *
     * @param rating  1 (very unsatisfied) to 5 (very satisfied)
     * @param comment optional free text, at most 2,000 characters
     * @param at      when the answer was accepted and rated
     */
    public record Satisfaction(int rating, String comment, Instant at) {
    }
}
