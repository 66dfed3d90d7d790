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
        Change change) {
}
