package vn.gov.noivu.pakn.triage.handling;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;

@Path("/api/v1/recurring-answers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "recurring answers")
public class RecurringAnswerResource {

    @Inject
    Caller caller;
    @Inject
    RecurringAnswerService service;

    @POST
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    @Operation(summary = "Answer every listed case the caller may act on with one answer (one ANSWERED event each); the optional "
            + "\"6 rõ\" (task, deliverable, dueAt, unitCode, authorityLevel) fill in what a case still lacks")
    public RecurringAnswerService.Result answer(@Valid ActionRequests.RecurringAnswer body) {
        ActionRequests.present(body);
        return service.answerAll(caller, body.caseIds(), body.answer(), body.recurringIssueId(),
                new RecurringAnswerService.SixClearDefaults(body.task(), body.deliverable(), body.dueAt(),
                        body.unitCode(), body.authorityLevel()));
    }
}
