package vn.gov.noivu.pakn.notification.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * What this service knows of a case, merged from both producers' snapshots (each part only from a higher
 * {@code caseversion} of its producer): the words of the messages and the data of the leaders' weekly digest.
 */
@Entity
@Table(name = "case_projection")
public class CaseProjection extends PanacheEntityBase {

    @Id
    @Column(name = "case_id")
    public String caseId;

    public String code;
    public String title;
    @Column(name = "commune_code")
    public Integer communeCode;
    @Column(name = "commune_name")
    public String communeName;
    @Column(name = "province_code")
    public Integer provinceCode;
    @Column(name = "province_name")
    public String provinceName;
    @Column(name = "topic_code")
    public String topicCode;
    @Column(name = "topic_name")
    public String topicName;
    public String status;
    @Column(name = "sla_state")
    public String slaState;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "unit_name")
    public String unitName;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "answered_at")
    public Instant answeredAt;
    @Column(name = "overdue_at")
    public Instant overdueAt;
    @Column(name = "recurring_issue_id")
    public String recurringIssueId;
    @Column(name = "linked_at")
    public Instant linkedAt;
    @Column(name = "intake_version")
    public long intakeVersion;
    @Column(name = "triage_version")
    public long triageVersion;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The case's code, or its id before the code is known. */
    public String label() {
        return code != null ? code : caseId;
    }
}
