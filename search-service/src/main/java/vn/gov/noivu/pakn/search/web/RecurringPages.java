package vn.gov.noivu.pakn.search.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vn.gov.noivu.pakn.commons.domain.DomainException;
import vn.gov.noivu.pakn.commons.domain.NotFound;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.commons.problem.ProblemMappers;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.search.issues.IssueAnswers;
import vn.gov.noivu.pakn.search.issues.IssueCuration;
import vn.gov.noivu.pakn.search.issues.IssueStore;
import vn.gov.noivu.pakn.search.issues.RecurringIssue;
import vn.gov.noivu.pakn.search.query.AnalysisResource;
import vn.gov.noivu.pakn.search.issues.RecurringIssueService;
import vn.gov.noivu.pakn.search.query.Scope;
import vn.gov.noivu.pakn.search.query.SearchService;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leaders' recurring-issue pages: the list (filters by province and topic names, status, words of the name;
 * sorting; paging) and one issue (its cases linking to the read-only case view, provinces and communes, weekly trend,
 * status mix, responsible unit, curation forms and the audit trail). Dates dd/MM/yyyy, weeks "Tuần 49/2026".
 */
@Path("/lanh-dao/van-de-lap-lai")
@Produces(MediaType.TEXT_HTML)
public class RecurringPages {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(SearchService.VN);
    static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(SearchService.VN);

    @Inject
    RecurringIssueService recurring;

    @Inject
    IssueCuration curation;

    @Inject
    Caller caller;

    @Inject
    IssueAnswers answers;

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance list(String user, List<Row> rows, int total, int candidates,
                Form form, List<Option> provinces, List<Option> topics, List<Option> statuses, List<Option> sorts,
                String prevHref, String nextHref, int page, int pages);

        public static native TemplateInstance issue(String user, IssueView issue, List<MemberView> members,
                long membersTotal, String prevHref, String nextHref, boolean canCurate,
                List<AuditView> audit, String notice, AnswerView answer, AnswerForm answerForm, List<Option> units,
                List<Option> levels, String minDate);
    }

    public record Form(String q, Integer province, String topic, String status, String sort) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    public record Row(String id, String label, String status, String statusLabel, int size, int provinces,
            int communes, String firstSeen, String lastSeen, boolean answered, String topProvinces, Chart trend) {
    }

    public record IssueView(String id, String label, String status, String statusLabel, int size, String firstSeen,
            String lastSeen, String unit, List<RecurringIssueService.Place> provinces,
            List<RecurringIssueService.Place> communes, List<Option> statusMix, Chart trend, boolean answered) {
    }

    public record MemberView(String caseId, String code, String title, String place, String statusLabel,
            String submitted, boolean pinned) {
    }

    public record AuditView(String at, String who, String detail) {
    }

    /** The published answer as the issue page shows it, with what triage did with it. */
    public record AnswerView(String text, String task, String deliverable, String authority, String unit,
            String dueDate, String publishedBy, String publishedAt, boolean delivered, int openCases,
            int answeredCount, List<SkippedView> skipped) {
    }

    public record SkippedView(String caseId, String code, String title, String reason) {
    }

    /** Vietnamese labels of the answer form's fields (also the error summary's). */
    static final Map<String, String> ANSWER_LABELS = Map.of("text", "Nội dung trả lời chung",
            "task", "Nội dung công việc (rõ việc)", "deliverable", "Sản phẩm đầu ra (rõ sản phẩm)",
            "dueDate", "Thời hạn (rõ thời gian)", "unitCode", "Đơn vị chủ trì (rõ trách nhiệm)",
            "authorityLevel", "Cấp có thẩm quyền (rõ thẩm quyền)");

    public record FieldError(String field, String label, String message) {
    }

    /** The answer form: what was typed (or the published answer), the errors beside their fields. */
    public record AnswerForm(Map<String, String> values, Map<String, String> errors, List<FieldError> summary,
            String message) {

        public String value(String field) {
            String v = values.get(field);
            return v == null ? "" : v;
        }

        public String error(String field) {
            return errors.get(field);
        }

        public boolean hasError(String field) {
            return errors.containsKey(field);
        }

        public boolean failed() {
            return message != null;
        }
    }

    private static final List<String> ROLES = List.of(Identity.LEADER, Identity.ADMIN, Identity.LIAISON,
            Identity.DEPARTMENT_HEAD);

    @GET
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    public TemplateInstance list(@QueryParam("q") String q, @QueryParam("province") String province,
            @QueryParam("topic") String topic, @QueryParam("status") String status, @QueryParam("sort") String sort,
            @QueryParam("page") String page) {
        Integer prov = intOrNull(province);
        String st = status == null || status.isBlank() ? null : status;
        String so = sort == null || sort.isBlank() ? "size" : sort;
        int pg = Math.max(1, intOrNull(page) == null ? 1 : intOrNull(page));
        RecurringIssueService.Filter f;
        try {
            f = AnalysisResource.filter(topic, prov, null, null, null, st, q, so, pg, 20);
        } catch (ProblemException e) {
            f = AnalysisResource.filter(topic, prov, null, null, null, null, q, "size", 1, 20);
            st = null;
            so = "size";
        }
        Scope scope = Scope.of(caller);
        RecurringIssueService.Result r = recurring.groups(f, scope);
        List<Row> rows = new ArrayList<>();
        for (RecurringIssueService.Group g : r.groups()) {
            rows.add(new Row(g.groupId(), g.label(), g.status(), RecurringIssueService.statusLabel(g.status()), g.size(),
                    g.provinces().size(), g.communeCount(), date(g.firstSeen()), date(g.lastSeen()), g.answered(),
                    String.join(", ", g.provinces().stream().limit(3).map(p -> p.name() + " (" + p.count() + ")").toList()),
                    weekly(g.weeklyTrend(), 240, 50)));
        }
        Map<String, String> opts = recurring.options(scope);
        List<Option> provinces = new ArrayList<>();
        List<Option> topics = new ArrayList<>();
        for (Map.Entry<String, String> e : opts.entrySet()) {
            if (e.getKey().startsWith("p:")) {
                String code = e.getKey().substring(2);
                provinces.add(new Option(code, e.getValue(), code.equals(String.valueOf(prov))));
            } else {
                String code = e.getKey().substring(2);
                topics.add(new Option(code, e.getValue(), code.equals(topic)));
            }
        }
        String stSel = st == null ? "" : st.toUpperCase(java.util.Locale.ROOT);
        List<Option> statuses = new ArrayList<>();
        statuses.add(new Option("", "Đang theo dõi (tự nhóm và đã xác nhận)", stSel.isEmpty()));
        for (String s : List.of("CONFIRMED", "AUTO", "DISMISSED")) {
            statuses.add(new Option(s, RecurringIssueService.statusLabel(s), s.equals(stSel)));
        }
        String soSel = so.toUpperCase(java.util.Locale.ROOT);
        List<Option> sorts = List.of(new Option("size", "Nhiều hồ sơ nhất", soSel.equals("SIZE")),
                new Option("newest", "Mới phát sinh gần đây", soSel.equals("NEWEST")),
                new Option("oldest", "Xuất hiện sớm nhất", soSel.equals("OLDEST")),
                new Option("name", "Theo tên (A–Z)", soSel.equals("NAME")));
        int pages = Math.max(1, (r.total() + r.size() - 1) / r.size());
        Map<String, String> keep = new LinkedHashMap<>();
        put(keep, "q", q);
        put(keep, "province", prov == null ? null : String.valueOf(prov));
        put(keep, "topic", topic);
        put(keep, "status", st);
        put(keep, "sort", so);
        String prev = r.page() > 1 ? href("/lanh-dao/van-de-lap-lai", keep, r.page() - 1) : null;
        String next = r.page() < pages ? href("/lanh-dao/van-de-lap-lai", keep, r.page() + 1) : null;
        return Templates.list(caller.name(), rows, r.total(), r.candidates(), new Form(q, prov, topic, st, so),
                provinces, topics, statuses, sorts, prev, next, r.page(), pages);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    public TemplateInstance issue(@PathParam("id") String id, @QueryParam("page") String page,
            @QueryParam("tb") String notice) {
        Scope scope = Scope.of(caller);
        RecurringIssueService.Group g = recurring.group(id, scope);
        int pg = Math.max(1, intOrNull(page) == null ? 1 : intOrNull(page));
        RecurringIssueService.Members m = recurring.members(id, scope, pg, 20);
        List<MemberView> members = memberViews(m);
        IssueView view = view(g);
        int pages = (int) Math.max(1, (m.total() + 19) / 20);
        String base = "/lanh-dao/van-de-lap-lai/" + enc(id);
        String prev = pg > 1 ? base + "?page=" + (pg - 1) : null;
        String next = pg < pages ? base + "?page=" + (pg + 1) : null;
        boolean canCurate = caller.is(Identity.LEADER) || (caller.is(Identity.DEPARTMENT_HEAD)
                && caller.unitCode().isPresent() && caller.unitCode().get().equals(g.responsibleUnitCode()));
        List<AuditView> audit = canCurate || caller.is(Identity.ADMIN) ? audit(id) : List.of();
        return issuePage(id, g, view, members, m.total(), prev, next, canCurate, audit, notice(notice), null);
    }

    private static List<MemberView> memberViews(RecurringIssueService.Members m) {
        return m.items().stream().map(x -> new MemberView(x.caseId(), x.code(), x.title(),
                x.communeName() == null ? (x.provinceName() == null ? "" : x.provinceName())
                        : x.communeName() + (x.provinceName() == null ? "" : ", " + x.provinceName()),
                x.statusLabel(), date(x.submittedAt()), x.pinned())).toList();
    }

    private static IssueView view(RecurringIssueService.Group g) {
        List<Option> mix = g.statusMix().entrySet().stream().map(e -> new Option(String.valueOf(e.getValue()),
                RecurringIssueService.caseStatusLabel(e.getKey()), false)).toList();
        String unit = g.responsibleUnitName() != null ? g.responsibleUnitName()
                : g.responsibleUnitCode() != null ? g.responsibleUnitCode() : "Chưa xác định";
        return new IssueView(g.groupId(), g.label(), g.status(), RecurringIssueService.statusLabel(g.status()),
                g.size(), date(g.firstSeen()), date(g.lastSeen()), unit, g.provinces(), g.communes(), mix,
                weekly(g.weeklyTrend(), 720, 140), g.answered());
    }

    private List<AuditView> audit(String id) {
        return curation.audit(caller, id).stream().map(a -> new AuditView(DATE_TIME.format(a.at()),
                a.actorName() == null ? a.actorId() : a.actorName(), a.detail())).toList();
    }

    private TemplateInstance issuePage(String id, RecurringIssueService.Group g, IssueView view,
            List<MemberView> members, long total, String prev, String next, boolean canCurate, List<AuditView> audit,
            String notice, AnswerForm typed) {
        RecurringIssue record = curation.record(id);
        RecurringIssue.Answer a = record == null ? null : record.answer;
        AnswerView answer = a == null ? null : new AnswerView(a.text(), a.task(), a.deliverable(),
                levelLabel(a.authorityLevel()), a.responsibleUnitName() == null ? a.responsibleUnitCode()
                        : a.responsibleUnitName(), a.dueDate() == null ? "" : DMY.format(a.dueDate()),
                a.publishedByName() == null ? a.publishedBy() : a.publishedByName(),
                a.publishedAt() == null ? "" : DATE_TIME.format(a.publishedAt()), !Boolean.FALSE.equals(a.delivered()),
                a.openCases() == null ? 0 : a.openCases(), a.answeredCount() == null ? 0 : a.answeredCount(),
                a.skipped() == null ? List.of() : a.skipped().stream().map(x -> new SkippedView(x.caseId(),
                        x.code() == null ? x.caseId() : x.code(), x.title(), x.detail())).toList());
        AnswerForm form = typed;
        if (form == null) {
            Map<String, String> v = new LinkedHashMap<>();
            if (a != null) {
                v.put("text", a.text());
                v.put("task", a.task());
                v.put("deliverable", a.deliverable());
                v.put("dueDate", a.dueDate() == null || !a.dueDate().isAfter(java.time.LocalDate.now(SearchService.VN))
                        ? null : a.dueDate().toString());
                v.put("unitCode", a.responsibleUnitCode());
                v.put("authorityLevel", a.authorityLevel());
            } else {
                v.put("unitCode", g.responsibleUnitCode());
            }
            form = new AnswerForm(v, Map.of(), List.of(), null);
        }
        List<Option> units = List.of();
        List<Option> levels = List.of();
        if (canCurate) {
            Map<String, String> known = recurring.units();
            if (g.responsibleUnitCode() != null) {
                known.putIfAbsent(g.responsibleUnitCode(), g.responsibleUnitName() == null ? g.responsibleUnitCode()
                        : g.responsibleUnitName());
            }
            String unit = form.value("unitCode");
            units = known.entrySet().stream().map(e -> new Option(e.getKey(), e.getValue(), e.getKey().equals(unit)))
                    .toList();
            String level = form.value("authorityLevel");
            levels = Arrays.stream(AuthorityLevel.values()).map(l -> new Option(l.name(), l.labelVi(),
                    l.name().equals(level))).toList();
        }
        return Templates.issue(caller.name(), view, members, total, prev, next, canCurate, audit, notice, answer,
                form, units, levels, java.time.LocalDate.now(SearchService.VN).plusDays(1).toString());
    }

    static String levelLabel(String level) {
        if (level == null) {
            return "";
        }
        try {
            return AuthorityLevel.valueOf(level).labelVi();
        } catch (IllegalArgumentException e) {
            return level;
        }
    }

    // ---------------------------------------------------------------- curation forms (post, then redirect)

    @POST
    @Path("/{id}/xac-nhan")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Identity.LEADER, Identity.DEPARTMENT_HEAD})
    public Response confirm(@PathParam("id") String id, @FormParam("label") String label) {
        curation.confirm(caller, id, label);
        return back(id, "xac-nhan");
    }

    @POST
    @Path("/{id}/doi-ten")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Identity.LEADER, Identity.DEPARTMENT_HEAD})
    public Response rename(@PathParam("id") String id, @FormParam("label") String label) {
        curation.rename(caller, id, label);
        return back(id, "doi-ten");
    }

    @POST
    @Path("/{id}/loai-bo")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Identity.LEADER, Identity.DEPARTMENT_HEAD})
    public Response dismiss(@PathParam("id") String id, @FormParam("reason") String reason) {
        curation.dismiss(caller, id, reason);
        return back(id, "loai-bo");
    }

    @POST
    @Path("/{id}/gop")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Identity.LEADER, Identity.DEPARTMENT_HEAD})
    public Response merge(@PathParam("id") String id, @FormParam("issueIds") String issueIds) {
        curation.merge(caller, id, split(issueIds));
        return back(id, "gop");
    }

    @POST
    @Path("/{id}/tach")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Identity.LEADER, Identity.DEPARTMENT_HEAD})
    public Response split(@PathParam("id") String id, @FormParam("caseIds") List<String> caseIds,
            @FormParam("label") String label) {
        RecurringIssue n = curation.split(caller, id, caseIds, label);
        return Response.seeOther(URI.create("/lanh-dao/van-de-lap-lai/" + enc(n.issueId) + "?tb=tach")).build();
    }

    @POST
    @Path("/{id}/dua-vao")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Identity.LEADER, Identity.DEPARTMENT_HEAD})
    public Response moveIn(@PathParam("id") String id, @FormParam("caseId") String caseId) {
        curation.moveIn(caller, id, caseId == null ? null : caseId.strip());
        return back(id, "dua-vao");
    }

    @POST
    @Path("/{id}/dua-ra")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Identity.LEADER, Identity.DEPARTMENT_HEAD})
    public Response moveOut(@PathParam("id") String id, @FormParam("caseId") String caseId) {
        curation.moveOut(caller, id, caseId);
        return back(id, "dua-ra");
    }

    /**
     * Publishes (or re-publishes) the issue's answer; triage answers the open member cases. A refused form comes back
     * (422) with what was typed and the errors beside their fields; success redirects to the issue's answer section,
     * which shows how many cases were answered and which were not, and why.
     */
    @POST
    @Path("/{id}/tra-loi-chung")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Identity.LEADER, Identity.DEPARTMENT_HEAD})
    public Response publishAnswer(@PathParam("id") String id, @FormParam("text") String text,
            @FormParam("task") String task, @FormParam("deliverable") String deliverable,
            @FormParam("dueDate") String dueDate, @FormParam("unitCode") String unitCode,
            @FormParam("authorityLevel") String authorityLevel) {
        try {
            answers.publish(caller, id, new IssueAnswers.Draft(text, task, deliverable, dueDate, unitCode,
                    authorityLevel));
        } catch (DomainException e) {
            if (e instanceof NotFound) {
                throw e;
            }
            return answerRefused(id, ProblemMappers.status(e), e.title(), e.getMessage(), e.errors(), text, task,
                    deliverable, dueDate, unitCode, authorityLevel);
        } catch (ProblemException e) { // triage refused the answer (TriageAnswers)
            if (e.status() == 404) {
                throw e;
            }
            return answerRefused(id, e.status(), e.title(), e.getMessage(), e.errors(), text, task, deliverable,
                    dueDate, unitCode, authorityLevel);
        }
        return Response.seeOther(URI.create("/lanh-dao/van-de-lap-lai/" + enc(id) + "?tb=tra-loi-chung#tra-loi-chung"))
                .build();
    }

    /** The issue page again with the answer form as typed and why it was refused (the fields at fault beside them). */
    private Response answerRefused(String id, int status, String title, String problemDetail,
            List<vn.gov.noivu.pakn.commons.problem.Problem.FieldError> fieldErrors, String text, String task,
            String deliverable, String dueDate, String unitCode, String authorityLevel) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("text", text);
        typed.put("task", task);
        typed.put("deliverable", deliverable);
        typed.put("dueDate", dueDate);
        typed.put("unitCode", unitCode);
        typed.put("authorityLevel", authorityLevel);
        Map<String, String> errors = new LinkedHashMap<>();
        List<FieldError> summary = new ArrayList<>();
        for (vn.gov.noivu.pakn.commons.problem.Problem.FieldError f : fieldErrors) {
            errors.putIfAbsent(f.field(), f.message());
            summary.add(new FieldError(f.field(), ANSWER_LABELS.getOrDefault(f.field(), f.field()), f.message()));
        }
        String detail = problemDetail == null ? title : problemDetail;
        String message = fieldErrors.isEmpty()
                ? "Chưa công bố được: " + detail + "."
                : "Chưa công bố được: vui lòng sửa " + summary.size() + " mục dưới đây.";
        Scope scope = Scope.of(caller);
        RecurringIssueService.Group g = recurring.group(id, scope);
        RecurringIssueService.Members m = recurring.members(id, scope, 1, 20);
        IssueView view = view(g);
        int pages = (int) Math.max(1, (m.total() + 19) / 20);
        String next = pages > 1 ? "/lanh-dao/van-de-lap-lai/" + enc(id) + "?page=2" : null;
        List<AuditView> audit = audit(id);
        String html = issuePage(id, g, view, memberViews(m), m.total(), null, next, true, audit, null,
                new AnswerForm(typed, errors, summary, message)).render();
        return Response.status(status == 403 ? 403 : 422).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html).build();
    }

    // ---------------------------------------------------------------- helpers

    private static Response back(String id, String what) {
        return Response.seeOther(URI.create("/lanh-dao/van-de-lap-lai/" + enc(id) + "?tb=" + what)).build();
    }

    private static String notice(String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "xac-nhan" -> "Đã xác nhận vấn đề.";
            case "doi-ten" -> "Đã đổi tên vấn đề.";
            case "loai-bo" -> "Đã loại bỏ vấn đề; hồ sơ tương tự về sau sẽ không nổi lên nữa.";
            case "gop" -> "Đã gộp các vấn đề vào vấn đề này.";
            case "tach" -> "Đã tách các hồ sơ đã chọn thành vấn đề này.";
            case "dua-vao" -> "Đã đưa hồ sơ vào vấn đề.";
            case "dua-ra" -> "Đã đưa hồ sơ ra khỏi vấn đề; hệ thống sẽ không tự đưa hồ sơ này quay lại.";
            case "tra-loi-chung" -> "Đã công bố trả lời chung; kết quả gửi cho các hồ sơ ở mục \"Trả lời chung\".";
            default -> null;
        };
    }

    static Chart weekly(List<RecurringIssueService.Week> weeks, int width, int height) {
        return Chart.of(weeks.stream().map(w -> new Chart.Point(RecurringIssueService.weekLabel(w.week()), w.count()))
                .toList(), width, height);
    }

    static String date(Instant i) {
        return i == null ? "" : DATE.format(i);
    }

    private static Integer intOrNull(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> split(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split("[,;\\s]+")).filter(x -> !x.isBlank()).toList();
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v);
        }
    }

    private static String href(String path, Map<String, String> params, int page) {
        StringBuilder sb = new StringBuilder(path).append("?");
        params.forEach((k, v) -> sb.append(enc(k)).append('=').append(enc(v)).append('&'));
        return sb.append("page=").append(page).toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
