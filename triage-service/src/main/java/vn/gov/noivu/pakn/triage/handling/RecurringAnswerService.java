package vn.gov.noivu.pakn.triage.handling;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.commons.text.VietnameseText;
import vn.gov.noivu.pakn.events.Actor;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Change;
import vn.gov.noivu.pakn.triage.reference.ResponsibleUnit;
import vn.gov.noivu.pakn.triage.reference.UnitRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import vn.gov.noivu.pakn.triage.events.CaseEventEmitter;
import vn.gov.noivu.pakn.triage.sla.CalendarService;

/**
 * Answers a recurring issue once for many linked cases: each listed case the caller may act on gets the same answer
 * and its own ANSWERED event, each in its own transaction; the others are reported with the reason they were skipped.
 * The "6 rõ" of the recurring answer (when given) fill in what a case still lacks, with an ASSIGNMENT_CHANGED event;
 * what a case already has is kept. Who may act: leaders and admins on every case, liaisons on their provinces' cases,
 * department heads on the cases escalated to their unit or whose responsible unit is theirs (the recurring issues of
 * their unit).
 */
@ApplicationScoped
public class RecurringAnswerService {

    private static final EnumSet<CaseStatus> ANSWERABLE = EnumSet.of(CaseStatus.ROUTED, CaseStatus.CLAIMED,
            CaseStatus.ESCALATED, CaseStatus.REOPENED);

    @Inject
    CaseRepository cases;
    @Inject
    CaseAccess access;
    @Inject
    CaseService caseService;
    @Inject
    Clock clock;
    @Inject
    UnitRepository units;
    @Inject
    CalendarService calendar;
    @Inject
    CaseEventEmitter emitter;

    /** The "6 rõ" of a recurring answer; each null field is simply not filled in. */
    public record SixClearDefaults(String task, String deliverable, Instant dueAt, String unitCode,
            AuthorityLevel authorityLevel) {
        static final SixClearDefaults NONE = new SixClearDefaults(null, null, null, null, null);
    }

    public record Skipped(String caseId, String reason, String detail) {
    }

    public record Result(String recurringIssueId, List<String> answered, List<Skipped> skipped) {
    }

    public Result answerAll(Caller caller, List<String> caseIds, String answer, String recurringIssueId) {
        return answerAll(caller, caseIds, answer, recurringIssueId, SixClearDefaults.NONE);
    }

    public Result answerAll(Caller caller, List<String> caseIds, String answer, String recurringIssueId,
            SixClearDefaults sixClear) {
        if (caseIds == null || caseIds.isEmpty()) {
            throw Invalid.field("caseIds", "cần ít nhất một hồ sơ");
        }
        if (caseIds.size() > 500) {
            throw Invalid.field("caseIds", "tối đa 500 hồ sơ mỗi lần");
        }
        String text = CaseService.required("answer", answer);
        String issue = CaseService.required("recurringIssueId", recurringIssueId);
        SixClearDefaults d = checked(sixClear == null ? SixClearDefaults.NONE : sixClear);
        Actor actor = caller.actor();
        List<String> answered = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (String id : new LinkedHashSet<>(caseIds)) {
            Optional<Skipped> s = QuarkusTransaction.requiringNew().call(() -> answerOne(caller, actor, id, text, issue, d));
            s.ifPresentOrElse(skipped::add, () -> answered.add(id));
        }
        return new Result(issue, answered, skipped);
    }

    /** Checks the given "6 rõ" once, before any case: a wrong unit or a past due date is the caller's error (422). */
    private SixClearDefaults checked(SixClearDefaults d) {
        String unit = blank(d.unitCode());
        if (unit != null) {
            ResponsibleUnit u = units.findById(unit);
            if (u == null || !u.active) {
                throw Invalid.field("unitCode", "đơn vị không tồn tại: " + unit);
            }
        }
        if (d.dueAt() != null && !d.dueAt().isAfter(clock.instant())) {
            throw Invalid.field("dueAt", "thời hạn phải sau thời điểm hiện tại");
        }
        return new SixClearDefaults(blank(d.task()), blank(d.deliverable()), d.dueAt(), unit, d.authorityLevel());
    }

    private static String blank(String s) {
        String v = VietnameseText.nfc(s);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private Optional<Skipped> answerOne(Caller caller, Actor actor, String id, String text, String issue,
            SixClearDefaults d) {
        TriageCase c = id == null ? null : cases.findForUpdate(id).orElse(null);
        if (c == null || !(access.canView(caller, c) || access.isResponsibleHead(caller, c))) {
            return Optional.of(new Skipped(id, "not-found", "không tìm thấy hồ sơ"));
        }
        boolean mayAct = caller.seesEverything() || caller.servesProvince(c.provinceCode) || access.isHeadOf(caller, c)
                || access.isResponsibleHead(caller, c);
        if (!mayAct) {
            return Optional.of(new Skipped(id, "forbidden", "không được trả lời hồ sơ này"));
        }
        if (!ANSWERABLE.contains(c.status)) {
            return Optional.of(new Skipped(id, "invalid-state", "hồ sơ ở trạng thái " + c.status.labelVi()));
        }
        // what the case would still lack after the recurring answer's "6 rõ": then nothing is written at all
        List<SixClear> missing = new ArrayList<>(c.missingSixClear());
        missing.removeIf(f -> switch (f) {
            case ASSIGNEE -> true; // whoever answers is the clear person of this answer
            case TASK -> d.task() != null;
            case DELIVERABLE -> d.deliverable() != null;
            case DUE -> d.dueAt() != null;
            case RESPONSIBILITY -> d.unitCode() != null;
            case AUTHORITY -> d.authorityLevel() != null;
        });
        if (!missing.isEmpty()) {
            return Optional.of(new Skipped(id, "six-clear-incomplete", "còn thiếu: "
                    + String.join(", ", missing.stream().map(m -> m.labelVi).toList())));
        }
        if (c.assigneeId == null) {
            c.assigneeId = actor.id();
            c.assigneeName = actor.name();
        }
        Instant now = clock.instant();
        List<String> filled = fill(c, d);
        if (!filled.isEmpty()) {
            emitter.emit(c, CaseEventType.ASSIGNMENT_CHANGED, new Change(actor, now,
                    "theo trả lời chung của vấn đề lặp lại " + issue, String.join(", ", filled), null));
        }
        caseService.doAnswer(c, actor, text, issue, now);
        return Optional.empty();
    }

    /** Fills the "6 rõ" a case lacks from the recurring answer; returns the fields filled (API names). */
    private List<String> fill(TriageCase c, SixClearDefaults d) {
        List<String> filled = new ArrayList<>();
        if ((c.task == null || c.task.isBlank()) && d.task() != null) {
            c.task = d.task();
            filled.add(SixClear.TASK.field);
        }
        if ((c.deliverable == null || c.deliverable.isBlank()) && d.deliverable() != null) {
            c.deliverable = d.deliverable();
            filled.add(SixClear.DELIVERABLE.field);
        }
        if (c.dueAt == null && d.dueAt() != null) {
            c.dueAt = d.dueAt();
            c.atRiskAt = calendar.clock().atRiskAt(c.dueAt);
            filled.add(SixClear.DUE.field);
        }
        if (c.unitCode == null && d.unitCode() != null) {
            ResponsibleUnit u = units.findById(d.unitCode());
            c.unitCode = u.code;
            c.unitName = u.name;
            filled.add(SixClear.RESPONSIBILITY.field);
        }
        if (c.authorityLevel == null && d.authorityLevel() != null) {
            c.authorityLevel = d.authorityLevel();
            filled.add(SixClear.AUTHORITY.field);
        }
        return filled;
    }
}
