package vn.gov.noivu.pakn.search.entity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One Elasticsearch document per case: the newest intake snapshot merged with the newest triage snapshot. Each half
 * remembers the {@code caseversion} it came from, so an older or repeated event never overwrites a newer one.
 * Contact details of the submitter are deliberately not indexed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class CaseDocument {

    public String caseId;
    public String code;

    /** Highest intake-service caseversion applied (0: none yet). */
    public long intakeVersion;
    /** Highest triage-service caseversion applied (0: none yet). */
    public long triageVersion;

    // intake half
    public String title;
    public String description;
    public Integer provinceCode;
    public String provinceName;
    public Integer communeCode;
    public String communeName;
    public String topicCode;
    public String topicName;
    public String kind;
    public String urgency;
    public Integer supporters;
    public Integer attachmentCount;
    public Instant submittedAt;

    // triage half
    public String status;
    public String authorityLevel;
    public String liaisonId;
    public String liaisonName;
    public String responsibleUnitCode;
    public String responsibleUnitName;
    public String slaState;
    public Boolean overdue;
    public Instant dueAt;
    public Instant claimedAt;
    public Integer handoverCount;
    public Integer releaseCount;
    public Integer escalationCount;
    public String escalationTarget;
    public String answerText;
    public Instant answeredAt;
    /** A published answer exists (status ANSWERED or CLOSED with an answer). */
    public Boolean answered;
    public String recurringIssueId;

    /** Time of the newest change applied, from either producer. */
    public Instant updatedAt;

    public boolean hasIntake() {
        return intakeVersion > 0;
    }
}
