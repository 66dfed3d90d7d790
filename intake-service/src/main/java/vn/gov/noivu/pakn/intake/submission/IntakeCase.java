package vn.gov.noivu.pakn.intake.submission;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import vn.gov.noivu.pakn.events.CaseKind;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Urgency;

import java.time.Instant;
import java.util.UUID;

/**
 * A case as intake-service knows it: what the commune submitted (owned here) and the latest lifecycle snapshot
 * received from triage-service (status, responsible unit, assignee, due date, open information request, answer).
 */
@Entity
@Table(name = "intake_case")
public class IntakeCase extends PanacheEntityBase {
    @Id
    public UUID id;
    public String code;
    @Column(name = "commune_code")
    public int communeCode;
    @Column(name = "province_code")
    public int provinceCode;
    @Column(name = "topic_code")
    public String topicCode;
    @Enumerated(EnumType.STRING)
    public CaseKind kind;
    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    public String title;
    public String description;
    @Column(name = "contact_name")
    public String contactName;
    @Column(name = "contact_phone")
    public String contactPhone;
    @Column(name = "contact_email")
    public String contactEmail;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "submitted_by_id")
    public String submittedById;
    @Column(name = "submitted_by_name")
    public String submittedByName;
    /** caseversion of the last intake event (each intake event increments it). */
    @Column(name = "intake_version")
    public long intakeVersion;
    @Column(name = "attachment_count")
    public int attachmentCount;

    @Enumerated(EnumType.STRING)
    public CaseStatus status;
    @Column(name = "triage_version")
    public long triageVersion;
    @Column(name = "responsible_unit_code")
    public String responsibleUnitCode;
    @Column(name = "responsible_unit_name")
    public String responsibleUnitName;
    @Column(name = "assignee_name")
    public String assigneeName;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "sla_state")
    public String slaState;
    @Column(name = "info_request_question")
    public String infoRequestQuestion;
    @Column(name = "info_request_at")
    public Instant infoRequestAt;
    @Column(name = "answer_text")
    public String answerText;
    @Column(name = "answered_by_name")
    public String answeredByName;
    @Column(name = "answered_at")
    public Instant answeredAt;
    /** the commune's rating (1-5) of the answer it accepted, null before any acceptance with a rating */
    @Column(name = "satisfaction_rating")
    public Integer satisfactionRating;
    @Column(name = "satisfaction_comment")
    public String satisfactionComment;
    @Column(name = "satisfaction_at")
    public Instant satisfactionAt;
    @Column(name = "awaiting_triage")
    public boolean awaitingTriage;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
