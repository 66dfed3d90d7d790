package vn.gov.noivu.pakn.search.issues;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recurring issue as stored in its own index ({@code pakn-issues}): identity, label, curation status, and the sum of
 * its members' TF-IDF unit vectors ({@link #centroid}, heaviest terms only) with the squared norm of the full sum,
 * from which the average link of a case ({@code v·S/n}) and the issue's cohesion ({@code (|S|²−n)/(n(n−1))}, the mean
 * pairwise similarity of its members) follow without reading the members.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class RecurringIssue {

    /** CANDIDATE: fewer cases than the minimum; AUTO: found by the system; CONFIRMED, DISMISSED: by a person. */
    public enum Status { CANDIDATE, AUTO, CONFIRMED, DISMISSED, MERGED }

    public String issueId;
    public String label;
    public Boolean labelByHuman;
    public Status status;
    /** For MERGED: the issue that took its cases. */
    public String mergedInto;
    public int size;
    public double sumNorm2;
    public Map<String, Double> centroid = new LinkedHashMap<>();
    public List<String> terms;
    public String representativeCaseId;
    public Double representativeLink;
    public String topicCode;
    public String responsibleUnitCode;
    public String responsibleUnitName;
    public Instant createdAt;
    public Instant updatedAt;
    public String confirmedBy;
    public Instant confirmedAt;
    public Answer answer;

    /**
     * The answer published once for the whole issue, with the "6 rõ" of triage's answers (task, deliverable, due date,
     * responsible unit, authority level; the person is whoever published it), and what happened when triage answered
     * the open member cases with it: how many were answered, which were not and why ({@code delivered} false: triage
     * could not be reached, nothing was answered).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Answer(String text, String task, String deliverable, String authorityLevel,
            String responsibleUnitCode, String responsibleUnitName, java.time.LocalDate dueDate, String publishedBy,
            String publishedByName, Instant publishedAt, Boolean delivered, Integer openCases, Integer answeredCount,
            List<Skipped> skipped) {

        public Answer withOutcome(boolean delivered, int openCases, int answeredCount, List<Skipped> skipped) {
            return new Answer(text, task, deliverable, authorityLevel, responsibleUnitCode, responsibleUnitName,
                    dueDate, publishedBy, publishedByName, publishedAt, delivered, openCases, answeredCount, skipped);
        }
    }

    /** A member case triage did not answer: its code, triage's reason slug and Vietnamese detail. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Skipped(String caseId, String code, String title, String reason, String detail) {
    }

    /** Takes new cases automatically: a dismissed issue keeps absorbing its look-alikes, so they stay out of sight. */
    public boolean accepts() {
        return live() || status == Status.DISMISSED;
    }

    public boolean live() {
        return status == Status.CANDIDATE || status == Status.AUTO || status == Status.CONFIRMED;
    }

    /** Mean pairwise similarity of the members; null below two members. */
    public Double cohesion() {
        return size < 2 ? null : Math.max(0, (sumNorm2 - size) / ((double) size * (size - 1)));
    }

    /** Average similarity of a unit vector to the members. */
    public double link(Map<String, Double> v) {
        return size == 0 ? 0 : IssueVectors.dot(v, centroid) / size;
    }
}
