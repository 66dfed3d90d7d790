package vn.gov.noivu.pakn.search.web;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.gov.noivu.pakn.commons.problem.ProblemMappers;

/**
 * Browsers on the leaders' pages get a Vietnamese HTML page (how to sign in) instead of problem+json; every other
 * path keeps the shared RFC 9457 answers.
 */
public class UiExceptionMappers {

    private final ProblemMappers problems = new ProblemMappers();

    private static boolean ui(UriInfo uri) {
        return uri != null && uri.getPath().startsWith("/lanh-dao");
    }

    @ServerExceptionMapper(priority = 4000)
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        if (ui(uri)) {
            return page(401, "Bạn chưa đăng nhập hoặc phiên đã hết hạn. Mở đường dẫn đăng nhập do quản trị hệ thống cấp.");
        }
        return problems.unauthorized(e, uri);
    }

    @ServerExceptionMapper(priority = 4000)
    public Response authFailed(AuthenticationFailedException e, UriInfo uri) {
        if (ui(uri)) {
            return page(401, "Mã truy cập không hợp lệ hoặc đã hết hạn.");
        }
        return problems.authFailed(e, uri);
    }

    @ServerExceptionMapper(priority = 4000)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        if (ui(uri)) {
            return page(403, "Trang này dành cho lãnh đạo và cán bộ phụ trách.");
        }
        return problems.forbidden(e, uri);
    }

    private static Response page(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(LeaderPages.Templates.login(message).render()).build();
    }
}
