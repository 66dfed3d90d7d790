package vn.gov.noivu.pakn.triage.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.events.Actor;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.triage.entity.SixClear;
import vn.gov.noivu.pakn.triage.entity.TriageCase;
import vn.gov.noivu.pakn.triage.repository.CaseRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Answers a recurring issue once for many linked cases: each listed case the caller may act on gets the same answer
 * and its own ANSWERED event, each in its own transaction; the others are reported with the reason they were skipped.
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

    public record Skipped(String caseId, String reason, String detail) {
    }

    public record Result(String recurringIssueId, List<String> answered, List<Skipped> skipped) {
    }

    public Result answerAll(Caller caller, List<String> caseIds, String answer, String recurringIssueId) {
        if (caseIds == null || caseIds.isEmpty()) {
            throw ProblemException.invalid("caseIds", "cần ít nhất một hồ sơ");
        }
        if (caseIds.size() > 500) {
            throw ProblemException.invalid("caseIds", "tối đa 500 hồ sơ mỗi lần");
        }
        String text = CaseService.required("answer", answer);
        String issue = CaseService.required("recurringIssueId", recurringIssueId);
        Actor actor = caller.actor();
        List<String> answered = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (String id : new LinkedHashSet<>(caseIds)) {
            Optional<Skipped> s = QuarkusTransaction.requiringNew().call(() -> answerOne(caller, actor, id, text, issue));
            s.ifPresentOrElse(skipped::add, () -> answered.add(id));
        }
        return new Result(issue, answered, skipped);
    }

    private Optional<Skipped> answerOne(Caller caller, Actor actor, String id, String text, String issue) {
        TriageCase c = id == null ? null : cases.findForUpdate(id).orElse(null);
        if (c == null || !access.canView(caller, c)) {
            return Optional.of(new Skipped(id, "not-found", "không tìm thấy hồ sơ"));
        }
        boolean mayAct = caller.seesEverything() || caller.servesProvince(c.provinceCode) || access.isHeadOf(caller, c);
        if (!mayAct) {
            return Optional.of(new Skipped(id, "forbidden", "không được trả lời hồ sơ này"));
        }
        if (!ANSWERABLE.contains(c.status)) {
            return Optional.of(new Skipped(id, "invalid-state", "hồ sơ ở trạng thái " + c.status.labelVi()));
        }
        if (c.assigneeId == null) {
            // whoever answers is the clear person of this answer
            c.assigneeId = actor.id();
            c.assigneeName = actor.name();
        }
        List<SixClear> missing = c.missingSixClear();
        if (!missing.isEmpty()) {
            return Optional.of(new Skipped(id, "six-clear-incomplete", "còn thiếu: "
                    + String.join(", ", missing.stream().map(m -> m.field).toList())));
        }
        Instant now = clock.instant();
        caseService.doAnswer(c, actor, text, issue, now);
        return Optional.empty();
    }
}
