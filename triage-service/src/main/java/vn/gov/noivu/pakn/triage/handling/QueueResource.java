package vn.gov.noivu.pakn.triage.handling;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.triage.handling.CaseViews;
import vn.gov.noivu.pakn.triage.handling.QueueService;

@Path("/api/v1/queue")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queue")
public class QueueResource {

    @Inject
    Caller caller;
    @Inject
    QueueService queries;

    @GET
    @RolesAllowed({Identity.LIAISON, Identity.DEPARTMENT_HEAD, Identity.LEADER, Identity.ADMIN})
    @Operation(summary = "Cases of the caller's scope; state = open (default), unclaimed, mine, at-risk, overdue, "
            + "needs-info, escalated, answered, closed, all")
    public CaseViews.Queue queue(@QueryParam("province") Integer province, @QueryParam("state") String state,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return queries.queue(caller, province, state, page, size);
    }
}
