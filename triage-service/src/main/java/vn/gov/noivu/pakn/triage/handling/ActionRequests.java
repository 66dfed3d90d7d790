package vn.gov.noivu.pakn.triage.handling;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.events.AuthorityLevel;

import java.time.Instant;
import java.util.List;

/** Bodies of the liaison actions. */
public final class ActionRequests {

    private ActionRequests() {
    }

    /** A missing JSON body is a validation problem like any missing field. */
    public static void present(Object body) {
        if (body == null) {
            throw Invalid.field("body", "cần nội dung JSON");
        }
    }

    public record Answer(@NotBlank @Size(max = 20000) String answer) {
    }

    public record RequestInfo(@NotBlank @Size(max = 5000) String question) {
    }

    public record Escalate(@NotNull AuthorityLevel target, @Size(max = 200) String targetUnit,
            @NotBlank @Size(max = 5000) String reason) {
    }

    public record Handover(@NotBlank String toLiaisonId, @NotBlank @Size(max = 5000) String reason) {
    }

    public record Release(@NotBlank @Size(max = 5000) String reason) {
    }

    public record Assign(@Size(max = 2000) String task, @Size(max = 2000) String deliverable, Instant dueAt,
            String unitCode, AuthorityLevel authorityLevel, @Size(max = 5000) String reason) {
    }

    /**
     * One answer for many cases of a recurring issue; the optional "6 rõ" of the published answer fill in what a case
     * still lacks (a case's own values are kept).
     */
    public record RecurringAnswer(@NotEmpty @Size(max = 500) List<String> caseIds,
            @NotBlank @Size(max = 20000) String answer, @NotBlank @Size(max = 200) String recurringIssueId,
            @Size(max = 2000) String task, @Size(max = 2000) String deliverable, Instant dueAt, String unitCode,
            AuthorityLevel authorityLevel) {

        public RecurringAnswer(List<String> caseIds, String answer, String recurringIssueId) {
            this(caseIds, answer, recurringIssueId, null, null, null, null, null);
        }
    }
}
