package vn.gov.noivu.pakn.search.issues;

import vn.gov.noivu.pakn.commons.domain.Forbidden;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.commons.problem.Problem;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.commons.text.VietnameseText;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.search.indexing.CaseDocument;
import vn.gov.noivu.pakn.search.query.CaseLookup;
import vn.gov.noivu.pakn.search.query.Scope;
import vn.gov.noivu.pakn.search.query.SearchService;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * "Answer once": a leader (every issue) or the head of the issue's responsible unit publishes one answer with its
 * "6 rõ" for a recurring issue. triage-service answers every open member case with it, called with the publisher's
 * own token (triage checks who may answer which case); then the answer is stored on the issue record with that outcome
 * (re-publishing replaces it; audited like curation). When triage cannot be reached it is stored as not delivered. A case that joins the issue later shows the answer to its liaison as a suggestion
 * ({@link #forCase}); intake's similar-case check shows it to communes ({@link #publishedFor}).
 */
@ApplicationScoped
public class IssueAnswers {

    private static final Logger LOG = Logger.getLogger(IssueAnswers.class);

    /** Longest answer text (triage's limit). */
    public static final int TEXT_MAX = 20_000;
    public static final int FIELD_MAX = 2_000;
    /** The due date is the end of a working day in Vietnam, as triage's SLA counts it. */
    static final LocalTime DAY_END = LocalTime.of(17, 0);

    /** What the publisher typed (the form's or the API's fields, unchecked). */
    public record Draft(String text, String task, String deliverable, String dueDate, String unitCode,
            String authorityLevel) {
    }

    /** The published answer of a case's issue, as a liaison's suggestion or a commune's hint. */
    public record CaseAnswer(String caseId, String issueId, String issueLabel, RecurringIssue.Answer answer) {
    }

    @Inject
    IssueStore store;

    @Inject
    IssueCuration curation;

    @Inject
    RecurringIssueService service;

    @Inject
    CaseLookup lookup;

    @Inject
    RecurringIssueAssigner assigner;

    @Inject
    TriageAnswers triage;

    public RecurringIssue.Answer publish(Caller caller, String id, Draft draft) {
        RecurringIssue issue = curation.writable(caller, id);
        Map<String, String> units = service.units();
        if (issue.responsibleUnitCode != null) {
            units.putIfAbsent(issue.responsibleUnitCode, issue.responsibleUnitName == null ? issue.responsibleUnitCode
                    : issue.responsibleUnitName);
        }
        RecurringIssue.Answer answer = checked(caller, draft, units);
        String token = caller.accessToken().orElseThrow(() -> new Forbidden("cần đăng nhập lại"));
        List<RecurringIssueService.Member> open = service.openMembers(id, 10_000);
        Map<String, RecurringIssueService.Member> byId = new HashMap<>();
        open.forEach(m -> byId.put(m.caseId(), m));
        List<String> answered = new ArrayList<>();
        List<RecurringIssue.Skipped> skipped = new ArrayList<>();
        boolean delivered = true;
        Instant dueAt = answer.dueDate().atTime(DAY_END).atZone(SearchService.VN).toInstant();
        List<String> ids = open.stream().map(RecurringIssueService.Member::caseId).toList();
        for (int from = 0; from < ids.size(); from += TriageAnswers.BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + TriageAnswers.BATCH));
            try {
                TriageAnswers.Result r = triage.answer(new TriageAnswers.Request(batch, answer.text(), id,
                        answer.task(), answer.deliverable(), dueAt, answer.responsibleUnitCode(),
                        answer.authorityLevel()), token);
                answered.addAll(r.answered() == null ? List.of() : r.answered());
                for (TriageAnswers.Skipped s : r.skipped() == null ? List.<TriageAnswers.Skipped>of() : r.skipped()) {
                    RecurringIssueService.Member m = byId.get(s.caseId());
                    skipped.add(new RecurringIssue.Skipped(s.caseId(), m == null ? null : m.code(),
                            m == null ? null : m.title(), s.reason(), reason(s.reason(), s.detail())));
                }
            } catch (TriageAnswers.Unavailable e) {
                LOG.warnf("recurring answer of %s not delivered to triage: %s", id, e.getMessage());
                delivered = false;
                break;
            } catch (ProblemException e) {
                if (from == 0) {
                    throw e; // triage refused the request itself: nothing answered, nothing published
                }
                LOG.warnf("recurring answer of %s refused by triage after %d cases: %s", id, from, e.getMessage());
                delivered = false;
                break;
            }
        }
        RecurringIssue.Answer outcome = answer.withOutcome(delivered, open.size(), answered.size(), skipped);
        // stored once, with what triage did (publishing again replaces it)
        store.modify(id, x -> {
            x.answer = outcome;
            return true;
        });
        store.audit(new IssueStore.AuditEntry(id, "ANSWER", caller.id(), caller.name(), caller.primaryRole(),
                answer.publishedAt(), (issue.answer == null ? "công bố trả lời chung" : "công bố lại trả lời chung")
                        + (delivered ? ": đã trả lời " + answered.size() + "/" + open.size() + " hồ sơ đang mở"
                        : ": chưa gửi được cho hệ thống xử lý"), answered, null));
        return outcome;
    }

    /** The published answer of the issue of a case the caller may see (liaisons: their provinces). */
    public Optional<CaseAnswer> forCase(Caller caller, String caseId) {
        Optional<CaseDocument> doc = lookup.find(caseId, Scope.of(caller));
        if (doc.isEmpty() || doc.get().recurringIssueId == null) {
            return Optional.empty();
        }
        String issueId = doc.get().recurringIssueId;
        return store.get(issueId).map(IssueStore.Versioned::issue)
                .filter(i -> i.answer != null && i.status != RecurringIssue.Status.DISMISSED)
                .map(i -> new CaseAnswer(caseId, issueId, i.label, i.answer));
    }

    /** Case id → the published answer of its issue, for those cases whose issue has one. */
    public Map<String, CaseAnswer> publishedFor(Collection<String> caseIds) {
        Map<String, CaseAnswer> out = new HashMap<>();
        if (caseIds.isEmpty()) {
            return out;
        }
        Map<String, String> issueOf = new HashMap<>();
        assigner.readCases(caseIds).forEach((caseId, c) -> {
            if (c.doc().recurringIssueId != null) {
                issueOf.put(caseId, c.doc().recurringIssueId);
            }
        });
        Set<String> issueIds = new LinkedHashSet<>(issueOf.values());
        if (issueIds.isEmpty()) {
            return out;
        }
        Map<String, RecurringIssue> records = store.summaries(issueIds);
        issueOf.forEach((caseId, issueId) -> {
            RecurringIssue v = records.get(issueId);
            if (v != null && v.answer != null && v.status != RecurringIssue.Status.DISMISSED) {
                out.put(caseId, new CaseAnswer(caseId, issueId, v.label, v.answer));
            }
        });
        return out;
    }

    /** Checks every field at once; all errors together as one 422 problem with the fields' names. */
    RecurringIssue.Answer checked(Caller caller, Draft d, Map<String, String> units) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String text = required("text", d.text(), TEXT_MAX, errors);
        String task = required("task", d.task(), FIELD_MAX, errors);
        String deliverable = required("deliverable", d.deliverable(), FIELD_MAX, errors);
        LocalDate due = null;
        String dueDate = blank(d.dueDate());
        if (dueDate == null) {
            errors.add(new Problem.FieldError("dueDate", "không được để trống"));
        } else {
            try {
                due = dueDate.contains("/") ? LocalDate.parse(dueDate,
                        java.time.format.DateTimeFormatter.ofPattern("d/M/uuuu")) : LocalDate.parse(dueDate);
                if (!due.isAfter(LocalDate.now(SearchService.VN))) {
                    errors.add(new Problem.FieldError("dueDate", "thời hạn phải sau hôm nay"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError("dueDate", "ngày không hợp lệ (dd/MM/yyyy)"));
            }
        }
        String unit = blank(d.unitCode());
        if (unit == null) {
            errors.add(new Problem.FieldError("unitCode", "cần chọn đơn vị chủ trì"));
        } else if (!units.containsKey(unit)) {
            errors.add(new Problem.FieldError("unitCode", "đơn vị không tồn tại: " + unit));
        }
        String level = blank(d.authorityLevel());
        if (level == null) {
            errors.add(new Problem.FieldError("authorityLevel", "cần chọn cấp có thẩm quyền"));
        } else {
            try {
                AuthorityLevel.valueOf(level);
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("authorityLevel", "cấp có thẩm quyền không hợp lệ: " + level));
            }
        }
        if (!errors.isEmpty()) {
            throw Invalid.rule("invalid", "Dữ liệu không hợp lệ",
                    "chưa công bố được: " + errors.size() + " mục cần sửa", errors);
        }
        return new RecurringIssue.Answer(text, task, deliverable, level, unit, units.get(unit), due, caller.id(),
                caller.name(), Instant.now(), null, null, null, null);
    }

    /** Vietnamese reason of a case triage did not answer. */
    static String reason(String slug, String detail) {
        String why = switch (slug == null ? "" : slug) {
            case "not-found" -> "không thuộc phạm vi bạn được trả lời (hoặc không tìm thấy)";
            case "forbidden" -> "bạn không được trả lời hồ sơ này";
            case "invalid-state" -> "hồ sơ không ở trạng thái có thể trả lời";
            case "six-clear-incomplete" -> "chưa đủ \"6 rõ\"";
            default -> "không trả lời được";
        };
        return detail == null || detail.isBlank() ? why : why + " (" + detail + ")";
    }

    private static String required(String field, String value, int max, List<Problem.FieldError> errors) {
        String v = blank(value);
        if (v == null) {
            errors.add(new Problem.FieldError(field, "không được để trống"));
        } else if (v.codePointCount(0, v.length()) > max) {
            errors.add(new Problem.FieldError(field, "tối đa " + String.format("%,d", max).replace(',', '.')
                    + " ký tự"));
        }
        return v;
    }

    private static String blank(String s) {
        String v = VietnameseText.nfc(s);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
