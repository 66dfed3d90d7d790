package vn.gov.noivu.pakn.commons.tracing;

import io.opentelemetry.api.trace.Span;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.MDC;

import java.util.List;
import java.util.UUID;

/**
 * The case a request addresses ({@code /api/v1/cases/{id}/…}, {@code /xa/ho-so/{id}}, {@code /can-bo/ho-so/{id}/…},
 * a {@code {caseId}} parameter) goes into the log MDC as {@code caseId}, next to the {@code traceId} and
 * {@code spanId} quarkus-opentelemetry puts there, and onto the request's span as {@code pakn.case.id} (so Zipkin
 * finds the request by case id). Other {@code {id}} parameters (liaisons, recurring issues, notifications) are not
 * cases and are left alone.
 */
@Provider
public class CaseIdInLogs implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String MDC_KEY = "caseId";
    public static final String SPAN_ATTRIBUTE = "pakn.case.id";

    private static final List<String> CASE_COLLECTIONS = List.of("cases", "ho-so");

    @Override
    public void filter(ContainerRequestContext request) {
        String caseId = caseId(request.getUriInfo().getPathSegments(),
                request.getUriInfo().getPathParameters().getFirst("caseId"),
                request.getUriInfo().getPathParameters().getFirst("id"));
        if (caseId != null) {
            MDC.put(MDC_KEY, caseId);
            Span.current().setAttribute(SPAN_ATTRIBUTE, caseId);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MDC.remove(MDC_KEY);
    }

    /** The case id of a request path, or null: a UUID that follows a {@code cases} or {@code ho-so} segment. */
    static String caseId(List<PathSegment> segments, String caseIdParam, String idParam) {
        if (isUuid(caseIdParam)) {
            return caseIdParam;
        }
        if (!isUuid(idParam)) {
            return null;
        }
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).getPath().equals(idParam) && CASE_COLLECTIONS.contains(segments.get(i - 1).getPath())) {
                return idParam;
            }
        }
        return null;
    }

    private static boolean isUuid(String s) {
        if (s == null || s.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
