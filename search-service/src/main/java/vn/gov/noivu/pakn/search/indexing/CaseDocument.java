package vn.gov.noivu.pakn.search.indexing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * One Elasticsearch document per case: the newest intake snapshot merged with the newest triage snapshot. Each half
 * remembers the {@code caseversion} it came from, so an older or repeated event never overwrites a newer one.
 * Contact details of the submitter are deliberately not indexed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class CaseDocument implements Cloneable {

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
    /** Names, types and sizes of the case's files (the bytes stay in intake-service); null from older producers. */
    public List<AttachmentInfo> attachments;
    public Instant submittedAt;
    /** The commune's satisfaction with the answer it accepted: 1 to 5, a comment, when (ANSWER_ACCEPTED). */
    public Integer satisfactionRating;
    public String satisfactionComment;
    public Instant satisfiedAt;

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
    /** Who published the answer (display name). */
    public String answeredByName;
    /** Two of the "6 rõ": the task and the deliverable. */
    public String task;
    public String deliverable;
    /** The unit an escalation went to and its reason. */
    public String escalationUnit;
    public String escalationReason;
    /** An information request waiting for the commune's reply. */
    public String openInfoRequest;
    public Instant infoRequestedAt;
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

    /**
     * Every event of the case seen so far (both producers), oldest first, one entry per event id: the case view's
     * timeline. Kept even for events whose snapshot is older than the stored one (they are still history); a
     * re-sent event (same id) adds nothing. Stored, not indexed ({@code enabled: false}).
     */
    public List<TimelineEntry> timeline;

    /** A file of the case as intake-service describes it in its events. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class AttachmentInfo {
        public String id;
        public String fileName;
        public String contentType;
        public long sizeBytes;
        public Instant uploadedAt;
    }

    /** One step of a case's history, from one event's {@code Change}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class TimelineEntry {
        public String eventId;
        /** {@code CaseEventType} name */
        public String type;
        public Instant at;
        public String actorName;
        public String actorRole;
        public String reason;
        public String text;
        public String target;
        /** Triage status after this step (triage events only). */
        public String status;
    }

    /** Time of the newest change applied, from either producer. */
    public Instant updatedAt;

    /**
     * A copy that can be changed without changing this one: every field copied, the lists the mapper appends to or
     * replaces ({@code timeline}, {@code attachments}, {@code recurringExcluded}) copied too (their entries are never
     * changed in place). Cheaper than a JSON round trip; a field added later is copied without change here.
     */
    public CaseDocument copy() {
        try {
            CaseDocument c = (CaseDocument) super.clone();
            c.timeline = timeline == null ? null : new java.util.ArrayList<>(timeline);
            c.attachments = attachments == null ? null : new java.util.ArrayList<>(attachments);
            c.recurringExcluded = recurringExcluded == null ? null : new java.util.ArrayList<>(recurringExcluded);
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    public boolean hasIntake() {
        return intakeVersion > 0;
    }
}
