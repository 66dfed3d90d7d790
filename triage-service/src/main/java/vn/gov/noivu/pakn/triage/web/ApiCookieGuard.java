package vn.gov.noivu.pakn.triage.web;

import org.eclipse.microprofile.config.ConfigProvider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import vn.gov.noivu.pakn.commons.problem.Problem;
import vn.gov.noivu.pakn.commons.problem.ProblemMappers;

import java.net.URI;
import java.util.List;

/**
 * The page cookie is a credential of the pages only: the JSON API takes bearer tokens from the Authorization header,
 * so a request to {@code /api/} carrying the page cookie is refused (no cookie-authenticated API call, hence no CSRF
 * on the API).
 */
public class ApiCookieGuard {

    @ServerRequestFilter(preMatching = true)
    public Response guard(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/api/") && request.getCookies().containsKey(ConfigProvider.getConfig()
                .getOptionalValue("pakn.triage.web.token-cookie", String.class).orElse("pakn_token"))) {
            return ProblemMappers.response(new Problem(Problem.type("unauthorized"), "Chưa xác thực", 401,
                    "API chỉ nhận bearer token trong header Authorization", URI.create(path), List.of()));
        }
        return null;
    }
}
