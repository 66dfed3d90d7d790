package vn.gov.noivu.pakn.triage.handling;

import vn.gov.noivu.pakn.commons.domain.Conflict;
import vn.gov.noivu.pakn.commons.domain.Forbidden;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.commons.domain.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import vn.gov.noivu.pakn.commons.problem.Problem;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.commons.text.VietnameseText;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.Actor;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Change;
import vn.gov.noivu.pakn.triage.reference.Liaison;
import vn.gov.noivu.pakn.triage.reference.ResponsibleUnit;
import vn.gov.noivu.pakn.triage.handling.SixClear;
import vn.gov.noivu.pakn.triage.handling.TriageCase;
import vn.gov.noivu.pakn.triage.handling.CaseRepository;
import vn.gov.noivu.pakn.triage.reference.LiaisonRepository;
import vn.gov.noivu.pakn.triage.reference.UnitRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import vn.gov.noivu.pakn.triage.events.CaseEventEmitter;
import vn.gov.noivu.pakn.triage.sla.CalendarService;

/**
 * The liaison's actions on a case. Each runs in one transaction with the case row locked (so two concurrent claims
 * are serialised and the second sees the first), checks scope (404), role and state (409), then records the change
 * as an audit entry and a CloudEvent in the outbox.
 */
@ApplicationScoped
public class CaseService {

    @Inject
    CaseRepository cases;
    @Inject
    LiaisonRepository liaisons;
    @Inject
    UnitRepository units;
    @Inject
    CaseAccess access;
    @Inject
    CalendarService calendar;
    @Inject
    CaseEventEmitter emitter;
    @Inject
    Clock clock;

    public record Assignment(String task, String deliverable, Instant dueAt, String unitCode,
            AuthorityLevel authorityLevel, String reason) {
    }

    /** A case the caller may see, locked for update; otherwise 404. */
    public TriageCase load(Caller caller, String id) {
        TriageCase c = cases.findForUpdate(id).orElseThrow(() -> new NotFound("Hồ sơ " + id));
        if (!access.canView(caller, c)) {
            throw new NotFound("Hồ sơ " + id);
        }
        return c;
    }

    @Transactional
    public TriageCase claim(Caller caller, String id) {
        TriageCase c = load(caller, id);
        if (!caller.servesProvince(c.provinceCode) && !access.isAdmin(caller)) {
            throw new Forbidden("chỉ cán bộ phụ trách tỉnh mới nhận xử lý hồ sơ");
        }
        if (c.status == CaseStatus.CLOSED) {
            throw new Conflict("case-closed", "hồ sơ " + c.code + " đã đóng");
        }
        if (c.claimed()) {
            throw new Conflict("already-claimed",
                    "hồ sơ " + c.code + " đã được " + c.assigneeName + " nhận xử lý");
        }
        if (!EnumSet.of(CaseStatus.ROUTED, CaseStatus.REOPENED, CaseStatus.ESCALATED).contains(c.status)) {
            throw new Conflict("not-claimable",
                    "không thể nhận xử lý hồ sơ ở trạng thái " + c.status.labelVi());
        }
        Instant now = clock.instant();
        Actor actor = caller.actor();
        c.assigneeId = actor.id();
        c.assigneeName = actor.name();
        c.claimedAt = now;
        c.claimIdleFlaggedAt = null;
        c.lastWorkedAt = null;
        if (c.status != CaseStatus.ESCALATED) {
            c.status = CaseStatus.CLAIMED;
        }
        emitter.emit(c, CaseEventType.CLAIMED, Change.by(actor, now));
        return c;
    }

    @Transactional
    public TriageCase answer(Caller caller, String id, String answerText) {
        TriageCase c = load(caller, id);
        requireWorker(caller, c);
        requireStatus(c, EnumSet.of(CaseStatus.CLAIMED, CaseStatus.ESCALATED), "trả lời");
        String text = required("answer", answerText);
        requireSixClear(c);
        Instant now = clock.instant();
        Actor actor = caller.actor();
        doAnswer(c, actor, text, null, now);
        return c;
    }

    void doAnswer(TriageCase c, Actor actor, String text, String recurringIssueId, Instant now) {
        c.status = CaseStatus.ANSWERED;
        c.answerText = text;
        c.answeredById = actor.id();
        c.answeredByName = actor.name();
        c.answeredAt = now;
        c.lastWorkedAt = now;
        if (recurringIssueId != null) {
            c.recurringIssueId = recurringIssueId;
        }
        emitter.emit(c, CaseEventType.ANSWERED, new Change(actor, now, null, text, recurringIssueId));
    }

    @Transactional
    public TriageCase requestInfo(Caller caller, String id, String question) {
        TriageCase c = load(caller, id);
        requireWorker(caller, c);
        requireStatus(c, EnumSet.of(CaseStatus.CLAIMED, CaseStatus.ESCALATED), "yêu cầu bổ sung thông tin");
        String q = required("question", question);
        Instant now = clock.instant();
        c.statusBeforePause = c.status;
        c.status = CaseStatus.NEEDS_INFO;
        c.slaPausedAt = now;
        c.infoQuestion = q;
        c.infoRequestedAt = now;
        c.lastWorkedAt = now;
        emitter.emit(c, CaseEventType.INFO_REQUESTED, new Change(caller.actor(), now, null, q, null));
        return c;
    }

    @Transactional
    public TriageCase escalate(Caller caller, String id, AuthorityLevel target, String targetUnit, String reason) {
        TriageCase c = load(caller, id);
        requireWorker(caller, c);
        requireStatus(c, EnumSet.of(CaseStatus.CLAIMED, CaseStatus.ESCALATED), "chuyển cấp có thẩm quyền");
        if (target == null) {
            throw Invalid.field("target", "cần chọn cấp có thẩm quyền");
        }
        String why = required("reason", reason);
        String unit = VietnameseText.nfc(targetUnit);
        if (target == AuthorityLevel.MINISTRY) {
            String code = unit == null || unit.isBlank() ? c.unitCode : unit;
            ResponsibleUnit u = code == null ? null : units.findById(code);
            if (u == null || !u.active) {
                throw Invalid.field("targetUnit", "đơn vị thuộc Bộ không tồn tại: " + code);
            }
            c.unitCode = u.code;
            c.unitName = u.name;
            unit = u.code;
        } else if (target == AuthorityLevel.COMMUNE) {
            throw Invalid.field("target", "chuyển cấp chỉ lên cấp có thẩm quyền cao hơn cấp xã");
        }
        Instant now = clock.instant();
        c.status = CaseStatus.ESCALATED;
        c.authorityLevel = target;
        c.escalationTarget = target;
        c.escalationUnit = unit == null || unit.isBlank() ? null : unit;
        c.escalationReason = why;
        c.escalationAutomatic = false;
        c.escalatedAt = now;
        c.escalationCount++;
        c.lastWorkedAt = now;
        emitter.emit(c, CaseEventType.ESCALATED, new Change(caller.actor(), now, why, null,
                target.name() + (c.escalationUnit == null ? "" : ":" + c.escalationUnit)));
        return c;
    }

    @Transactional
    public TriageCase handover(Caller caller, String id, String toLiaisonId, String reason) {
        TriageCase c = load(caller, id);
        requireClaimHolder(caller, c);
        requireStatus(c, EnumSet.of(CaseStatus.CLAIMED, CaseStatus.ESCALATED), "chuyển giao");
        String why = required("reason", reason);
        Liaison to = toLiaisonId == null ? null : liaisons.findById(toLiaisonId);
        if (to == null || !to.active || to.provinceCode != c.provinceCode) {
            throw Invalid.field("toLiaisonId", "không có cán bộ phụ trách tỉnh này với mã " + toLiaisonId);
        }
        if (to.id.equals(c.assigneeId)) {
            throw Invalid.field("toLiaisonId", "hồ sơ đang do chính cán bộ này xử lý");
        }
        Instant now = clock.instant();
        String from = c.assigneeId;
        liaisons.countHandover(from);
        c.handoverCount++;
        c.assigneeId = to.id;
        c.assigneeName = to.name;
        c.claimedAt = now;
        c.lastWorkedAt = null;
        c.claimIdleFlaggedAt = null;
        emitter.emit(c, CaseEventType.HANDED_OVER, new Change(caller.actor(), now, why, null, to.id));
        return c;
    }

    @Transactional
    public TriageCase release(Caller caller, String id, String reason) {
        TriageCase c = load(caller, id);
        requireClaimHolder(caller, c);
        requireStatus(c, EnumSet.of(CaseStatus.CLAIMED), "trả lại hàng chờ");
        String why = required("reason", reason);
        Instant now = clock.instant();
        liaisons.countRelease(c.assigneeId);
        c.releaseCount++;
        c.assigneeId = null;
        c.assigneeName = null;
        c.claimedAt = null;
        c.lastWorkedAt = null;
        c.claimIdleFlaggedAt = null;
        c.status = CaseStatus.ROUTED;
        emitter.emit(c, CaseEventType.RELEASED, new Change(caller.actor(), now, why, null, null));
        return c;
    }

    @Transactional
    public TriageCase assign(Caller caller, String id, Assignment a) {
        TriageCase c = load(caller, id);
        boolean provinceLiaison = caller.servesProvince(c.provinceCode)
                && (!c.claimed() || c.claimedBy(caller.id()));
        if (!access.isWorker(caller, c) && !provinceLiaison) {
            if (caller.servesProvince(c.provinceCode)) {
                throw new Conflict("claimed-by-other",
                        "hồ sơ đang do " + c.assigneeName + " xử lý");
            }
            throw new Forbidden("không được phân công hồ sơ này");
        }
        requireStatus(c, EnumSet.of(CaseStatus.ROUTED, CaseStatus.CLAIMED, CaseStatus.ESCALATED,
                CaseStatus.REOPENED, CaseStatus.NEEDS_INFO), "phân công");
        Instant now = clock.instant();
        List<String> changed = new ArrayList<>();
        if (a.task() != null) {
            c.task = required("task", a.task());
            changed.add("task");
        }
        if (a.deliverable() != null) {
            c.deliverable = required("deliverable", a.deliverable());
            changed.add("deliverable");
        }
        if (a.dueAt() != null) {
            if (!a.dueAt().isAfter(now)) {
                throw Invalid.field("dueAt", "thời hạn phải sau thời điểm hiện tại");
            }
            c.dueAt = a.dueAt();
            c.atRiskAt = calendar.clock().atRiskAt(c.dueAt);
            c.overdueNotifiedAt = null;
            if (now.isBefore(c.atRiskAt)) {
                c.atRiskNotifiedAt = null;
            }
            changed.add("dueAt");
        }
        if (a.unitCode() != null) {
            ResponsibleUnit u = units.findById(a.unitCode());
            if (u == null || !u.active) {
                throw Invalid.field("unitCode", "đơn vị không tồn tại: " + a.unitCode());
            }
            c.unitCode = u.code;
            c.unitName = u.name;
            changed.add("responsibleUnit");
        }
        if (a.authorityLevel() != null) {
            c.authorityLevel = a.authorityLevel();
            changed.add("authorityLevel");
        }
        if (changed.isEmpty()) {
            throw Invalid.field("task", "cần ít nhất một trường: task, deliverable, dueAt, unitCode, "
                    + "authorityLevel");
        }
        if (c.claimedBy(caller.id())) {
            c.lastWorkedAt = now;
        }
        emitter.emit(c, CaseEventType.ASSIGNMENT_CHANGED, new Change(caller.actor(), now,
                VietnameseText.nfc(a.reason()), String.join(", ", changed), null));
        return c;
    }

    private void requireWorker(Caller caller, TriageCase c) {
        if (access.isWorker(caller, c)) {
            return;
        }
        if (caller.servesProvince(c.provinceCode) || access.isHeadOf(caller, c)) {
            throw new Conflict("not-claimed-by-you", c.claimed()
                    ? "hồ sơ " + c.code + " đang do " + c.assigneeName + " xử lý"
                    : "cần nhận xử lý hồ sơ " + c.code + " trước");
        }
        throw new Forbidden("không được xử lý hồ sơ này");
    }

    private void requireClaimHolder(Caller caller, TriageCase c) {
        if (access.isAdmin(caller) && c.claimed()) {
            return;
        }
        if (!c.claimedBy(caller.id())) {
            throw new Conflict("not-claimed-by-you", c.claimed()
                    ? "hồ sơ " + c.code + " đang do " + c.assigneeName + " xử lý"
                    : "hồ sơ " + c.code + " chưa có ai nhận xử lý");
        }
    }

    private static void requireStatus(TriageCase c, EnumSet<CaseStatus> allowed, String action) {
        if (!allowed.contains(c.status)) {
            throw new Conflict(c.status == CaseStatus.CLOSED ? "case-closed" : "invalid-state",
                    "không thể " + action + " hồ sơ ở trạng thái " + c.status.labelVi());
        }
    }

    static void requireSixClear(TriageCase c) {
        List<SixClear> missing = c.missingSixClear();
        if (!missing.isEmpty()) {
            throw sixClearIncomplete(missing);
        }
    }

    static Invalid sixClearIncomplete(List<SixClear> missing) {
        return Invalid.rule("six-clear-incomplete", "Chưa đủ 6 rõ",
                "chưa thể trả lời khi còn thiếu: " + String.join(", ", missing.stream().map(s -> s.labelVi).toList()),
                missing.stream().map(s -> new Problem.FieldError(s.field, "thiếu " + s.labelVi.toLowerCase()))
                        .toList());
    }

    /** A required free text (NFC, at most 20,000 characters); also what admin and recurring answers check. */
    public static String required(String field, String value) {
        String v = VietnameseText.nfc(value);
        if (v == null || v.isBlank()) {
            throw Invalid.field(field, "không được để trống");
        }
        if (v.length() > 20000) {
            throw Invalid.field(field, "quá dài (tối đa 20000 ký tự)");
        }
        return v;
    }

    static boolean isLiaison(Caller caller) {
        return caller.is(Identity.LIAISON);
    }
}
