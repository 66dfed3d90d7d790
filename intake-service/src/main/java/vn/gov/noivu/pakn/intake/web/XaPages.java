package vn.gov.noivu.pakn.intake.web;

import vn.gov.noivu.pakn.commons.domain.DomainException;
import vn.gov.noivu.pakn.commons.domain.Forbidden;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.commons.domain.NotFound;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import vn.gov.noivu.pakn.commons.problem.Problem;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.commons.problem.ProblemMappers;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.events.CaseKind;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.intake.attachment.AttachmentStore;
import vn.gov.noivu.pakn.intake.config.IntakeConfig;
import vn.gov.noivu.pakn.intake.reference.ReferenceRepository;
import vn.gov.noivu.pakn.intake.reference.Topic;
import vn.gov.noivu.pakn.intake.security.Requester;
import vn.gov.noivu.pakn.intake.similar.SimilarCases;
import vn.gov.noivu.pakn.intake.submission.CaseAccess;
import vn.gov.noivu.pakn.intake.submission.CasePage;
import vn.gov.noivu.pakn.intake.submission.CaseService;
import vn.gov.noivu.pakn.intake.submission.CaseView;
import vn.gov.noivu.pakn.intake.submission.SubmissionValidator;
import vn.gov.noivu.pakn.intake.submission.SubmitCaseRequest;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Server-rendered Vietnamese pages for commune officials under {@code /xa}. Every user string is escaped by Qute
 * (.html templates; no raw output anywhere). Sign-in is the OIDC authorization code flow of the {@code web} tenant
 * (quarkus-oidc): the session lives in an encrypted, HttpOnly cookie limited to {@code /xa}, SameSite=Lax, so a
 * cross-site form post carries no session; POSTs also check that Origin, when sent, is this site.
 */
@Path("/xa")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "web", description = "Trang web cho cán bộ xã")
public class XaPages {

    private static final Logger LOG = Logger.getLogger(XaPages.class);

    public record Option(String code, String label) {
    }

    /** What the new-case form shows again after a check or an error. */
    public record FormData(String topic, String kind, String urgency, String title, String description,
            String contactName, String contactPhone, String contactEmail, String idempotencyKey) {
    }

    /** What the action forms of a case page show again after an error. */
    public record ActionData(String replyText, String rating, String comment, String reopenReason) {
        static final ActionData EMPTY = new ActionData(null, null, null, null);
    }

    public record Me(String name, int communeCode, String communeName) {
    }

    /** Attachment limits as the form shows them; {@code accept} is only a hint for the file picker. */
    public record Uploads(int maxFiles, String maxSize, String types, String accept) {
    }

    /** Length limits of the text fields, as the API checks them (the forms show them and count). */
    public record Limits(int titleMin, int titleMax, int descriptionMin, int descriptionMax, int contactNameMax,
            int replyMax, int commentMax) {
    }

    /** The list's query: what the filter form shows again and what the pager's links keep. */
    public record ListQuery(String q, String topic, String status, String sort) {
        String params(int page) {
            StringBuilder b = new StringBuilder();
            add(b, "q", q);
            add(b, "chu-de", topic);
            add(b, "trang-thai", status);
            add(b, "sap-xep", "moi-nhat".equals(sort) ? null : sort);
            if (page > 0) {
                add(b, "trang", Integer.toString(page + 1));
            }
            return b.isEmpty() ? "" : "?" + b.substring(1);
        }

        private static void add(StringBuilder b, String name, String value) {
            if (value != null && !value.isBlank()) {
                b.append('&').append(name).append('=')
                        .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        }

        public boolean filtered() {
            return q != null && !q.isBlank() || topic != null && !topic.isBlank()
                    || status != null && !status.isBlank();
        }
    }

    /** A row of the case list with the topic's name and a status badge. */
    public record Row(String id, String code, String title, String topicName, String status, String statusLabel,
            String badge, java.time.Instant submittedAt, java.time.Instant dueAt, int supporters) {
    }

    /** Paging links: numbered pages around the current one, previous and next. */
    public record Pager(int page, int pages, long total, String previous, String next, List<PageLink> links) {
        public boolean needed() {
            return pages > 1;
        }
    }

    public record PageLink(String label, String href, boolean current, boolean gap) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance message(String heading, String text, boolean signIn);

        static native TemplateInstance list(Me me, List<Row> rows, Pager pager, ListQuery query, List<Option> topics,
                List<Option> statuses, List<Option> sorts, String notice);

        static native TemplateInstance form(Me me, FormData form, List<Option> topics, List<Option> kinds,
                List<Option> urgencies, FieldErrors errors, SimilarCases.Result similar, boolean checked,
                Uploads uploads, Limits limits);

        static native TemplateInstance detail(Me me, CaseView c, boolean mayAct, ActionData form, FieldErrors errors,
                String notice, Uploads uploads, Limits limits, List<Option> ratings);
    }

    @Inject
    Caller caller;

    @Inject
    CaseService cases;

    @Inject
    SubmissionValidator validator;

    @Inject
    ReferenceRepository reference;

    @Inject
    SimilarCases similarCases;

    @Inject
    IntakeConfig config;

    @Inject
    AttachmentStore store;

    @Inject
    vn.gov.noivu.pakn.intake.submission.JsonBodies bodies;

    @Inject
    vn.gov.noivu.pakn.commons.web.PageErrors pageErrors;

    // ---------------------------------------------------------------- sign-in (authorization code flow)

    /**
     * Sign-in: the OIDC {@code web} tenant (quarkus-oidc, {@code /xa/*}) sends a browser without a session to the
     * identity provider's login page and back here with a session cookie; then on to the list of cases. The path is
     * guarded by an HTTP permission (application.properties), so the challenge is the provider's login page, not the
     * API's 401 problem.
     */
    @GET
    @Path("/dang-nhap")
    @Operation(summary = "Đăng nhập qua hệ thống định danh (OIDC authorization code flow), rồi về danh sách hồ sơ")
    public Response signIn() {
        return Response.seeOther(URI.create("/xa/ho-so")).build();
    }

    /**
     * Where the identity provider sends the browser after sign-out ({@code /xa/dang-xuat} is handled by quarkus-oidc:
     * it ends the local session and the provider's).
     */
    @GET
    @Path("/da-dang-xuat")
    public Response signedOut() {
        return page(200, Templates.message("Đã đăng xuất", "Bạn đã đăng xuất.", true));
    }

    /**
     * Sign-out. Authentication is lazy, so the session is read here: with one, quarkus-oidc answers this path (its
     * logout path) by ending the session and redirecting to the provider's logout; without one, straight to the page.
     */
    @GET
    @Path("/dang-xuat")
    public Response signOut() {
        caller.authenticated();
        return Response.seeOther(URI.create("/xa/da-dang-xuat")).build();
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/xa/ho-so")).build();
    }

    // ---------------------------------------------------------------- pages

    /** Cases per page of the list. */
    static final int PAGE_SIZE = 20;

    private static String notice(String code) {
        return code == null ? null : NOTICES.get(code);
    }

    /** Success messages after an action (the redirect carries the code, the page says it). */
    static final java.util.Map<String, String> NOTICES = java.util.Map.of(
            "da-gui", "Đã gửi phản ánh, kiến nghị. Bộ phận tiếp nhận của Bộ Nội vụ sẽ phân công xử lý.",
            "da-bo-sung", "Đã gửi thông tin bổ sung.",
            "da-chap-nhan", "Đã chấp nhận câu trả lời. Cảm ơn xã đã đánh giá.",
            "da-de-nghi", "Đã gửi đề nghị xem xét lại.",
            "da-cung-phan-anh", "Xã đã cùng phản ánh hồ sơ này.");

    @GET
    @Path("/ho-so")
    @Operation(summary = "Danh sách hồ sơ của xã: tìm theo tiêu đề hoặc mã, lọc theo chuyên đề và trạng thái, sắp xếp, phân trang")
    public Response list(@QueryParam("q") String q, @QueryParam("chu-de") String topic,
            @QueryParam("trang-thai") String status, @QueryParam("sap-xep") String sort,
            @QueryParam("trang") String pageParam, @QueryParam("thong-bao") String notice) {
        return withOfficial(me -> {
            int pageNo = Math.max(0, parsePage(pageParam) - 1);
            ListQuery query = new ListQuery(blankToNull(q), blankToNull(topic), blankToNull(status),
                    sorts().stream().anyMatch(o -> o.code().equals(sort)) ? sort : "moi-nhat");
            vn.gov.noivu.pakn.events.CaseStatus st = query.status() == null ? null
                    : SubmissionValidator.parse(vn.gov.noivu.pakn.events.CaseStatus.class, query.status());
            CaseService.Filter filter = new CaseService.Filter(me.communeCode(), null,
                    st == null ? Set.of() : Set.of(st), query.topic(), null, null, null);
            CasePage page = cases.list(requester(), filter, query.q(), sortOf(query.sort()), pageNo, PAGE_SIZE);
            if (page.items().isEmpty() && pageNo > 0 && page.total() > 0) {
                // a page past the end (the list got shorter): the last page
                int last = (int) ((page.total() - 1) / PAGE_SIZE);
                return Response.seeOther(URI.create("/xa/ho-so" + query.params(last))).build();
            }
            java.util.Map<String, String> topicNames = topicNames();
            List<Row> rows = page.items().stream().map(c -> new Row(c.id(), c.code(), c.title(),
                    topicNames.getOrDefault(c.topicCode(), c.topicCode()), c.status(), c.statusLabel(),
                    badge(c.status()), c.submittedAt(), c.dueAt(), c.supporters())).toList();
            return page(200, Templates.list(me, rows, pager(query, pageNo, page.total()), query, topics(), statusOptions(),
                    sorts(), notice(notice)));
        });
    }

    @GET
    @Path("/ho-so/moi")
    @Operation(summary = "Biểu mẫu gửi phản ánh, kiến nghị")
    public Response newForm() {
        return withOfficial(me -> page(200, Templates.form(me, emptyForm(), topics(), kinds(), urgencies(),
                FieldErrors.none(), new SimilarCases.Result(List.of(), true), false, uploads(), limits())));
    }

    @POST
    @Path("/ho-so")
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED})
    @Operation(summary = "Gửi phản ánh, kiến nghị (hoặc tìm phản ánh tương tự); lỗi: biểu mẫu hiện lại với nội dung đã nhập và lỗi cạnh từng trường")
    public Response submit(@HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @RestForm("files") List<FileUpload> files,
            @FormParam("action") String action, @FormParam("topic") String topic, @FormParam("kind") String kind,
            @FormParam("urgency") String urgency, @FormParam("title") String title,
            @FormParam("description") String description, @FormParam("contactName") String contactName,
            @FormParam("contactPhone") String contactPhone, @FormParam("contactEmail") String contactEmail,
            @FormParam("idempotencyKey") String idempotencyKey) {
        return withOfficial(me -> {
            checkOrigin(origin, host);
            String key = idempotencyKey == null || !idempotencyKey.matches("[0-9a-f-]{36}")
                    ? UUID.randomUUID().toString() : idempotencyKey;
            FormData form = new FormData(topic, kind, urgency, title, description, contactName, contactPhone,
                    contactEmail, key);
            boolean chosenFiles = files != null && files.stream().anyMatch(f -> f.size() > 0);
            if ("check".equals(action)) {
                String text = ((title == null ? "" : title) + " " + (description == null ? "" : description)).strip();
                SimilarCases.Result similar = similarCases.find(text, config.web().similarLimit(), caller.accessToken().orElse(null));
                FieldErrors none = FieldErrors.none();
                if (chosenFiles) {
                    none.note("files", "Tệp đã chọn trước khi tìm phản ánh tương tự cần được chọn lại.");
                }
                return page(200, Templates.form(me, form, topics(), kinds(), urgencies(), none, similar,
                        true, uploads(), limits()));
            }
            SubmitCaseRequest request = new SubmitCaseRequest(me.communeCode(), topic, kind, title, description,
                    urgency, new SubmitCaseRequest.Contact(contactName, contactPhone, contactEmail));
            List<AttachmentStore.Staged> staged = List.of();
            try {
                SubmitCaseRequest valid = validator.normaliseAndValidate(request);
                staged = store.stage(uploads(files));
                CaseService.Submitted s = cases.submit(requester(), valid, "web-" + key,
                        bodies.fingerprint(AttachmentStore.fingerprintSource(valid, staged)), staged);
                return Response.seeOther(URI.create("/xa/ho-so/" + s.caseId() + "?thong-bao=da-gui")).build();
            } catch (DomainException e) {
                if (e instanceof NotFound || e instanceof Forbidden) {
                    throw e; // a 429 (CaseService.RateLimitedException) is not caught here either
                }
                FieldErrors errors = FieldErrors.of(e, java.util.Map.of(
                        "title", nz(title), "description", nz(description), "contactName", nz(contactName)));
                if (chosenFiles && !errors.fileProblem()) {
                    errors.note("files", "Trình duyệt không giữ tệp đã chọn khi biểu mẫu được gửi lại: vui lòng chọn lại tệp đính kèm.");
                }
                return page(ProblemMappers.status(e), Templates.form(me, form, topics(), kinds(), urgencies(), errors,
                        new SimilarCases.Result(List.of(), true), false, uploads(), limits()));
            } finally {
                store.discard(staged);
            }
        });
    }

    @GET
    @Path("/ho-so/{id}")
    @Operation(summary = "Một hồ sơ của xã: nội dung, tệp, trả lời, diễn biến và các thao tác của xã")
    public Response detail(@PathParam("id") String id, @QueryParam("thong-bao") String notice) {
        return withOfficial(me -> detailPage(me, id, 200, ActionData.EMPTY, FieldErrors.none(), notice(notice)));
    }

    @GET
    @Path("/ho-so/{id}/tep/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Tải tệp đính kèm của hồ sơ")
    public Response attachment(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        return withOfficial(me -> vn.gov.noivu.pakn.intake.submission.CaseResource.download(cases, requester(), id,
                attachmentId));
    }

    private Response detailPage(Me me, String id, int status, ActionData form, FieldErrors errors, String notice) {
        CaseView c = cases.get(requester(), CaseAccess.parseId(id));
        return page(status, Templates.detail(me, c, true, form, errors, notice, uploads(), limits(), ratings()));
    }

    @POST
    @Path("/ho-so/{id}/bo-sung")
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED})
    @Operation(summary = "Xã bổ sung thông tin (kèm tệp) theo yêu cầu")
    public Response reply(@HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @PathParam("id") String id, @FormParam("text") String text, @RestForm("files") List<FileUpload> files) {
        ActionData form = new ActionData(text, null, null, null);
        return action(origin, host, id, form, java.util.Map.of("reply-text", nz(text)), "da-bo-sung", () -> {
            String valid = validator.actionText("text", text);
            List<AttachmentStore.Staged> staged = store.stage(uploads(files));
            try {
                cases.replyToInfoRequest(requester(), CaseAccess.parseId(id), valid, staged);
            } finally {
                store.discard(staged);
            }
        });
    }

    @POST
    @Path("/ho-so/{id}/chap-nhan")
    @Operation(summary = "Xã chấp nhận câu trả lời, với mức độ hài lòng (1-5) và nhận xét")
    public Response accept(@HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @PathParam("id") String id, @FormParam("rating") String rating, @FormParam("comment") String comment) {
        ActionData form = new ActionData(null, rating, comment, null);
        return action(origin, host, id, form, java.util.Map.of("comment", nz(comment)), "da-chap-nhan", () -> {
            Integer r = validator.rating(rating);
            String cmt = validator.comment(comment);
            if (r == null && cmt != null) {
                throw Invalid.field("rating", "Vui lòng chọn mức độ hài lòng khi có nhận xét");
            }
            cases.acceptAnswer(requester(), CaseAccess.parseId(id), r, cmt);
        });
    }

    @POST
    @Path("/ho-so/{id}/mo-lai")
    @Operation(summary = "Xã đề nghị xem xét lại câu trả lời (lý do bắt buộc)")
    public Response reopen(@HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @PathParam("id") String id, @FormParam("reason") String reason) {
        ActionData form = new ActionData(null, null, null, reason);
        return action(origin, host, id, form, java.util.Map.of("reopen-reason", nz(reason)), "da-de-nghi",
                () -> cases.requestReopen(requester(), CaseAccess.parseId(id), validator.actionText("reason", reason)));
    }

    @POST
    @Path("/ho-so/{id}/cung-phan-anh")
    @Operation(summary = "Cùng phản ánh một hồ sơ đã có")
    public Response support(@HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @PathParam("id") String id) {
        return withOfficial(me -> {
            checkOrigin(origin, host);
            cases.support(requester(), CaseAccess.parseId(id));
            return Response.seeOther(URI.create("/xa/ho-so?thong-bao=da-cung-phan-anh")).build();
        });
    }

    /**
     * Runs an action of the case page; on success back to the case with the notice {@code done}, on a refusal the
     * case page again with what was typed and the errors beside the fields (404/403: the error page).
     */
    private Response action(String origin, String host, String id, ActionData form,
            java.util.Map<String, String> values, String done, Runnable act) {
        return withOfficial(me -> {
            checkOrigin(origin, host);
            UUID caseId = CaseAccess.parseId(id);
            try {
                act.run();
                return Response.seeOther(URI.create("/xa/ho-so/" + caseId + "?thong-bao=" + done)).build();
            } catch (DomainException e) {
                if (e instanceof NotFound || e instanceof Forbidden) {
                    throw e;
                }
                return detailPage(me, id, ProblemMappers.status(e), form, FieldErrors.of(e, values), null);
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    private Uploads uploads() {
        String accept = config.attachments().allowedTypes().stream()
                .flatMap(t -> vn.gov.noivu.pakn.intake.attachment.AttachmentTypes.byContentType(t).stream())
                .flatMap(t -> t.extensions().stream()).map(e -> "." + e).collect(Collectors.joining(","));
        return new Uploads(config.attachments().maxPerCase(), AttachmentStore.humanSize(config.attachments().maxBytes()),
                store.allowedLabels(), accept);
    }

    /** The chosen files; the empty part a browser sends for a file input without a file is skipped. */
    private static List<AttachmentStore.Upload> uploads(List<FileUpload> files) {
        if (files == null) {
            return List.of();
        }
        return files.stream()
                .filter(f -> f.size() > 0 || f.fileName() != null && !f.fileName().isBlank())
                .map(f -> new AttachmentStore.Upload(f.fileName(), f.size(),
                        () -> java.nio.file.Files.newInputStream(f.uploadedFile())))
                .toList();
    }

    private Response withOfficial(java.util.function.Function<Me, Response> body) {
        try {
            if (!caller.authenticated()) {
                return pageErrors.response(401, null, null);
            }
        } catch (AuthenticationFailedException e) {
            return pageErrors.response(401, null, null);
        }
        Requester r = requester();
        if (!r.isCommuneOfficial()) {
            return pageErrors.response(403, "Không có quyền", "Trang này dành cho cán bộ, công chức cấp xã. "
                    + "Tài khoản của bạn không được dùng trang này.");
        }
        String communeName = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> reference.commune(r.communeCode()).map(c -> c.name).orElse("Xã " + r.communeCode()));
        try {
            return body.apply(new Me(r.name(), r.communeCode(), communeName));
        } catch (DomainException e) {
            return errorPage(ProblemMappers.status(e), e.title(), e.getMessage());
        } catch (ProblemException e) {
            return errorPage(e.status(), e.title(), e.getMessage());
        }
    }

    private Response errorPage(int status, String title, String message) {
        String detail = message == null || message.isBlank() ? null
                : message.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + message.substring(1) + ".";
        return pageErrors.response(status, title, detail);
    }

    private Requester requester() {
        return Requester.of(caller);
    }

    /** Cross-site form posts are refused (with SameSite=Strict the cookie would not be sent anyway). */
    private static void checkOrigin(String origin, String host) {
        if (origin == null || host == null) {
            return;
        }
        String o = origin.replaceFirst("^https?://", "");
        if (!o.equalsIgnoreCase(host)) {
            throw new Forbidden("yêu cầu gửi từ trang khác");
        }
    }

    private static Response page(int status, TemplateInstance t) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(t).build();
    }

    private FormData emptyForm() {
        return new FormData(null, CaseKind.DIFFICULTY.name(), Urgency.NORMAL.name(), null, null, null, null, null,
                UUID.randomUUID().toString());
    }

    /** Topics by name (their codes stay the values). */
    private List<Option> topics() {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> reference.activeTopics().stream()
                .map((Topic t) -> new Option(t.code, t.name)).toList());
    }

    private java.util.Map<String, String> topicNames() {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> Topic.<Topic>listAll().stream()
                .collect(Collectors.toMap(t -> t.code, t -> t.name)));
    }

    private static List<Option> statusOptions() {
        return Arrays.stream(vn.gov.noivu.pakn.events.CaseStatus.values())
                .map(st -> new Option(st.name(), st.labelVi())).toList();
    }

    private static List<Option> sorts() {
        return List.of(new Option("moi-nhat", "Mới gửi trước"), new Option("cu-nhat", "Cũ trước"),
                new Option("han-xu-ly", "Hạn xử lý gần nhất"), new Option("tieu-de", "Tiêu đề (A–Z)"));
    }

    private static CaseService.Sort sortOf(String code) {
        return switch (code == null ? "" : code) {
            case "cu-nhat" -> CaseService.Sort.OLDEST;
            case "han-xu-ly" -> CaseService.Sort.DUE;
            case "tieu-de" -> CaseService.Sort.TITLE;
            default -> CaseService.Sort.NEWEST;
        };
    }

    private static List<Option> ratings() {
        return List.of(new Option("5", "5 – Rất hài lòng"), new Option("4", "4 – Hài lòng"),
                new Option("3", "3 – Bình thường"), new Option("2", "2 – Chưa hài lòng"),
                new Option("1", "1 – Rất không hài lòng"));
    }

    /** Badge class of a status: done (green), waiting for the commune (amber), the rest neutral. */
    static String badge(String status) {
        return switch (status == null ? "" : status) {
            case "CLOSED", "ANSWERED" -> "badge--ok";
            case "NEEDS_INFO", "REOPENED" -> "badge--warn";
            default -> "";
        };
    }

    static Pager pager(ListQuery query, int page, long total) {
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        List<PageLink> links = new java.util.ArrayList<>();
        int lastShown = -1;
        for (int i = 0; i < pages; i++) {
            if (i == 0 || i == pages - 1 || Math.abs(i - page) <= 2) {
                if (lastShown >= 0 && i > lastShown + 1) {
                    links.add(new PageLink("…", null, false, true));
                }
                links.add(new PageLink(Integer.toString(i + 1), "/xa/ho-so" + query.params(i), i == page, false));
                lastShown = i;
            }
        }
        return new Pager(page + 1, pages, total, page > 0 ? "/xa/ho-so" + query.params(page - 1) : null,
                page < pages - 1 ? "/xa/ho-so" + query.params(page + 1) : null, links);
    }

    private static int parsePage(String raw) {
        try {
            return raw == null || raw.isBlank() ? 1 : Math.min(Integer.parseInt(raw.strip()), 1_000_000);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private Limits limits() {
        IntakeConfig.Limits l = config.limits();
        return new Limits(l.titleMin(), l.titleMax(), l.descriptionMin(), l.descriptionMax(), l.contactNameMax(),
                l.replyMax(), SubmissionValidator.COMMENT_MAX);
    }

    private static List<Option> kinds() {
        return Arrays.stream(CaseKind.values()).map(k -> new Option(k.name(), k.labelVi())).toList();
    }

    private static List<Option> urgencies() {
        return Arrays.stream(Urgency.values()).map(u -> new Option(u.name(), u.labelVi())).toList();
    }

}
