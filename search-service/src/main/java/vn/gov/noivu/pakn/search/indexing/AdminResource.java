package vn.gov.noivu.pakn.search.indexing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.contract.Identity;

import java.net.URI;

/** Index administration: rebuild from the event history with an atomic alias swap, and indexing status. */
@Path("/api/v1/admin")
@RolesAllowed(Identity.ADMIN)
@Tag(name = "admin")
public class AdminResource {

    @Inject
    RebuildService rebuild;

    @Inject
    IndexingStatus status;

    @Inject
    IndexManager indices;

    @POST
    @Path("/rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dựng lại chỉ mục từ lịch sử sự kiện rồi chuyển alias (tìm kiếm vẫn hoạt động)")
    public Response start() {
        RebuildService.Job job = rebuild.start();
        return Response.accepted(job).location(URI.create("/api/v1/admin/rebuild")).build();
    }

    @GET
    @Path("/rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    public RebuildService.Job job() {
        RebuildService.Job job = rebuild.status();
        if (job == null) {
            throw ProblemException.notFound("Lần dựng lại chỉ mục");
        }
        return job;
    }

    public record IndexStatus(IndexingStatus.Snapshot consumer, java.util.Map<String, java.util.List<String>> indices) {
    }

    @GET
    @Path("/index")
    @Produces(MediaType.APPLICATION_JSON)
    public IndexStatus index() throws java.io.IOException {
        return new IndexStatus(status.snapshot(), indices.indices().aliasesByIndex());
    }

    @Inject
    vn.gov.noivu.pakn.search.issues.IssueMaintenance maintenance;

    @POST
    @Path("/recurring-issues/repair")
    @Produces(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Chạy ngay một lượt sửa nhóm vấn đề lặp lại (thường chạy định kỳ)")
    public vn.gov.noivu.pakn.search.issues.IssueMaintenance.Pass repair() {
        return maintenance.run(java.time.Duration.ZERO);
    }
}
