package vn.gov.noivu.pakn.intake.submission;

import java.time.Instant;

/** One row of {@code GET /api/v1/cases}. */
public record CaseSummary(String id, String code, int communeCode, String communeName, int provinceCode,
        String topicCode, String kind, String urgency, String title, String status, String statusLabel,
        Instant submittedAt, Instant dueAt, int supporters, boolean answered) {
}
