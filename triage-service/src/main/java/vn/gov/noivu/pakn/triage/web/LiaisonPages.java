package vn.gov.noivu.pakn.triage.web;

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
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.triage.config.TriageConfig;
import vn.gov.noivu.pakn.triage.entity.Liaison;
import vn.gov.noivu.pakn.triage.mapping.CaseViews;
import vn.gov.noivu.pakn.triage.repository.LiaisonRepository;
import vn.gov.noivu.pakn.triage.repository.UnitRepository;
import vn.gov.noivu.pakn.triage.service.CaseService;
import vn.gov.noivu.pakn.triage.service.QueueService;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The liaison's pages in Vietnamese: the queue of their provinces with filters, and the case page with timeline,
 * 6 rõ checklist, SLA countdown and the action forms (POST, CSRF-protected by quarkus-rest-csrf). The caller is the
 * user of the session opened by {@link LoginPage} (OIDC authorization code flow, cookie limited to {@code /can-bo}).
 */
@Path("/can-bo")
@RolesAllowed({Identity.LIAISON, Identity.DEPARTMENT_HEAD, Identity.LEADER, Identity.ADMIN})
public class LiaisonPages {

    /** Queue filters of the page (Vietnamese slugs) → API filter. */
    static final Map<String, String> FILTERS = Map.of("tat-ca", "open", "chua-nhan", "unclaimed", "cua-toi", "mine",
            "sap-den-han", "at-risk", "qua-han", "overdue", "cho-bo-sung", "needs-info", "chuyen-cap", "escalated",
            "da-tra-loi", "answered", "da-dong", "closed");

    static final Map<String, String> NOTICES = Map.of("nhan", "Đã nhận xử lý hồ sơ.", "tra-loi",
            "Đã gửi trả lời.", "yeu-cau", "Đã gửi yêu cầu bổ sung thông tin; thời hạn tạm dừng.", "chuyen-cap",
            "Đã chuyển cấp có thẩm quyền.", "chuyen-giao", "Đã chuyển giao hồ sơ.", "tra-lai",
            "Đã trả hồ sơ về hàng chờ.", "phan-cong", "Đã cập nhật phân công.");

    @TemplateData
    public record Option(String value, String label, boolean selected) {
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

    @GET
    @Path("hang-cho")
    @Produces(MediaType.TEXT_HTML)
    public String queue(@QueryParam("loc") String loc, @QueryParam("tinh") Integer province) {
        String filter = loc == null || !FILTERS.containsKey(loc) ? "tat-ca" : loc;
        CaseViews.Queue q = queries.queue(caller, province, FILTERS.get(filter), 0, 200);
        List<Option> filters = List.of(
                new Option("tat-ca", "Tất cả đang mở", filter.equals("tat-ca")),
                new Option("chua-nhan", "Chưa nhận", filter.equals("chua-nhan")),
                new Option("cua-toi", "Của tôi", filter.equals("cua-toi")),
                new Option("sap-den-han", "Sắp đến hạn", filter.equals("sap-den-han")),
                new Option("qua-han", "Quá hạn", filter.equals("qua-han")),
                new Option("cho-bo-sung", "Chờ xã bổ sung", filter.equals("cho-bo-sung")),
                new Option("chuyen-cap", "Đã chuyển cấp", filter.equals("chuyen-cap")),
                new Option("da-tra-loi", "Đã trả lời", filter.equals("da-tra-loi")));
        return queuePage.data("me", caller.name()).data("queue", q).data("filters", filters)
                .data("province", province).render();
    }

    @GET
    @Path("ho-so/{id}")
    @Produces(MediaType.TEXT_HTML)
    public String casePage(@PathParam("id") String id, @QueryParam("tb") String notice) {
        return renderCase(queries.detail(caller, id), notice == null ? null : NOTICES.get(notice), null);
    }

    private String renderCase(CaseViews.CaseDetail c, String notice, String error) {
        List<Option> others = liaisons.activeOf(c.provinceCode()).stream()
                .filter(l -> !l.id.equals(c.assigneeId()))
                .map(l -> new Option(l.id, l.name + (l.role == Liaison.Role.DEPUTY ? " (phó)" : ""), false)).toList();
        List<Option> levels = Arrays.stream(AuthorityLevel.values()).filter(a -> a != AuthorityLevel.COMMUNE)
                .map(a -> new Option(a.name(), a.labelVi(), a.name().equals(c.authorityLevel()))).toList();
        List<Option> allLevels = Arrays.stream(AuthorityLevel.values())
                .map(a -> new Option(a.name(), a.labelVi(), a.name().equals(c.authorityLevel()))).toList();
        List<Option> unitOptions = units.listAll().stream().filter(u -> u.active)
                .map(u -> new Option(u.code, u.name, u.code.equals(c.responsibleUnitCode()))).toList();
        boolean mine = c.claimed() && caller.id().equals(c.assigneeId());
        boolean canAct = !caller.is(Identity.LEADER) || caller.is(Identity.ADMIN);
        return casePage.data("c", c).data("me", caller.name()).data("mine", mine).data("canAct", canAct)
                .data("liaisons", others).data("levels", levels).data("allLevels", allLevels)
                .data("units", unitOptions).data("notice", notice).data("error", error).render();
    }

    @POST
    @Path("ho-so/{id}/nhan")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response claim(@PathParam("id") String id) {
        return act(id, "nhan", () -> service.claim(caller, id));
    }

    @POST
    @Path("ho-so/{id}/tra-loi")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response answer(@PathParam("id") String id, @RestForm String answer) {
        return act(id, "tra-loi", () -> service.answer(caller, id, answer));
    }

    @POST
    @Path("ho-so/{id}/yeu-cau-bo-sung")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response requestInfo(@PathParam("id") String id, @RestForm String question) {
        return act(id, "yeu-cau", () -> service.requestInfo(caller, id, question));
    }

    @POST
    @Path("ho-so/{id}/chuyen-cap")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response escalate(@PathParam("id") String id, @RestForm String target, @RestForm String targetUnit,
            @RestForm String reason) {
        return act(id, "chuyen-cap", () -> service.escalate(caller, id, level(target, "target"), targetUnit,
                reason));
    }

    @POST
    @Path("ho-so/{id}/chuyen-giao")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response handover(@PathParam("id") String id, @RestForm String toLiaisonId, @RestForm String reason) {
        return act(id, "chuyen-giao", () -> service.handover(caller, id, toLiaisonId, reason));
    }

    @POST
    @Path("ho-so/{id}/tra-lai")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response release(@PathParam("id") String id, @RestForm String reason) {
        return act(id, "tra-lai", () -> service.release(caller, id, reason));
    }

    @POST
    @Path("ho-so/{id}/phan-cong")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response assign(@PathParam("id") String id, @RestForm String task, @RestForm String deliverable,
            @RestForm String dueDate, @RestForm String unitCode, @RestForm String authorityLevel) {
        return act(id, "phan-cong", () -> service.assign(caller, id, new CaseService.Assignment(blank(task),
                blank(deliverable), dueDate(dueDate), blank(unitCode),
                blank(authorityLevel) == null ? null : level(authorityLevel, "authorityLevel"), null)));
    }

    private Response act(String id, String notice, Runnable action) {
        if (caller.is(Identity.LEADER) && !caller.is(Identity.ADMIN)) {
            return Response.status(403).type(MediaType.TEXT_HTML)
                    .entity(renderCase(queries.detail(caller, id), null, "Lãnh đạo Bộ chỉ xem hồ sơ.")).build();
        }
        try {
            action.run();
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Response.status(e.status()).type(MediaType.TEXT_HTML)
                    .entity(renderCase(queries.detail(caller, id), null, e.getMessage())).build();
        }
        return Response.seeOther(URI.create("/can-bo/ho-so/" + id + "?tb=" + notice)).build();
    }

    private Instant dueDate(String date) {
        String d = blank(date);
        if (d == null) {
            return null;
        }
        try {
            return LocalDate.parse(d).atTime(config.sla().dayEnd()).atZone(config.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("dueAt", "ngày không hợp lệ");
        }
    }

    private static AuthorityLevel level(String value, String field) {
        try {
            return value == null ? null : AuthorityLevel.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "cấp thẩm quyền không hợp lệ");
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
