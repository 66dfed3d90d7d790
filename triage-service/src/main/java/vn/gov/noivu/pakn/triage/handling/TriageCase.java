package vn.gov.noivu.pakn.triage.handling;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.events.CaseKind;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Urgency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A case as triage-service carries it: the intake snapshot it was routed from, the lifecycle status, the "6 rõ", the
 * SLA clock and the "2 không" counters.
 */
@Entity
@Table(name = "triage_case")
public class TriageCase extends PanacheEntityBase {

    /** Statuses whose SLA clock runs. */
    public static final Set<CaseStatus> CLOCK_RUNNING = EnumSet.of(CaseStatus.ROUTED, CaseStatus.CLAIMED,
            CaseStatus.ESCALATED, CaseStatus.REOPENED);

    @Id
    public String id;
    public String code;
    public String title;
    public String description;
    @Enumerated(EnumType.STRING)
    public CaseKind kind;
    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    @Column(name = "commune_code")
    public int communeCode;
    @Column(name = "commune_name")
    public String communeName;
    @Column(name = "province_code")
    public int provinceCode;
    @Column(name = "province_name")
    public String provinceName;
    @Column(name = "topic_code")
    public String topicCode;
    @Column(name = "topic_name")
    public String topicName;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "submitted_by_id")
    public String submittedById;
    @Column(name = "submitted_by_name")
    public String submittedByName;
    @Column(name = "supporter_count")
    public int supporterCount;
    @Column(name = "contact_name")
    public String contactName;
    @Column(name = "contact_phone")
    public String contactPhone;
    @Column(name = "contact_email")
    public String contactEmail;
    @Column(name = "attachment_count")
    public int attachmentCount;
    /** The files attached in intake-service (metadata only), in the order intake lists them. */
    @ElementCollection
    @CollectionTable(name = "case_attachment", joinColumns = @JoinColumn(name = "case_id"))
    @OrderColumn(name = "position")
    public List<CaseAttachment> attachments = new ArrayList<>();
    /** The commune's rating (1–5) of the answer it accepted, with its comment (ANSWER_ACCEPTED). */
    @Column(name = "satisfaction_rating")
    public Integer satisfactionRating;
    @Column(name = "satisfaction_comment")
    public String satisfactionComment;
    @Column(name = "satisfied_at")
    public Instant satisfiedAt;
    /** Highest caseversion applied from intake-service. */
    @Column(name = "intake_version")
    public long intakeVersion;
    /** caseversion of the last event this service published for the case. */
    @Column(name = "triage_version")
    public long triageVersion;

    @Enumerated(EnumType.STRING)
    public CaseStatus status;
    @Column(name = "routed_liaison_id")
    public String routedLiaisonId;
    @Column(name = "assignee_id")
    public String assigneeId;
    @Column(name = "assignee_name")
    public String assigneeName;
    public String task;
    public String deliverable;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "at_risk_at")
    public Instant atRiskAt;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "unit_name")
    public String unitName;
    @Enumerated(EnumType.STRING)
    @Column(name = "authority_level")
    public AuthorityLevel authorityLevel;

    @Column(name = "claimed_at")
    public Instant claimedAt;
    @Column(name = "last_worked_at")
    public Instant lastWorkedAt;
    @Column(name = "sla_paused_at")
    public Instant slaPausedAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "status_before_pause")
    public CaseStatus statusBeforePause;

    @Column(name = "handover_count")
    public int handoverCount;
    @Column(name = "release_count")
    public int releaseCount;
    @Column(name = "escalation_count")
    public int escalationCount;
    @Enumerated(EnumType.STRING)
    @Column(name = "escalation_target")
    public AuthorityLevel escalationTarget;
    @Column(name = "escalation_unit")
    public String escalationUnit;
    @Column(name = "escalation_reason")
    public String escalationReason;
    @Column(name = "escalation_automatic")
    public Boolean escalationAutomatic;
    @Column(name = "escalated_at")
    public Instant escalatedAt;

    @Column(name = "info_question")
    public String infoQuestion;
    @Column(name = "info_requested_at")
    public Instant infoRequestedAt;

    @Column(name = "answer_text")
    public String answerText;
    @Column(name = "answered_by_id")
    public String answeredById;
    @Column(name = "answered_by_name")
    public String answeredByName;
    @Column(name = "answered_at")
    public Instant answeredAt;
    @Column(name = "recurring_issue_id")
    public String recurringIssueId;

    @Column(name = "at_risk_notified_at")
    public Instant atRiskNotifiedAt;
    @Column(name = "overdue_notified_at")
    public Instant overdueNotifiedAt;
    @Column(name = "auto_escalated_at")
    public Instant autoEscalatedAt;
    @Column(name = "auto_escalation_cause")
    public String autoEscalationCause;
    @Column(name = "claim_idle_flagged_at")
    public Instant claimIdleFlaggedAt;

    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    /** Which of the "6 rõ" are still missing, in their canonical order. */
    public List<SixClear> missingSixClear() {
        List<SixClear> missing = new ArrayList<>();
        if (assigneeId == null) {
            missing.add(SixClear.ASSIGNEE);
        }
        if (blank(task)) {
            missing.add(SixClear.TASK);
        }
        if (blank(deliverable)) {
            missing.add(SixClear.DELIVERABLE);
        }
        if (dueAt == null) {
            missing.add(SixClear.DUE);
        }
        if (unitCode == null) {
            missing.add(SixClear.RESPONSIBILITY);
        }
        if (authorityLevel == null) {
            missing.add(SixClear.AUTHORITY);
        }
        return missing;
    }

    public boolean claimed() {
        return claimedAt != null;
    }

    public boolean claimedBy(String userId) {
        return claimedAt != null && userId != null && userId.equals(assigneeId);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
