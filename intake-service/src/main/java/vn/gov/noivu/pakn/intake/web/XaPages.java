package vn.gov.noivu.pakn.intake.web;

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
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.events.CaseKind;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.intake.attachment.AttachmentStore;
import vn.gov.noivu.pakn.intake.client.SimilarCases;
import vn.gov.noivu.pakn.intake.config.IntakeConfig;
import vn.gov.noivu.pakn.intake.entity.Topic;
import vn.gov.noivu.pakn.intake.mapping.CasePage;
import vn.gov.noivu.pakn.intake.mapping.CaseView;
import vn.gov.noivu.pakn.intake.mapping.SubmitCaseRequest;
import vn.gov.noivu.pakn.intake.repository.ReferenceRepository;
import vn.gov.noivu.pakn.intake.security.Requester;
import vn.gov.noivu.pakn.intake.service.CaseAccess;
import vn.gov.noivu.pakn.intake.service.CaseService;
import vn.gov.noivu.pakn.intake.service.SubmissionValidator;

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

    public record Me(String name, int communeCode, String communeName) {
    }

    /** Attachment limits as the form shows them; {@code accept} is only a hint for the file picker. */
    public record Uploads(int maxFiles, String maxSize, String types, String accept) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance message(String heading, String text, boolean signIn);

        static native TemplateInstance list(Me me, CasePage page, String notice);

        static native TemplateInstance form(Me me, FormData form, List<Option> topics, List<Option> kinds,
                List<Option> urgencies, List<Problem.FieldError> errors, String error,
                SimilarCases.Result similar, boolean checked, Uploads uploads);

        static native TemplateInstance detail(Me me, CaseView c, boolean mayAct, String error);
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
    vn.gov.noivu.pakn.intake.rest.JsonBodies bodies;

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

    @GET
    @Path("/ho-so")
    public Response list(@QueryParam("status") List<String> status, @QueryParam("page") @DefaultValue("0") int pageNo,
            @QueryParam("thong-bao") String notice) {
        return withOfficial(me -> {
            CasePage page = cases.list(requester(), me.communeCode(), statuses(status), Math.max(0, pageNo), 50);
            return page(200, Templates.list(me, page, notice));
        });
    }

    @GET
    @Path("/ho-so/moi")
    public Response newForm() {
        return withOfficial(me -> page(200, Templates.form(me, emptyForm(), topics(), kinds(), urgencies(), List.of(),
                null, new SimilarCases.Result(List.of(), true), false, uploads())));
    }

    @POST
    @Path("/ho-so")
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED})
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
            if ("check".equals(action)) {
                String text = ((title == null ? "" : title) + " " + (description == null ? "" : description)).strip();
                SimilarCases.Result similar = similarCases.find(text, config.web().similarLimit(), caller.accessToken().orElse(null));
                return page(200, Templates.form(me, form, topics(), kinds(), urgencies(), List.of(), null, similar,
                        true, uploads()));
            }
            SubmitCaseRequest request = new SubmitCaseRequest(me.communeCode(), topic, kind, title, description,
                    urgency, new SubmitCaseRequest.Contact(contactName, contactPhone, contactEmail));
            List<AttachmentStore.Staged> staged = List.of();
            try {
                SubmitCaseRequest valid = validator.normaliseAndValidate(request);
                staged = store.stage(uploads(files));
                CaseService.Submitted s = cases.submit(requester(), valid, "web-" + key,
                        bodies.fingerprint(AttachmentStore.fingerprintSource(valid, staged)), staged);
                return Response.seeOther(URI.create("/xa/ho-so/" + s.caseId())).build();
            } catch (ProblemException e) {
                String message = e.getMessage();
                if (files != null && files.stream().anyMatch(f -> f.size() > 0)) {
                    message += ". Vui lòng chọn lại tệp đính kèm.";
                }
                return page(e.status(), Templates.form(me, form, topics(), kinds(), urgencies(), e.errors(),
                        message, new SimilarCases.Result(List.of(), true), false, uploads()));
            } finally {
                store.discard(staged);
            }
        });
    }

    @GET
    @Path("/ho-so/{id}")
    public Response detail(@PathParam("id") String id) {
        return withOfficial(me -> detailPage(me, id, 200, null));
    }

    @GET
    @Path("/ho-so/{id}/tep/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    public Response attachment(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        return withOfficial(me -> vn.gov.noivu.pakn.intake.rest.CaseResource.download(cases, requester(), id,
                attachmentId));
    }

    private Response detailPage(Me me, String id, int status, String error) {
        try {
            CaseView c = cases.get(requester(), CaseAccess.parseId(id));
            return page(status, Templates.detail(me, c, true, error));
        } catch (ProblemException e) {
            return page(e.status(), Templates.message(e.title(), e.getMessage(), false));
        }
    }

    @POST
    @Path("/ho-so/{id}/bo-sung")
    public Response reply(@HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @PathParam("id") String id, @FormParam("text") String text) {
        return action(origin, host, id, () -> cases.replyToInfoRequest(requester(), CaseAccess.parseId(id),
                validator.actionText("text", text)));
    }

    @POST
    @Path("/ho-so/{id}/chap-nhan")
    public Response accept(@HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @PathParam("id") String id) {
        return action(origin, host, id, () -> cases.acceptAnswer(requester(), CaseAccess.parseId(id)));
    }

    @POST
    @Path("/ho-so/{id}/mo-lai")
    public Response reopen(@HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @PathParam("id") String id, @FormParam("reason") String reason) {
        return action(origin, host, id, () -> cases.requestReopen(requester(), CaseAccess.parseId(id),
                validator.actionText("reason", reason)));
    }

    @POST
    @Path("/ho-so/{id}/cung-phan-anh")
    public Response support(@HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
            @PathParam("id") String id) {
        return withOfficial(me -> {
            checkOrigin(origin, host);
            try {
                CaseService.Supported s = cases.support(requester(), CaseAccess.parseId(id));
                String notice = "Xã đã cùng phản ánh hồ sơ " + s.code() + " (" + s.supporters() + " xã cùng phản ánh).";
                return Response.seeOther(URI.create("/xa/ho-so?thong-bao="
                        + java.net.URLEncoder.encode(notice, java.nio.charset.StandardCharsets.UTF_8))).build();
            } catch (ProblemException e) {
                return page(e.status(), Templates.message(e.title(), e.getMessage(), false));
            }
        });
    }

    private Response action(String origin, String host, String id, Runnable act) {
        return withOfficial(me -> {
            checkOrigin(origin, host);
            try {
                act.run();
                return Response.seeOther(URI.create("/xa/ho-so/" + CaseAccess.parseId(id))).build();
            } catch (ProblemException e) {
                if (e.status() == 404) {
                    return page(404, Templates.message(e.title(), e.getMessage(), false));
                }
                return detailPage(me, id, e.status(), e.getMessage());
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
                return page(401, Templates.message("Cần đăng nhập",
                        "Vui lòng đăng nhập để sử dụng trang dành cho cán bộ xã.", true));
            }
        } catch (AuthenticationFailedException e) {
            return page(401, Templates.message("Phiên đăng nhập không hợp lệ",
                    "Mã đăng nhập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.", true));
        }
        Requester r = requester();
        if (!r.isCommuneOfficial()) {
            return page(403, Templates.message("Không có quyền",
                    "Trang này dành cho cán bộ, công chức cấp xã.", false));
        }
        String communeName = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> reference.commune(r.communeCode()).map(c -> c.name).orElse("Xã " + r.communeCode()));
        try {
            return body.apply(new Me(r.name(), r.communeCode(), communeName));
        } catch (ProblemException e) {
            return page(e.status(), Templates.message(e.title(), e.getMessage(), false));
        }
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
            throw ProblemException.forbidden("yêu cầu gửi từ trang khác");
        }
    }

    private static Response page(int status, TemplateInstance t) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(t).build();
    }

    private FormData emptyForm() {
        return new FormData(null, CaseKind.DIFFICULTY.name(), Urgency.NORMAL.name(), null, null, null, null, null,
                UUID.randomUUID().toString());
    }

    private List<Option> topics() {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> reference.activeTopics().stream()
                .map((Topic t) -> new Option(t.code, t.code + " – " + t.name)).toList());
    }

    private static List<Option> kinds() {
        return Arrays.stream(CaseKind.values()).map(k -> new Option(k.name(), k.labelVi())).toList();
    }

    private static List<Option> urgencies() {
        return Arrays.stream(Urgency.values()).map(u -> new Option(u.name(), u.labelVi())).toList();
    }

    private static Set<vn.gov.noivu.pakn.events.CaseStatus> statuses(List<String> raw) {
        if (raw == null) {
            return Set.of();
        }
        return raw.stream().flatMap(s -> Arrays.stream(s.split(",")))
                .map(s -> SubmissionValidator.parse(vn.gov.noivu.pakn.events.CaseStatus.class, s))
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    }
}
