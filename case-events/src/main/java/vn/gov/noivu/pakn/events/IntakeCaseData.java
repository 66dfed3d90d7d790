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
        /** metadata of the files attached at submission (the bytes stay in intake-service: download through its API) */
        List<Attachment> attachments,
        /** communes that joined this case with "me too", in the order they joined (submitter excluded) */
        List<Integer> supportingCommunes,
        Instant submittedAt,
        Actor submittedBy,
        Change change) {

    /** One attached file: id for intake's download {@code /api/v1/cases/{caseId}/attachments/{id}}, name, type, size. */
    public record Attachment(String id, String fileName, String contentType, long sizeBytes) {
    }

    public IntakeCaseData {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Without attachment metadata (events of producers before it was carried: read as an empty list). */
    public IntakeCaseData(String caseId, String code, int communeCode, String communeName, int provinceCode,
            String provinceName, String topicCode, String topicName, CaseKind kind, Urgency urgency, String title,
            String description, String contactName, String contactPhone, String contactEmail, int attachmentCount,
            List<Integer> supportingCommunes, Instant submittedAt, Actor submittedBy, Change change) {
        this(caseId, code, communeCode, communeName, provinceCode, provinceName, topicCode, topicName, kind, urgency,
                title, description, contactName, contactPhone, contactEmail, attachmentCount, List.of(),
                supportingCommunes, submittedAt, submittedBy, change);
    }
}
