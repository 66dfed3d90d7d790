package vn.gov.noivu.pakn.triage.handling;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.triage.handling.CaseViews;
import vn.gov.noivu.pakn.triage.handling.CaseService;
import vn.gov.noivu.pakn.triage.handling.QueueService;

/** A case: its page (timeline, 6 rõ, SLA) and the liaison's actions. Out-of-scope cases answer 404. */
@Path("/api/v1/cases/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "cases")
public class CaseResource {

    @Inject
    Caller caller;
    @Inject
    CaseService service;
    @Inject
    QueueService queries;

    @GET
    @RolesAllowed({Identity.LIAISON, Identity.DEPARTMENT_HEAD, Identity.LEADER, Identity.ADMIN})
    @Operation(summary = "Case with timeline, the 6 rõ (and which are missing) and SLA")
    public CaseViews.CaseDetail get(@PathParam("id") String id) {
        return queries.detail(caller, id);
    }

    @POST
    @Path("claim")
    @Consumes(MediaType.WILDCARD) // no body: a bare POST is enough
    @RolesAllowed({Identity.LIAISON, Identity.ADMIN})
    @Operation(summary = "Claim an unclaimed case (concurrent claims: one wins, the others get 409)")
    public CaseViews.CaseDetail claim(@PathParam("id") String id) {
        return queries.detail(service.claim(caller, id));
    }

    @POST
    @Path("answer")
    @RolesAllowed({Identity.LIAISON, Identity.DEPARTMENT_HEAD, Identity.ADMIN})
    @Operation(summary = "Answer the case (422 while one of the 6 rõ is missing)")
    public CaseViews.CaseDetail answer(@PathParam("id") String id, @Valid ActionRequests.Answer body) {
        ActionRequests.present(body);
        return queries.detail(service.answer(caller, id, body.answer()));
    }

    @POST
    @Path("request-info")
    @RolesAllowed({Identity.LIAISON, Identity.DEPARTMENT_HEAD, Identity.ADMIN})
    @Operation(summary = "Ask the commune for information; the SLA clock pauses until it replies")
    public CaseViews.CaseDetail requestInfo(@PathParam("id") String id,
            @Valid ActionRequests.RequestInfo body) {
        ActionRequests.present(body);
        return queries.detail(service.requestInfo(caller, id, body.question()));
    }

    @POST
    @Path("escalate")
    @RolesAllowed({Identity.LIAISON, Identity.DEPARTMENT_HEAD, Identity.ADMIN})
    @Operation(summary = "Escalate beyond authority to a typed level (and unit), with a reason")
    public CaseViews.CaseDetail escalate(@PathParam("id") String id, @Valid ActionRequests.Escalate body) {
        ActionRequests.present(body);
        return queries.detail(service.escalate(caller, id, body.target(), body.targetUnit(), body.reason()));
    }

    @POST
    @Path("handover")
    @RolesAllowed({Identity.LIAISON, Identity.ADMIN})
    @Operation(summary = "Hand the case over to another liaison of the province, with a reason (counted)")
    public CaseViews.CaseDetail handover(@PathParam("id") String id, @Valid ActionRequests.Handover body) {
        ActionRequests.present(body);
        return queries.detail(service.handover(caller, id, body.toLiaisonId(), body.reason()));
    }

    @POST
    @Path("release")
    @RolesAllowed({Identity.LIAISON, Identity.ADMIN})
    @Operation(summary = "Return the case to the province queue, with a reason (counted)")
    public CaseViews.CaseDetail release(@PathParam("id") String id, @Valid ActionRequests.Release body) {
        ActionRequests.present(body);
        return queries.detail(service.release(caller, id, body.reason()));
    }

    @POST
    @Path("assign")
    @RolesAllowed({Identity.LIAISON, Identity.DEPARTMENT_HEAD, Identity.ADMIN})
    @Operation(summary = "Set 6 rõ fields: task, deliverable, due date, responsible unit, authority level")
    public CaseViews.CaseDetail assign(@PathParam("id") String id, @Valid ActionRequests.Assign body) {
        ActionRequests.present(body);
        return queries.detail(service.assign(caller, id, new CaseService.Assignment(body.task(), body.deliverable(),
                body.dueAt(), body.unitCode(), body.authorityLevel(), body.reason())));
    }
}
