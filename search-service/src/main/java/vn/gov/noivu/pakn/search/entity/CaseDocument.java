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
    /** The triage link of a published answer (the recurring issue it was answered as part of). */
    public String answerIssueId;

    // recurring issue: assigned by search-service itself (RecurringIssueAssigner, curation), never by an event
    /** The recurring issue this case belongs to (at most one). */
    public String recurringIssueId;
    /** A person put the case in its issue: automatic assignment never moves it. */
    public Boolean recurringPinned;
    /** Issues a person moved this case out of: automatic assignment never puts it back there. */
    public java.util.List<String> recurringExcluded;
    public Instant recurringAssignedAt;
    /** Link (average similarity to the members) when the case joined automatically. */
    public Double recurringLink;

    /** Time of the newest change applied, from either producer. */
    public Instant updatedAt;

    public boolean hasIntake() {
        return intakeVersion > 0;
    }
}
