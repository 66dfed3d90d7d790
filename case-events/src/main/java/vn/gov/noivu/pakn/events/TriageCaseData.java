package vn.gov.noivu.pakn.events;

import java.time.Instant;
import java.util.List;

/**
 * Data of every event published by triage-service: the full current lifecycle snapshot of the case (the "6 rõ"
 * fields, SLA, counters of handovers and escalations) plus the change that produced it.
 */
public record TriageCaseData(
        String caseId,
        String code,
        CaseStatus status,
        int provinceCode,
        int communeCode,
        String topicCode,
        /* the six "rõ": person, task, product, time, responsibility, authority */
        Person assignee,
        String task,
        String deliverable,
        Instant dueAt,
        Unit responsibleUnit,
        AuthorityLevel authorityLevel,
        List<String> missingSixClear,
        SlaState slaState,
        Instant claimedAt,
        int handoverCount,
        int releaseCount,
        int escalationCount,
        Escalation escalation,
        InfoRequest openInfoRequest,
        Answer answer,
        String recurringIssueId,
        Change change) {

    public record Person(String id, String name) {
    }

    public record Unit(String code, String name) {
    }

    public record Escalation(AuthorityLevel target, String targetUnit, String reason, boolean automatic, Instant at) {
    }

    public record InfoRequest(String question, Instant requestedAt) {
    }

    public record Answer(String text, Person answeredBy, Instant answeredAt, String recurringIssueId) {
    }
}
