package vn.gov.noivu.pakn.search.issues;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;

import java.util.List;

/**
 * Curation of recurring issues by leaders (every issue) and department heads (issues of their unit; others are 404).
 * Every action is audited (GET .../audit) and binds later automatic assignment.
 */
@Path("/api/v1/recurring-issues/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Identity.LEADER, Identity.DEPARTMENT_HEAD})
@Tag(name = "analysis")
public class RecurringIssueResource {

    @Inject
    IssueCuration curation;

    @Inject
    Caller caller;

    public record LabelBody(@Size(max = 300) String label) {
    }

    public record RequiredLabel(@NotBlank @Size(max = 300) String label) {
    }

    public record Reason(@Size(max = 2000) String reason) {
    }

    public record IssueIds(@NotEmpty @Size(max = 50) List<@NotBlank String> issueIds) {
    }

    public record Split(@NotEmpty @Size(max = 1000) List<@NotBlank String> caseIds, @NotBlank @Size(max = 300) String label) {
    }

    public record CaseRef(@NotBlank String caseId) {
    }

    @Inject
    vn.gov.noivu.pakn.search.issues.RecurringIssueService recurring;

    @Inject
    vn.gov.noivu.pakn.search.issues.IssueAnswers answers;

    /** The answer of a recurring issue with its "6 rõ"; dueDate yyyy-MM-dd (or dd/MM/yyyy), authority level's name. */
    public record PublishAnswer(@Size(max = 20000) String text, @Size(max = 2000) String task,
            @Size(max = 2000) String deliverable, String dueDate, String unitCode, String authorityLevel) {
    }

    @GET
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    @Operation(summary = "Một vấn đề lặp lại: tỉnh, xã, xu hướng theo tuần, trạng thái hồ sơ, đơn vị chủ trì")
    public vn.gov.noivu.pakn.search.issues.RecurringIssueService.Group issue(@PathParam("id") String id) {
        return recurring.group(id, vn.gov.noivu.pakn.search.query.Scope.of(caller));
    }

    @GET
    @Path("/cases")
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    @Operation(summary = "Các hồ sơ của một vấn đề lặp lại (mới nhất trước)")
    public vn.gov.noivu.pakn.search.issues.RecurringIssueService.Members cases(@PathParam("id") String id,
            @jakarta.ws.rs.QueryParam("page") Integer page, @jakarta.ws.rs.QueryParam("size") Integer size) {
        vn.gov.noivu.pakn.search.query.Scope scope = vn.gov.noivu.pakn.search.query.Scope.of(caller);
        recurring.group(id, scope); // 404 outside the caller's scope
        return recurring.members(id, scope, page == null ? 1 : page, size == null ? 20 : size);
    }

    @POST
    @Path("/confirm")
    @Operation(summary = "Xác nhận vấn đề lặp lại (có thể kèm tên mới)")
    public RecurringIssue confirm(@PathParam("id") String id, @jakarta.validation.Valid LabelBody body) {
        return curation.confirm(caller, id, body == null ? null : body.label());
    }

    @PUT
    @Path("/label")
    @Operation(summary = "Đổi tên vấn đề lặp lại")
    public RecurringIssue rename(@PathParam("id") String id, @jakarta.validation.Valid RequiredLabel body) {
        return curation.rename(caller, id, body == null ? null : body.label());
    }

    @POST
    @Path("/dismiss")
    @Operation(summary = "Loại bỏ (không phải vấn đề lặp lại); hồ sơ tương tự về sau không nổi lên nữa")
    public RecurringIssue dismiss(@PathParam("id") String id, @jakarta.validation.Valid Reason body) {
        return curation.dismiss(caller, id, body == null ? null : body.reason());
    }

    @POST
    @Path("/merge")
    @Operation(summary = "Gộp các vấn đề khác vào vấn đề này")
    public RecurringIssue merge(@PathParam("id") String id, @jakarta.validation.Valid IssueIds body) {
        return curation.merge(caller, id, body == null ? null : body.issueIds());
    }

    @POST
    @Path("/split")
    @Operation(summary = "Tách các hồ sơ đã chọn sang một vấn đề mới")
    public RecurringIssue split(@PathParam("id") String id, @jakarta.validation.Valid Split body) {
        return curation.split(caller, id, body == null ? null : body.caseIds(), body == null ? null : body.label());
    }

    @POST
    @Path("/cases")
    @Operation(summary = "Đưa một hồ sơ vào vấn đề này")
    public RecurringIssue moveIn(@PathParam("id") String id, @jakarta.validation.Valid CaseRef body) {
        return curation.moveIn(caller, id, body == null ? null : body.caseId());
    }

    @DELETE
    @Path("/cases/{caseId}")
    @Operation(summary = "Đưa một hồ sơ ra khỏi vấn đề này (không bao giờ tự động quay lại)")
    public Response moveOut(@PathParam("id") String id, @PathParam("caseId") String caseId) {
        curation.moveOut(caller, id, caseId);
        return Response.noContent().build();
    }

    @POST
    @Path("/answer")
    @Operation(summary = "Công bố (hoặc công bố lại) trả lời chung có \"6 rõ\" cho vấn đề; hệ thống xử lý trả lời mọi "
            + "hồ sơ đang mở của vấn đề mà người công bố được trả lời")
    public RecurringIssue.Answer publishAnswer(@PathParam("id") String id,
            @jakarta.validation.Valid PublishAnswer body) {
        if (body == null) {
            throw vn.gov.noivu.pakn.commons.problem.ProblemException.invalid("body", "cần nội dung JSON");
        }
        return answers.publish(caller, id, new vn.gov.noivu.pakn.search.issues.IssueAnswers.Draft(body.text(),
                body.task(), body.deliverable(), body.dueDate(), body.unitCode(), body.authorityLevel()));
    }

    @GET
    @Path("/audit")
    @RolesAllowed({Identity.LEADER, Identity.DEPARTMENT_HEAD, Identity.ADMIN})
    @Operation(summary = "Nhật ký chỉnh sửa vấn đề lặp lại (ai, khi nào, làm gì)")
    public List<IssueStore.AuditEntry> audit(@PathParam("id") String id) {
        return curation.audit(caller, id);
    }
}
