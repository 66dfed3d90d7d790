package vn.gov.noivu.pakn.search.issues;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;

/**
 * The published answer of the recurring issue a case belongs to: triage's case page shows it to the case's liaison as
 * a suggested answer. The case must be in the caller's scope (a liaison: its provinces); 404 otherwise and when the
 * case's issue has no published answer.
 */
@Path("/api/v1/recurring-issues/by-case/{caseId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "analysis")
public class IssueAnswerResource {

    @Inject
    IssueAnswers answers;

    @Inject
    Caller caller;

    @GET
    @Path("/answer")
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    @Operation(summary = "Trả lời chung đã công bố của vấn đề lặp lại chứa hồ sơ (gợi ý trả lời cho cán bộ)")
    public IssueAnswers.CaseAnswer answer(@PathParam("caseId") String caseId) {
        return answers.forCase(caller, caseId)
                .orElseThrow(() -> ProblemException.notFound("trả lời chung của vấn đề chứa hồ sơ " + caseId));
    }
}
