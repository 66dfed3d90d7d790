package vn.gov.noivu.pakn.search.issues;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.commons.domain.Conflict;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.commons.domain.NotFound;
import vn.gov.noivu.pakn.commons.id.Ids;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.search.indexing.CaseDocument;
import vn.gov.noivu.pakn.search.query.Scope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What people do to recurring issues: confirm, rename, dismiss, merge, split, move a case in or out. Leaders act on
 * every issue; a department head only on issues of its responsible unit (others are 404, as if absent). Every action
 * is audited in {@code pakn-issue-audit} and binds later automatic assignment: cases a person placed are pinned
 * ({@code recurringPinned}) and never moved automatically; a case moved out remembers the issue
 * ({@code recurringExcluded}) and is never offered to it again; confirmed issues keep their id.
 */
@ApplicationScoped
public class IssueCuration {

    @Inject
    IssueStore store;

    @Inject
    RecurringIssueAssigner assigner;

    @Inject
    IssueVectors vectors;

    @Inject
    RecurringIssueService service;

    public RecurringIssue confirm(Caller caller, String id, String label) {
        RecurringIssue i = writable(caller, id);
        String name = label == null || label.isBlank() ? null : label(label);
        RecurringIssue out = store.modify(id, x -> {
            x.status = RecurringIssue.Status.CONFIRMED;
            x.confirmedBy = caller.id();
            x.confirmedAt = Instant.now();
            if (name != null) {
                x.label = name;
                x.labelByHuman = true;
            }
            return true;
        }).orElseThrow();
        audit(caller, id, "CONFIRM", name == null ? "xác nhận" : "xác nhận, tên: " + name, List.of(), null);
        return out;
    }

    public RecurringIssue rename(Caller caller, String id, String label) {
        writable(caller, id);
        String name = label(label);
        RecurringIssue out = store.modify(id, x -> {
            x.label = name;
            x.labelByHuman = true;
            return true;
        }).orElseThrow();
        audit(caller, id, "RENAME", "đổi tên: " + name, List.of(), null);
        return out;
    }

    public RecurringIssue dismiss(Caller caller, String id, String reason) {
        writable(caller, id);
        RecurringIssue out = store.modify(id, x -> {
            x.status = RecurringIssue.Status.DISMISSED;
            return true;
        }).orElseThrow();
        audit(caller, id, "DISMISS", reason == null || reason.isBlank() ? "loại bỏ" : "loại bỏ: " + reason.strip(),
                List.of(), null);
        return out;
    }

    /** Moves every case of {@code sources} into {@code target} (which becomes confirmed); sources become MERGED. */
    public RecurringIssue merge(Caller caller, String target, List<String> sources) {
        if (sources == null || sources.isEmpty()) {
            throw Invalid.field("issueIds", "cần ít nhất một vấn đề để gộp");
        }
        writable(caller, target);
        for (String s : sources) {
            if (s.equals(target)) {
                throw Invalid.field("issueIds", "không gộp một vấn đề vào chính nó");
            }
            writable(caller, s);
        }
        List<String> moved = new ArrayList<>();
        for (String s : new LinkedHashSet<>(sources)) {
            List<String> ids = service.memberIds(s, Scope.all(), 10_000);
            moveAll(ids, target, false);
            moved.addAll(ids);
            store.modify(s, x -> {
                x.status = RecurringIssue.Status.MERGED;
                x.mergedInto = target;
                x.size = 0;
                x.sumNorm2 = 0;
                x.centroid = Map.of();
                x.terms = List.of();
                return true;
            });
            audit(caller, s, "MERGED_INTO", "gộp vào " + target, ids, target);
        }
        RecurringIssue out = store.modify(target, x -> {
            x.status = RecurringIssue.Status.CONFIRMED;
            if (x.confirmedAt == null) {
                x.confirmedBy = caller.id();
                x.confirmedAt = Instant.now();
            }
            return true;
        }).orElseThrow();
        audit(caller, target, "MERGE", "gộp " + String.join(", ", sources), moved, null);
        return out;
    }

    /** Moves the chosen cases of {@code id} into a new confirmed issue named {@code label}. */
    public RecurringIssue split(Caller caller, String id, List<String> caseIds, String label) {
        writable(caller, id);
        if (caseIds == null || caseIds.isEmpty()) {
            throw Invalid.field("caseIds", "chọn ít nhất một hồ sơ để tách");
        }
        String name = label(label);
        Map<String, RecurringIssueAssigner.StoredCase> cases = assigner.readCases(caseIds);
        for (String c : caseIds) {
            RecurringIssueAssigner.StoredCase s = cases.get(c);
            if (s == null || !id.equals(s.doc().recurringIssueId)) {
                throw Invalid.field("caseIds", "hồ sơ " + c + " không thuộc vấn đề này");
            }
        }
        RecurringIssue n = new RecurringIssue();
        n.issueId = "ri-" + Ids.next();
        n.label = name;
        n.labelByHuman = true;
        n.status = RecurringIssue.Status.CONFIRMED;
        n.confirmedBy = caller.id();
        n.confirmedAt = Instant.now();
        n.createdAt = n.confirmedAt;
        n.updatedAt = n.confirmedAt;
        RecurringIssue from = store.get(id).orElseThrow().issue();
        n.responsibleUnitCode = from.responsibleUnitCode;
        n.responsibleUnitName = from.responsibleUnitName;
        n.topicCode = from.topicCode;
        n.representativeCaseId = caseIds.get(0);
        store.create(n);
        moveAll(caseIds, n.issueId, true);
        audit(caller, id, "SPLIT", "tách " + caseIds.size() + " hồ sơ sang vấn đề mới: " + name, caseIds, n.issueId);
        return store.get(n.issueId).orElseThrow().issue();
    }

    /** Puts a case (from wherever it is) into issue {@code id}, pinned there. */
    public RecurringIssue moveIn(Caller caller, String id, String caseId) {
        writable(caller, id);
        if (caseId == null || caseId.isBlank()) {
            throw Invalid.field("caseId", "bắt buộc");
        }
        RecurringIssueAssigner.StoredCase c = assigner.readCases(List.of(caseId)).get(caseId);
        if (c == null || c.doc().title == null) {
            throw new NotFound("hồ sơ");
        }
        String before = c.doc().recurringIssueId;
        moveAll(List.of(caseId), id, true);
        audit(caller, id, "MOVE_IN", "đưa hồ sơ vào" + (before == null ? "" : " (từ " + before + ")"), List.of(caseId),
                before);
        return store.get(id).orElseThrow().issue();
    }

    /** Takes a case out of issue {@code id}: it is assigned again automatically, never back to this issue. */
    public void moveOut(Caller caller, String id, String caseId) {
        writable(caller, id);
        RecurringIssueAssigner.StoredCase c = assigner.readCases(List.of(caseId)).get(caseId);
        if (c == null || !id.equals(c.doc().recurringIssueId)) {
            throw new NotFound("hồ sơ trong vấn đề này");
        }
        for (int attempt = 0; ; attempt++) {
            List<String> excluded = new ArrayList<>(c.doc().recurringExcluded == null ? List.of() : c.doc().recurringExcluded);
            if (!excluded.contains(id)) {
                excluded.add(id);
            }
            Map<String, Object> f = new HashMap<>();
            f.put("recurringIssueId", null);
            f.put("recurringPinned", false);
            f.put("recurringExcluded", excluded);
            f.put("recurringAssignedAt", null);
            f.put("recurringLink", null);
            if (assigner.writeMembership(caseId, c, f)) {
                break;
            }
            if (attempt > 5) {
                throw new Conflict("concurrent-change", "hồ sơ vừa được thay đổi, vui lòng thử lại");
            }
            c = assigner.readCases(List.of(caseId)).get(caseId);
        }
        Map<String, Double> v = vectorOf(c.doc());
        store.modify(id, x -> {
            IssueMath.add(x, v, -1, assigner.params());
            return true;
        });
        audit(caller, id, "MOVE_OUT", "đưa hồ sơ ra khỏi vấn đề", List.of(caseId), null);
        assigner.submit(List.of(caseId));
    }

    /** The stored record of an issue (null when absent); callers check the scope first. */
    public RecurringIssue record(String id) {
        return store.get(id).map(IssueStore.Versioned::issue).orElse(null);
    }

    public List<IssueStore.AuditEntry> audit(Caller caller, String id) {
        readable(caller, id);
        return store.auditOf(id, 200);
    }

    // ---------------------------------------------------------------- helpers

    /** Moves cases into {@code target}: conditional writes on each case, then both issues' sums. */
    private void moveAll(List<String> caseIds, String target, boolean pin) {
        Map<String, RecurringIssueAssigner.StoredCase> cases = assigner.readCases(caseIds);
        Map<String, Map<String, Double>> vecs = vectors.vectors(cases.values().stream()
                .map(c -> new IssueVectors.Text(c.doc().caseId, c.doc().title, c.doc().description,
                        c.doc().topicCode)).toList());
        for (String caseId : caseIds) {
            RecurringIssueAssigner.StoredCase c = cases.get(caseId);
            for (int attempt = 0; c != null; attempt++) {
                String before = c.doc().recurringIssueId;
                if (target.equals(before) && (!pin || Boolean.TRUE.equals(c.doc().recurringPinned))) {
                    break;
                }
                Map<String, Object> f = new HashMap<>();
                f.put("recurringIssueId", target);
                f.put("recurringAssignedAt", Instant.now().toString());
                if (pin) {
                    f.put("recurringPinned", true);
                }
                if (assigner.writeMembership(caseId, c, f)) {
                    Map<String, Double> v = vecs.getOrDefault(caseId, Map.of());
                    if (before != null && !before.equals(target)) {
                        store.modify(before, x -> {
                            IssueMath.add(x, v, -1, assigner.params());
                            return true;
                        });
                    }
                    if (!target.equals(before)) {
                        store.modify(target, x -> {
                            IssueMath.add(x, v, +1, assigner.params());
                            return true;
                        });
                    }
                    break;
                }
                if (attempt > 5) {
                    throw new Conflict("concurrent-change", "hồ sơ vừa được thay đổi, vui lòng thử lại");
                }
                c = assigner.readCases(List.of(caseId)).get(caseId);
            }
        }
    }

    private Map<String, Double> vectorOf(CaseDocument d) {
        return vectors.vectors(List.of(new IssueVectors.Text(d.caseId, d.title, d.description, d.topicCode)))
                .getOrDefault(d.caseId, Map.of());
    }

    /** The issue if the caller may curate it: leaders all; department heads their unit's; 404 otherwise. */
    RecurringIssue writable(Caller caller, String id) {
        RecurringIssue i = store.get(id).map(IssueStore.Versioned::issue)
                .filter(x -> x.status != RecurringIssue.Status.MERGED && !id.startsWith("lock-"))
                .orElseThrow(() -> new NotFound("vấn đề lặp lại"));
        if (caller.is(Identity.LEADER)) {
            return i;
        }
        if (caller.is(Identity.DEPARTMENT_HEAD) && caller.unitCode().isPresent()
                && caller.unitCode().get().equals(i.responsibleUnitCode)) {
            return i;
        }
        throw new NotFound("vấn đề lặp lại");
    }

    void readable(Caller caller, String id) {
        service.group(id, Scope.of(caller));
    }

    private static String label(String label) {
        if (label == null || label.isBlank()) {
            throw Invalid.field("label", "bắt buộc");
        }
        String s = vn.gov.noivu.pakn.commons.text.VietnameseText.nfc(label.strip());
        if (s.length() > 300) {
            throw Invalid.field("label", "tối đa 300 ký tự");
        }
        return s;
    }

    private void audit(Caller caller, String issueId, String action, String detail, List<String> caseIds, String other) {
        store.audit(new IssueStore.AuditEntry(issueId, action, caller.id(), caller.name(), caller.primaryRole(),
                Instant.now(), detail, caseIds, other));
    }

    static Set<String> set(List<String> l) {
        return new LinkedHashSet<>(l);
    }
}
