package vn.gov.noivu.pakn.intake.rest;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.intake.config.IntakeConfig;
import vn.gov.noivu.pakn.intake.mapping.CasePage;
import vn.gov.noivu.pakn.intake.mapping.CaseView;
import vn.gov.noivu.pakn.intake.mapping.SubmitCaseRequest;
import vn.gov.noivu.pakn.intake.security.Requester;
import vn.gov.noivu.pakn.intake.service.CaseAccess;
import vn.gov.noivu.pakn.intake.service.CaseService;
import vn.gov.noivu.pakn.intake.service.SubmissionValidator;

import java.net.URI;
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

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Identity.COMMUNE_OFFICIAL)
    @Operation(summary = "Gửi phản ánh, kiến nghị cho xã của mình",
            description = "201 với Location và hồ sơ (id, code PAKN-<năm>-<số>). Idempotency-Key: gửi lại cùng khóa "
                    + "và cùng nội dung trả lại kết quả đầu tiên; cùng khóa khác nội dung: 422.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SubmitCaseRequest.class)))
    public Response submit(byte[] body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        String key = checkKey(idempotencyKey);
        SubmitCaseRequest request = validator.normaliseAndValidate(bodies.read(body, SubmitCaseRequest.class));
        CaseService.Submitted s = service.submit(Requester.of(caller), request, key, bodies.fingerprint(request));
        Response.ResponseBuilder rb = Response.status(s.status()).location(URI.create(s.location()))
                .type(MediaType.APPLICATION_JSON).entity(s.body());
        if (s.replayed()) {
            rb.header("Idempotent-Replayed", "true");
        }
        return rb.build();
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
    @Path("/{id}/accept")
    @RolesAllowed(Identity.COMMUNE_OFFICIAL)
    @Operation(summary = "Xã chấp nhận câu trả lời (ANSWER_ACCEPTED); chưa được trả lời: 409")
    public CaseView accept(@PathParam("id") String id) {
        return service.acceptAnswer(Requester.of(caller), CaseAccess.parseId(id));
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
