package vn.gov.noivu.pakn.intake.submission;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.gov.noivu.pakn.commons.problem.ProblemMappers;

/** 429 as problem+json with {@code Retry-After}, so clients know when to try again. */
public class RateLimitMapper {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response rateLimited(CaseService.RateLimitedException e, UriInfo uri) {
        return Response.fromResponse(problems.problem(e, uri))
                .header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds()))).build();
    }
}
