package vn.gov.noivu.pakn.triage.web;

import vn.gov.noivu.pakn.commons.domain.DomainException;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.commons.domain.NotFound;
import vn.gov.noivu.pakn.commons.domain.Unavailable;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.gov.noivu.pakn.commons.problem.Problem;
import vn.gov.noivu.pakn.commons.problem.ProblemMappers;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.triage.handling.IntakeAttachments;
import vn.gov.noivu.pakn.triage.handling.SuggestedAnswers;
import vn.gov.noivu.pakn.triage.config.TriageConfig;
import vn.gov.noivu.pakn.triage.reference.Liaison;
import vn.gov.noivu.pakn.triage.reference.Province;
import vn.gov.noivu.pakn.triage.handling.CaseViews;
import vn.gov.noivu.pakn.triage.reference.LiaisonRepository;
import vn.gov.noivu.pakn.triage.reference.ProvinceRepository;
import vn.gov.noivu.pakn.triage.reference.TopicRouteRepository;
import vn.gov.noivu.pakn.triage.reference.UnitRepository;
import vn.gov.noivu.pakn.triage.handling.CaseService;
import vn.gov.noivu.pakn.triage.handling.QueueService;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The liaison's pages in Vietnamese, phone first: the queue of their provinces (filters by name, search, sorting,
 * paging), and the case page (content, the commune's contact and attachments, SLA, "6 rõ", one primary action for the
 * state the case is in, the other actions folded away, confirmation for the irreversible ones). Forms post back here
 * (CSRF-protected by quarkus-rest-csrf); a refused form comes back with the typed text and the errors beside their
 * fields. The caller is the user of the session opened by {@link LoginPage} (cookie limited to {@code /can-bo}).
 */
@Path("/can-bo")
@RolesAllowed({Identity.LIAISON, Identity.DEPARTMENT_HEAD, Identity.LEADER, Identity.ADMIN})
public class LiaisonPages {

    /** Queue filters of the page (Vietnamese slugs) → API filter, with their labels, in the order shown. */
    static final Map<String, String> FILTERS = new LinkedHashMap<>();
    static final Map<String, String> FILTER_LABELS = new LinkedHashMap<>();

    static {
        filter("tat-ca", "open", "Tất cả đang mở");
        filter("chua-nhan", "unclaimed", "Chưa nhận");
        filter("cua-toi", "mine", "Của tôi");
        filter("sap-den-han", "at-risk", "Sắp đến hạn");
        filter("qua-han", "overdue", "Quá hạn");
        filter("cho-bo-sung", "needs-info", "Chờ xã bổ sung");
        filter("chuyen-cap", "escalated", "Đã chuyển cấp");
        filter("da-tra-loi", "answered", "Đã trả lời");
        filter("da-dong", "closed", "Đã đóng");
        filter("moi-trang-thai", "all", "Mọi trạng thái");
    }

    private static void filter(String slug, String api, String label) {
        FILTERS.put(slug, api);
        FILTER_LABELS.put(slug, label);
    }

    static final Map<String, QueueService.Order> ORDERS = new LinkedHashMap<>();
    static final Map<String, String> ORDER_LABELS = Map.of("han", "Hạn xử lý gần nhất", "moi", "Mới gửi nhất",
            "cu", "Gửi sớm nhất", "ma", "Mã hồ sơ");

    static {
        ORDERS.put("han", QueueService.Order.DUE);
        ORDERS.put("moi", QueueService.Order.NEWEST);
        ORDERS.put("cu", QueueService.Order.OLDEST);
        ORDERS.put("ma", QueueService.Order.CODE);
    }

    static final int PAGE_SIZE = 25;

    /** Longest text of an answer, question or reason (the API's limit, {@code CaseService.required}). */
    static final int TEXT_MAX = 20_000;

    static final Map<String, String> NOTICES = Map.of("nhan", "Đã nhận xử lý hồ sơ.", "tra-loi",
            "Đã gửi trả lời.", "yeu-cau", "Đã gửi yêu cầu bổ sung thông tin; thời hạn tạm dừng.", "chuyen-cap",
            "Đã chuyển cấp có thẩm quyền.", "chuyen-giao", "Đã chuyển giao hồ sơ.", "tra-lai",
            "Đã trả hồ sơ về hàng chờ.", "phan-cong", "Đã cập nhật phân công.");

    /** Vietnamese labels of the forms' fields (and of the API's field names in its errors). */
    static final Map<String, String> LABELS = Map.ofEntries(Map.entry("answer", "Nội dung trả lời"),
            Map.entry("question", "Nội dung cần xã bổ sung"), Map.entry("reason", "Lý do"),
            Map.entry("target", "Cấp có thẩm quyền"), Map.entry("targetUnit", "Đơn vị nhận"),
            Map.entry("otherAgency", "Cơ quan nhận"), Map.entry("toLiaisonId", "Cán bộ nhận"),
            Map.entry("task", "Nội dung công việc (rõ việc)"),
            Map.entry("deliverable", "Sản phẩm đầu ra (rõ sản phẩm)"), Map.entry("dueDate", "Thời hạn (rõ thời gian)"),
            Map.entry("unitCode", "Đơn vị chủ trì (rõ trách nhiệm)"),
            Map.entry("authorityLevel", "Cấp có thẩm quyền (rõ thẩm quyền)"),
            Map.entry("assignee", "Người xử lý (rõ người)"), Map.entry("xacNhan", "Xác nhận"));

    /** API field name → the form field it belongs to. */
    static final Map<String, String> FIELDS = Map.of("dueAt", "dueDate", "responsibleUnit", "unitCode");

    @TemplateData
    public record Option(String value, String label, boolean selected) {
    }

    @TemplateData
    public record Link(String slug, String href, String label, boolean current) {
    }

    @TemplateData
    public record Pager(long total, int page, int pages, long from, long to, String previous, String next) {
    }

    @TemplateData
    public record ErrorItem(String field, String label, String message) {
    }

    /** A form as the user sent it: which one, what was typed, the errors by field. */
    @TemplateData
    public record FormState(String name, Map<String, String> values, Map<String, String> errors,
            List<ErrorItem> summary) {

        static final FormState NONE = new FormState("", Map.of(), Map.of(), List.of());

        public boolean is(String form) {
            return name.equals(form);
        }

        /** What the user typed into the field of that form, or the fallback (the stored value). */
        public String value(String form, String field, Object fallback) {
            if (is(form) && values.get(field) != null) {
                return values.get(field);
            }
            return fallback == null ? "" : fallback.toString();
        }

        public String error(String form, String field) {
            return is(form) ? errors.get(field) : null;
        }

        /** The error of a field only one form has (the "6 rõ" fields: the assignment's, or the answer's refusal). */
        public String anyError(String field) {
            return errors.get(field);
        }
    }

    @Inject
    Caller caller;
    @Inject
    QueueService queries;
    @Inject
    CaseService service;
    @Inject
    LiaisonRepository liaisons;
    @Inject
    UnitRepository units;
    @Inject
    TopicRouteRepository topics;
    @Inject
    ProvinceRepository provinces;
    @Inject
    IntakeAttachments intake;
    @Inject
    SuggestedAnswers suggestions;
    @Inject
    TriageConfig config;
    @Inject
    @Location("can-bo/hang-cho.html")
    Template queuePage;
    @Inject
    @Location("can-bo/ho-so.html")
    Template casePage;
    @Inject
    @Location("can-bo/dang-nhap.html")
    Template login;

    /** The documented entry: the queue. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response entry() {
        return Response.seeOther(URI.create("/can-bo/hang-cho")).build();
    }

    @GET
    @Path("hang-cho")
    @Produces(MediaType.TEXT_HTML)
    public String queue(@QueryParam("loc") String loc, @QueryParam("tinh") String provinceParam,
            @QueryParam("q") String text, @QueryParam("chuyen-de") String topic, @QueryParam("sap-xep") String sort,
            @QueryParam("trang") String pageParam) {
        String filter = loc == null || !FILTERS.containsKey(loc) ? "tat-ca" : loc;
        String order = sort == null || !ORDERS.containsKey(sort) ? "han" : sort;
        Integer asked0 = number(provinceParam);
        List<Province> visible = visibleProvinces();
        Integer province = asked0 != null && visible.stream().anyMatch(p -> p.code.equals(asked0)) ? asked0 : null;
        String topicCode = topic == null || topic.isBlank() || topics.findById(topic) == null ? null : topic;
        String words = text == null || text.isBlank() ? null : text.strip();
        Integer asked = number(pageParam);
        int page = asked == null || asked < 1 ? 1 : asked;
        QueueService.Narrowing narrowing = new QueueService.Narrowing(words, topicCode, ORDERS.get(order));
        CaseViews.Queue q = queries.queue(caller, province, FILTERS.get(filter), narrowing, page - 1, PAGE_SIZE);
        int pages = (int) Math.max(1, (q.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        if (page > pages) {
            page = pages;
            q = queries.queue(caller, province, FILTERS.get(filter), narrowing, page - 1, PAGE_SIZE);
        }
        Map<String, String> keep = new LinkedHashMap<>();
        keep.put("loc", filter);
        keep.put("tinh", province == null ? null : province.toString());
        keep.put("q", words);
        keep.put("chuyen-de", topicCode);
        keep.put("sap-xep", order);
        List<Link> filters = new ArrayList<>();
        for (String slug : FILTER_LABELS.keySet()) {
            Map<String, String> p = new LinkedHashMap<>(keep);
            p.put("loc", slug);
            filters.add(new Link(slug, href(p, 1), FILTER_LABELS.get(slug), slug.equals(filter)));
        }
        long from = q.total() == 0 ? 0 : (long) (page - 1) * PAGE_SIZE + 1;
        Pager pager = new Pager(q.total(), page, pages, from, from == 0 ? 0 : from + q.items().size() - 1,
                page > 1 ? href(keep, page - 1) : null, page < pages ? href(keep, page + 1) : null);
        final Integer chosen = province;
        List<Option> provinceOptions = visible.size() < 2 ? List.of() : visible.stream()
                .map(p -> new Option(p.code.toString(), p.name, p.code.equals(chosen))).toList();
        List<Option> topicOptions = topics.listAll(Sort.ascending("topicCode")).stream()
                .map(t -> new Option(t.topicCode, t.topicName, t.topicCode.equals(topicCode))).toList();
        List<Option> orders = ORDERS.keySet().stream()
                .map(k -> new Option(k, ORDER_LABELS.get(k), k.equals(order))).toList();
        return queuePage.data("me", caller.name()).data("queue", q).data("filters", filters)
                .data("filter", filter).data("filterLabel", FILTER_LABELS.get(filter)).data("text", words)
                .data("provinces", provinceOptions).data("topics", topicOptions).data("orders", orders)
                .data("pager", pager).render();
    }

    private List<Province> visibleProvinces() {
        List<Province> all = provinces.listAll(Sort.ascending("name"));
        if (caller.seesEverything()) {
            return all;
        }
        Set<Integer> mine = caller.is(Identity.LIAISON) ? caller.provinceCodes() : Set.of();
        return all.stream().filter(p -> mine.contains(p.code)).toList();
    }

    private static String href(Map<String, String> params, int page) {
        StringBuilder b = new StringBuilder("/can-bo/hang-cho");
        char sep = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue() != null) {
                b.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(),
                        StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        if (page > 1) {
            b.append(sep).append("trang=").append(page);
        }
        return b.toString();
    }

    @GET
    @Path("ho-so/{id}")
    @Produces(MediaType.TEXT_HTML)
    public String casePage(@PathParam("id") String id, @QueryParam("tb") String notice) {
        return renderCase(queries.detail(caller, id), notice == null ? null : NOTICES.get(notice), FormState.NONE,
                null);
    }

    /**
     * An attachment of the case, streamed from intake-service with the signed-in user's own access token. The case
     * must be in the user's scope here (else 404, intake is not even asked) and the file one of the case's; intake
     * checks the scope again.
     */
    @GET
    @Path("ho-so/{id}/tep/{attachmentId}")
    public Response attachment(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        CaseViews.CaseDetail c = queries.detail(caller, id);
        CaseViews.AttachmentItem file = c.attachments().stream().filter(a -> a.id().equals(attachmentId))
                .findFirst().orElseThrow(() -> new NotFound("Tệp đính kèm " + attachmentId));
        String token = caller.accessToken().orElseThrow(
                () -> new AuthenticationFailedException("no access token in the session"));
        IntakeAttachments.Download d = intake.fetch(c.caseId(), file.id(), token).orElse(null);
        if (d == null || d.status() >= 500) {
            throw new Unavailable("intake-unavailable", "Chưa tải được tệp", "Chưa kết nối được hệ thống "
                    + "tiếp nhận để tải tệp \"" + file.fileName() + "\". Vui lòng thử lại sau ít phút.");
        }
        if (!d.ok()) {
            throw new NotFound("Tệp đính kèm " + attachmentId);
        }
        Response.ResponseBuilder r = Response.ok(d.body(), d.contentType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Cache-Control", "private, no-store");
        if (d.contentDisposition() != null) {
            r.header("Content-Disposition", d.contentDisposition());
        }
        if (d.length() != null) {
            r.header("Content-Length", d.length());
        }
        return r.build();
    }

    private String renderCase(CaseViews.CaseDetail c, String notice, FormState form, String error) {
        List<Option> others = liaisons.activeOf(c.provinceCode()).stream()
                .filter(l -> !l.id.equals(c.assigneeId()))
                .map(l -> new Option(l.id, l.name + (l.role == Liaison.Role.DEPUTY ? " (phó)" : ""),
                        l.id.equals(form.value("chuyen-giao", "toLiaisonId", null)))).toList();
        String target = form.value("chuyen-cap", "target", AuthorityLevel.MINISTRY.name());
        List<Option> levels = Arrays.stream(AuthorityLevel.values()).filter(a -> a != AuthorityLevel.COMMUNE)
                .map(a -> new Option(a.name(), a.labelVi(), a.name().equals(target))).toList();
        String level = form.value("phan-cong", "authorityLevel", c.authorityLevel());
        List<Option> allLevels = Arrays.stream(AuthorityLevel.values())
                .map(a -> new Option(a.name(), a.labelVi(), a.name().equals(level))).toList();
        String unit = form.value("phan-cong", "unitCode", c.responsibleUnitCode());
        String escalationUnit = form.value("chuyen-cap", "targetUnit", c.responsibleUnitCode());
        List<Option> unitOptions = new ArrayList<>();
        List<Option> escalationUnits = new ArrayList<>();
        units.listAll(Sort.ascending("name")).stream().filter(u -> u.active).forEach(u -> {
            unitOptions.add(new Option(u.code, u.name, u.code.equals(unit)));
            escalationUnits.add(new Option(u.code, u.name, u.code.equals(escalationUnit)));
        });
        boolean leaderOnly = caller.is(Identity.LEADER) && !caller.is(Identity.ADMIN);
        boolean admin = caller.is(Identity.ADMIN);
        boolean mine = c.claimed() && caller.id().equals(c.assigneeId());
        boolean head = caller.is(Identity.DEPARTMENT_HEAD) && c.escalation() != null
                && caller.unitCode().map(u -> u.equals(c.escalation().targetUnit())).orElse(false);
        boolean province = caller.servesProvince(c.provinceCode());
        boolean working = c.status().equals("CLAIMED") || c.status().equals("ESCALATED");
        boolean worker = !leaderOnly && working && (mine || admin && c.claimed()
                || c.status().equals("ESCALATED") && (head || admin));
        boolean claimable = !leaderOnly && !c.claimed() && (province || admin)
                && Set.of("ROUTED", "REOPENED", "ESCALATED").contains(c.status());
        boolean holder = !leaderOnly && c.claimed() && working && (mine || admin);
        boolean canAssign = !leaderOnly && !Set.of("ANSWERED", "CLOSED").contains(c.status())
                && (worker || claimable || head);
        // the one thing to do next, by state
        String next;
        if (claimable) {
            next = "nhan";
        } else if (worker) {
            next = "tra-loi";
        } else {
            next = "";
        }
        boolean sixMissing = c.missingSixClear().stream().anyMatch(f -> !f.equals("assignee"));
        // the published answer of the case's recurring issue, as a suggestion beside the answer form (none when
        // search-service is unavailable)
        SuggestedAnswers.Suggestion suggestion = next.equals("tra-loi") ? caller.accessToken()
                .flatMap(t -> suggestions.forCase(c.caseId(), t)).orElse(null) : null;
        return casePage.data("c", c).data("suggestion", suggestion == null ? null : suggestionView(suggestion)).data("me", caller.name()).data("canAct", !leaderOnly).data("next", next)
                .data("worker", worker).data("holder", holder).data("canRelease", holder
                        && c.status().equals("CLAIMED")).data("canAssign", canAssign)
                .data("assignOpen", canAssign && (form.is("phan-cong") || sixMissing && (worker || claimable)))
                .data("leaderOnly", leaderOnly).data("claimedByOther", c.claimed() && !mine)
                .data("liaisons", others).data("levels", levels).data("allLevels", allLevels)
                .data("units", unitOptions).data("escalationUnits", escalationUnits)
                .data("dueDate", form.value("phan-cong", "dueDate", c.sla().dueAt() == null ? null
                        : LocalDate.ofInstant(c.sla().dueAt(), config.zone()).toString()))
                .data("minDate", LocalDate.now(config.zone()).plusDays(1).toString())
                .data("textMax", TEXT_MAX).data("form", form).data("notice", notice).data("error", error)
                .render();
    }

    @POST
    @Path("ho-so/{id}/nhan")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response claim(@PathParam("id") String id) {
        return act(id, "nhan", Map.of(), () -> service.claim(caller, id));
    }

    @POST
    @Path("ho-so/{id}/tra-loi")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response answer(@PathParam("id") String id, @RestForm String answer) {
        return act(id, "tra-loi", typed("answer", answer), () -> service.answer(caller, id, answer));
    }

    @POST
    @Path("ho-so/{id}/yeu-cau-bo-sung")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response requestInfo(@PathParam("id") String id, @RestForm String question) {
        return act(id, "yeu-cau", typed("question", question), () -> service.requestInfo(caller, id, question));
    }

    @POST
    @Path("ho-so/{id}/chuyen-cap")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response escalate(@PathParam("id") String id, @RestForm String target, @RestForm String targetUnit,
            @RestForm String otherAgency, @RestForm String reason, @RestForm String xacNhan) {
        return act(id, "chuyen-cap", typed("target", target, "targetUnit", targetUnit, "otherAgency", otherAgency,
                "reason", reason, "xacNhan", xacNhan), () -> {
                    confirmed(xacNhan);
                    AuthorityLevel level = level(target, "target");
                    service.escalate(caller, id, level, level == AuthorityLevel.MINISTRY ? targetUnit
                            : blank(otherAgency), reason);
                });
    }

    @POST
    @Path("ho-so/{id}/chuyen-giao")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response handover(@PathParam("id") String id, @RestForm String toLiaisonId, @RestForm String reason,
            @RestForm String xacNhan) {
        return act(id, "chuyen-giao", typed("toLiaisonId", toLiaisonId, "reason", reason, "xacNhan", xacNhan),
                () -> {
                    confirmed(xacNhan);
                    service.handover(caller, id, toLiaisonId, reason);
                });
    }

    @POST
    @Path("ho-so/{id}/tra-lai")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response release(@PathParam("id") String id, @RestForm String reason, @RestForm String xacNhan) {
        return act(id, "tra-lai", typed("reason", reason, "xacNhan", xacNhan), () -> {
            confirmed(xacNhan);
            service.release(caller, id, reason);
        });
    }

    @POST
    @Path("ho-so/{id}/phan-cong")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response assign(@PathParam("id") String id, @RestForm String task, @RestForm String deliverable,
            @RestForm String dueDate, @RestForm String unitCode, @RestForm String authorityLevel) {
        return act(id, "phan-cong", typed("task", task, "deliverable", deliverable, "dueDate", dueDate, "unitCode",
                unitCode, "authorityLevel", authorityLevel), () -> service.assign(caller, id,
                new CaseService.Assignment(blank(task), blank(deliverable), dueDate(dueDate), blank(unitCode),
                        blank(authorityLevel) == null ? null : level(authorityLevel, "authorityLevel"), null)));
    }

    /** The suggested answer as the page shows it (dates dd/MM/yyyy, authority level in Vietnamese). */
    @TemplateData
    public record SuggestionView(String issueLabel, String text, String task, String deliverable, String dueDate,
            String unit, String authority, String publishedBy, String publishedAt) {
    }

    private SuggestionView suggestionView(SuggestedAnswers.Suggestion s) {
        SuggestedAnswers.Answer a = s.answer();
        java.time.format.DateTimeFormatter dmy = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
        String authority = a.authorityLevel();
        try {
            authority = authority == null ? null : AuthorityLevel.valueOf(authority).labelVi();
        } catch (IllegalArgumentException e) {
            // an unknown level: shown as sent
        }
        return new SuggestionView(s.issueLabel(), a.text(), a.task(), a.deliverable(),
                a.dueDate() == null ? null : dmy.format(a.dueDate()), a.responsibleUnitName(), authority,
                a.publishedByName(), a.publishedAt() == null ? null : dmy.withZone(config.zone()).format(a.publishedAt()));
    }

    private Response act(String id, String form, Map<String, String> typed, Runnable action) {
        if (caller.is(Identity.LEADER) && !caller.is(Identity.ADMIN)) {
            return Response.status(403).type(MediaType.TEXT_HTML)
                    .entity(renderCase(queries.detail(caller, id), null, FormState.NONE,
                            "Lãnh đạo Bộ chỉ xem hồ sơ.")).build();
        }
        try {
            action.run();
        } catch (DomainException e) {
            if (e instanceof NotFound) {
                throw e;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            List<ErrorItem> summary = new ArrayList<>();
            for (Problem.FieldError f : e.errors()) {
                String field = FIELDS.getOrDefault(f.field(), f.field());
                errors.putIfAbsent(field, f.message());
                summary.add(new ErrorItem(field, LABELS.getOrDefault(field, field), f.message()));
            }
            // a refused answer because of missing "6 rõ": the fields to complete are in the assignment form
            String shown = "six-clear-incomplete".equals(e.code()) ? "tra-loi" : form;
            String detail = e.getMessage() == null ? e.title() : e.getMessage();
            String message = e.errors().isEmpty() || "six-clear-incomplete".equals(e.code())
                    ? Character.toUpperCase(detail.charAt(0)) + detail.substring(1) + "."
                    : "Chưa thực hiện được: vui lòng sửa các mục dưới đây.";
            return Response.status(ProblemMappers.status(e)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(renderCase(queries.detail(caller, id), null,
                            new FormState(shown, typed, errors, summary), message)).build();
        }
        return Response.seeOther(URI.create("/can-bo/ho-so/" + id + "?tb=" + form)).build();
    }

    private static Map<String, String> typed(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** The irreversible actions need the ticked confirmation (the browser asks for it; checked here too). */
    private static void confirmed(String value) {
        if (!"co".equals(value)) {
            throw Invalid.field("xacNhan", "cần đánh dấu xác nhận trước khi thực hiện");
        }
    }

    private Instant dueDate(String date) {
        String d = blank(date);
        if (d == null) {
            return null;
        }
        try {
            return LocalDate.parse(d).atTime(config.sla().dayEnd()).atZone(config.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw Invalid.field("dueAt", "ngày không hợp lệ");
        }
    }

    private static AuthorityLevel level(String value, String field) {
        try {
            return value == null || value.isBlank() ? null : AuthorityLevel.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw Invalid.field(field, "cấp thẩm quyền không hợp lệ");
        }
    }

    private static Integer number(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A page asked without a session: "Cần đăng nhập" with the sign-in link, not a JSON problem. */
    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return LoginPage.signInFirst(login, "Vui lòng đăng nhập để dùng trang cán bộ.");
    }

    /** A session that is no longer valid (expired, or not one of ours): sign in again. */
    @ServerExceptionMapper
    public Response signInAgain(AuthenticationFailedException e) {
        return LoginPage.signInFirst(login, "Phiên đăng nhập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.");
    }

    /** A signed-in user whose role the pages do not serve (a commune official): the "no permission" page. */
    @ServerExceptionMapper
    public Response noPermission(ForbiddenException e) {
        return LoginPage.forbidden(login);
    }
}
