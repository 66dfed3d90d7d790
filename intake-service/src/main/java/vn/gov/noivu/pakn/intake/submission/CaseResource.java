package vn.gov.noivu.pakn.intake.submission;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.multipart.FileItem;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.intake.attachment.AttachmentStore;
import vn.gov.noivu.pakn.intake.attachment.ContentDisposition;
import vn.gov.noivu.pakn.intake.attachment.AttachmentTypes;
import vn.gov.noivu.pakn.intake.config.IntakeConfig;
import vn.gov.noivu.pakn.intake.security.Requester;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Cases: submit, list, read, and the commune's actions. Errors are RFC 9457 problem+json. */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "cases", description = "Hồ sơ phản ánh, kiến nghị của xã")
public class CaseResource {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    public record InfoReply(String text) {
    }

    public record ReopenRequest(String reason) {
    }

    /** Body of {@code POST /api/v1/cases/{id}/accept} (optional): the commune's satisfaction with the answer. */
    public record AcceptRequest(Integer rating, String comment) {
    }

    /** Multipart part names of {@code POST /api/v1/cases/{id}/info-replies}. */
    public static final String PART_REPLY = "reply";

    @Inject
    Caller caller;

    @Inject
    CaseService service;

    @Inject
    SubmissionValidator validator;

    @Inject
    JsonBodies bodies;

    @Inject
    IntakeConfig config;

    @Inject
    AttachmentStore store;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Identity.COMMUNE_OFFICIAL, Identity.ADMIN})
    @Operation(summary = "Gửi phản ánh, kiến nghị cho xã của mình",
            description = "201 với Location và hồ sơ (id, code PAKN-<năm>-<số>). Idempotency-Key: gửi lại cùng khóa "
                    + "và cùng nội dung trả lại kết quả đầu tiên; cùng khóa khác nội dung: 422. Nhập hồ sơ cũ "
                    + "(chỉ quản trị): receivedAt = thời điểm xã gửi trước khi có hệ thống, cho bất kỳ xã nào; "
                    + "từ 01/07/2025 đến hiện tại (400 invalid-received-at), người khác: 403 import-not-allowed.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SubmitCaseRequest.class)))
    public Response submit(byte[] body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        String key = checkKey(idempotencyKey);
        SubmitCaseRequest request = validator.normaliseAndValidate(bodies.read(body, SubmitCaseRequest.class));
        return created(service.submit(Requester.of(caller), request, key, bodies.fingerprint(request)));
    }

    /** Multipart part names of {@code POST /api/v1/cases}. */
    public static final String PART_CASE = "case";
    public static final String PART_FILES = "files";
    private static final int CASE_PART_MAX = 1 << 20;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Identity.COMMUNE_OFFICIAL)
    @Operation(summary = "Gửi phản ánh, kiến nghị kèm tệp đính kèm (multipart/form-data)",
            description = "Phần `case`: JSON của hồ sơ (như biến thể JSON, UTF-8). Phần `files` (0 đến "
                    + "pakn.intake.attachments.max-per-case, mặc định 5): mỗi tệp tối đa "
                    + "pakn.intake.attachments.max-bytes (mặc định 10 MB); loại tệp được xác định từ nội dung (PDF, "
                    + "PNG, JPEG, DOCX, XLSX, văn bản UTF-8), không theo tên hay Content-Type. Quá nhiều tệp: 422 "
                    + "too-many-attachments; tệp quá lớn: 413 attachment-too-large; loại không được phép: 415 "
                    + "attachment-type-not-allowed. Idempotency-Key như biến thể JSON (nội dung và các tệp).")
    public Response submitMultipart(MultipartFormDataInput input, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        String key = checkKey(idempotencyKey);
        Map<String, Collection<FormValue>> parts = input == null ? Map.of() : input.getValues();
        for (String name : parts.keySet()) {
            if (!PART_CASE.equals(name) && !PART_FILES.equals(name)) {
                throw ProblemException.badRequest("unknown-part", "phần \"" + name
                        + "\" không được hỗ trợ; chỉ có \"case\" (JSON của hồ sơ) và \"files\" (tệp đính kèm)");
            }
        }
        Collection<FormValue> caseParts = parts.getOrDefault(PART_CASE, List.of());
        if (caseParts.size() != 1) {
            throw ProblemException.badRequest("missing-case-part",
                    "cần đúng một phần \"case\" chứa JSON của hồ sơ (UTF-8)");
        }
        SubmitCaseRequest request = validator.normaliseAndValidate(
                bodies.read(partBytes(caseParts.iterator().next(), PART_CASE), SubmitCaseRequest.class));
        List<AttachmentStore.Staged> staged = store.stage(uploads(parts.getOrDefault(PART_FILES, List.of())));
        try {
            CaseService.Submitted s = service.submit(Requester.of(caller), request, key,
                    bodies.fingerprint(AttachmentStore.fingerprintSource(request, staged)), staged);
            return created(s);
        } finally {
            store.discard(staged);
        }
    }

    /** The JSON of a part ({@code case}, {@code reply}), as sent: a file part is read raw; a text part must not have lost bytes. */
    private static byte[] partBytes(FormValue part, String name) {
        if (part.isFileItem()) {
            try (InputStream in = part.getFileItem().getInputStream()) {
                byte[] bytes = in.readNBytes(CASE_PART_MAX + 1);
                if (bytes.length > CASE_PART_MAX) {
                    throw new ProblemException(413, name + "-part-too-large", "Nội dung quá lớn",
                            "phần \"" + name + "\" vượt quá " + AttachmentStore.humanSize(CASE_PART_MAX));
                }
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String value = part.getValue() == null ? "" : part.getValue();
        if (value.indexOf('\uFFFD') >= 0) {
            // decoded by the multipart parser with replacement characters: the bytes were not valid UTF-8
            throw ProblemException.badRequest("invalid-utf8", "phần \"" + name + "\" không phải văn bản UTF-8 hợp lệ");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code files} parts; a part without file name and without content (an empty file input) is skipped. */
    private static List<AttachmentStore.Upload> uploads(Collection<FormValue> parts) {
        List<AttachmentStore.Upload> uploads = new ArrayList<>();
        for (FormValue v : parts) {
            if (!v.isFileItem()) {
                throw ProblemException.badRequest("invalid-part",
                        "mỗi phần \"files\" phải là một tệp (Content-Disposition có filename)");
            }
            FileItem item = v.getFileItem();
            long size;
            try {
                size = item.getFileSize();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if ((v.getFileName() == null || v.getFileName().isBlank()) && size == 0) {
                continue;
            }
            uploads.add(new AttachmentStore.Upload(v.getFileName(), size, item::getInputStream));
        }
        return uploads;
    }

    private static Response created(CaseService.Submitted s) {
        Response.ResponseBuilder rb = Response.status(s.status()).location(URI.create(s.location()))
                .type(MediaType.APPLICATION_JSON).entity(s.body());
        if (s.replayed()) {
            rb.header("Idempotent-Replayed", "true");
        }
        return rb.build();
    }

    @GET
    @Path("/{id}/attachments/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Tải tệp đính kèm của hồ sơ",
            description = "Cùng quy tắc truy cập như hồ sơ (ngoài phạm vi: 404). Trả về đúng loại nội dung đã lưu, "
                    + "Content-Disposition: attachment (tên tệp tiếng Việt theo RFC 5987), X-Content-Type-Options: "
                    + "nosniff.")
    public Response download(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        return download(service, Requester.of(caller), id, attachmentId);
    }

    /** The attachment's bytes for a requester allowed to see the case (else 404), as the API and the pages serve it. */
    public static Response download(CaseService service, Requester requester, String id, String attachmentId) {
        UUID caseId = CaseAccess.parseId(id);
        UUID fileId;
        try {
            fileId = UUID.fromString(attachmentId);
        } catch (RuntimeException e) {
            throw ProblemException.notFound("tệp đính kèm");
        }
        CaseService.AttachmentFile f = service.attachment(requester, caseId, fileId);
        String type = AttachmentTypes.TEXT.equals(f.contentType()) ? f.contentType() + ";charset=UTF-8"
                : f.contentType();
        return Response.ok(f.path().toFile()).type(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment(f.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header("Repr-Digest", "sha-256=:" + java.util.Base64.getEncoder()
                        .encodeToString(java.util.HexFormat.of().parseHex(f.sha256())) + ":")
                .build();
    }

    private String checkKey(String key) {
        if (key == null) {
            return null;
        }
        String k = key.strip();
        if (k.isEmpty() || k.length() > config.limits().idempotencyKeyMax() || !k.chars().allMatch(ch -> ch > 32 && ch < 127)) {
            throw ProblemException.badRequest("invalid-idempotency-key",
                    "Idempotency-Key phải gồm 1 đến " + config.limits().idempotencyKeyMax() + " ký tự ASCII in được");
        }
        return k;
    }

    @GET
    @Operation(summary = "Danh sách hồ sơ trong phạm vi của người gọi",
            description = "Cán bộ xã: chỉ xã mình; liên lạc viên: các tỉnh phụ trách; lãnh đạo, quản trị: tất cả. "
                    + "status: một hoặc nhiều trạng thái (lặp tham số hoặc phân cách bằng dấu phẩy).")
    public CasePage list(@QueryParam("commune") Integer commune, @QueryParam("status") List<String> status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        if (page < 0) {
            throw ProblemException.invalid("page", "phải >= 0");
        }
        if (size < 1 || size > 200) {
            throw ProblemException.invalid("size", "từ 1 đến 200");
        }
        return service.list(Requester.of(caller), commune, statuses(status), page, size);
    }

    static Set<CaseStatus> statuses(List<String> raw) {
        Set<CaseStatus> set = EnumSet.noneOf(CaseStatus.class);
        if (raw != null) {
            for (String part : raw) {
                for (String s : part.split(",")) {
                    if (s.isBlank()) {
                        continue;
                    }
                    CaseStatus st = SubmissionValidator.parse(CaseStatus.class, s);
                    if (st == null) {
                        throw ProblemException.invalid("status", "trạng thái không hợp lệ: " + s.strip());
                    }
                    set.add(st);
                }
            }
        }
        return set;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Một hồ sơ với dòng thời gian; ngoài phạm vi: 404")
    public CaseView get(@PathParam("id") String id) {
        return service.get(Requester.of(caller), CaseAccess.parseId(id));
    }

    @POST
    @Path("/{id}/info-replies")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Identity.COMMUNE_OFFICIAL)
    @Operation(summary = "Xã bổ sung thông tin theo yêu cầu (INFO_PROVIDED); không có yêu cầu đang mở: 409")
    public CaseView infoReply(@PathParam("id") String id, InfoReply reply) {
        String text = validator.actionText("text", reply == null ? null : reply.text());
        return service.replyToInfoRequest(Requester.of(caller), CaseAccess.parseId(id), text);
    }

    @POST
    @Path("/{id}/info-replies")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Identity.COMMUNE_OFFICIAL)
    @Operation(summary = "Xã bổ sung thông tin kèm tệp (multipart/form-data, INFO_PROVIDED)",
            description = "Phần `reply`: JSON {\"text\": \"...\"} (UTF-8). Phần `files`: như khi gửi hồ sơ (0 đến "
                    + "pakn.intake.attachments.max-per-case tệp, mỗi tệp tối đa pakn.intake.attachments.max-bytes, "
                    + "loại xác định từ nội dung; quá nhiều tệp: 422, tệp quá lớn: 413, loại không được phép: 415). "
                    + "Các tệp được thêm vào hồ sơ và có trong sự kiện INFO_PROVIDED (data.attachments).")
    public CaseView infoReplyMultipart(@PathParam("id") String id, MultipartFormDataInput input) {
        Map<String, Collection<FormValue>> parts = input == null ? Map.of() : input.getValues();
        for (String name : parts.keySet()) {
            if (!PART_REPLY.equals(name) && !PART_FILES.equals(name)) {
                throw ProblemException.badRequest("unknown-part", "phần \"" + name
                        + "\" không được hỗ trợ; chỉ có \"reply\" (JSON của thông tin bổ sung) và \"files\" (tệp đính kèm)");
            }
        }
        Collection<FormValue> replyParts = parts.getOrDefault(PART_REPLY, List.of());
        if (replyParts.size() != 1) {
            throw ProblemException.badRequest("missing-reply-part",
                    "cần đúng một phần \"reply\" chứa JSON của thông tin bổ sung (UTF-8)");
        }
        InfoReply reply = bodies.read(partBytes(replyParts.iterator().next(), PART_REPLY), InfoReply.class);
        String text = validator.actionText("text", reply == null ? null : reply.text());
        List<AttachmentStore.Staged> staged = store.stage(uploads(parts.getOrDefault(PART_FILES, List.of())));
        try {
            return service.replyToInfoRequest(Requester.of(caller), CaseAccess.parseId(id), text, staged);
        } finally {
            store.discard(staged);
        }
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed(Identity.COMMUNE_OFFICIAL)
    @Operation(summary = "Xã chấp nhận câu trả lời (ANSWER_ACCEPTED); chưa được trả lời: 409",
            description = "Nội dung (không bắt buộc): JSON {\"rating\": 1..5, \"comment\": \"...\"} — mức độ hài lòng "
                    + "với câu trả lời và nhận xét (tối đa 2.000 ký tự); có trong sự kiện ANSWER_ACCEPTED "
                    + "(data.satisfaction).")
    public CaseView accept(@PathParam("id") String id, byte[] body) {
        Integer rating = null;
        String comment = null;
        if (body != null && !JsonBodies.utf8(body).isBlank()) {
            AcceptRequest a = bodies.read(body, AcceptRequest.class);
            rating = a == null || a.rating() == null ? null : validator.rating(a.rating().toString());
            comment = a == null ? null : validator.comment(a.comment());
            if (rating == null && comment != null) {
                throw ProblemException.invalid("rating", "cần mức độ hài lòng (1 đến 5) khi có nhận xét");
            }
        }
        return service.acceptAnswer(Requester.of(caller), CaseAccess.parseId(id), rating, comment);
    }

    @POST
    @Path("/{id}/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Identity.COMMUNE_OFFICIAL)
    @Operation(summary = "Xã đề nghị xem xét lại với lý do (REOPEN_REQUESTED); chưa được trả lời: 409")
    public CaseView reopen(@PathParam("id") String id, ReopenRequest request) {
        String reason = validator.actionText("reason", request == null ? null : request.reason());
        return service.requestReopen(Requester.of(caller), CaseAccess.parseId(id), reason);
    }

    @POST
    @Path("/{id}/support")
    @RolesAllowed(Identity.COMMUNE_OFFICIAL)
    @Operation(summary = "Cùng phản ánh (\"me too\"): một xã khác tham gia hồ sơ đã có (SUPPORTED)")
    public CaseService.Supported support(@PathParam("id") String id) {
        return service.support(Requester.of(caller), CaseAccess.parseId(id));
    }
}
