package vn.gov.noivu.pakn.search.web;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.gov.noivu.pakn.commons.domain.DomainException;
import vn.gov.noivu.pakn.commons.problem.ProblemMappers;

/**
 * Browsers on the leaders' pages get a Vietnamese HTML page (with a sign-in or sign-out link) instead of
 * problem+json; every other path keeps the shared RFC 9457 answers.
 */
public class UiExceptionMappers {

    private final ProblemMappers problems = new ProblemMappers();

    private static boolean ui(UriInfo uri) {
        return uri != null && uri.getPath().startsWith("/lanh-dao");
    }

    @ServerExceptionMapper(priority = 4000)
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        if (ui(uri)) {
            return page(401, "Cần đăng nhập", "Bạn chưa đăng nhập hoặc phiên đã hết hạn.", true, false);
        }
        return problems.unauthorized(e, uri);
    }

    @ServerExceptionMapper(priority = 4000)
    public Response authFailed(AuthenticationFailedException e, UriInfo uri) {
        if (ui(uri)) {
            return page(401, "Phiên đăng nhập không hợp lệ",
                    "Phiên đăng nhập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.", true, false);
        }
        return problems.authFailed(e, uri);
    }

    @ServerExceptionMapper(priority = 4000)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        if (ui(uri)) {
            return page(403, "Không có quyền", "Trang này dành cho lãnh đạo và cán bộ phụ trách.", false, true);
        }
        return problems.forbidden(e, uri);
    }

    /** A problem on a page (not found, bad form input, conflict): a Vietnamese page, never problem+json. */
    @ServerExceptionMapper(priority = 4000)
    public Response problem(vn.gov.noivu.pakn.commons.problem.ProblemException e, UriInfo uri) {
        if (ui(uri)) {
            return page(e.status(), e.title(), e.getMessage() + (e.status() == 404 ? "."
                    : ". Vui lòng quay lại trang trước và thử lại."), false, false);
        }
        return problems.problem(e, uri);
    }

    /** A domain refusal on a page (not found, bad form input, conflict): the same Vietnamese page. */
    @ServerExceptionMapper(priority = 4000)
    public Response domain(DomainException e, UriInfo uri) {
        if (ui(uri)) {
            int status = ProblemMappers.status(e);
            return page(status, e.title(), e.getMessage() + (status == 404 ? "."
                    : ". Vui lòng quay lại trang trước và thử lại."), false, false);
        }
        return problems.domain(e, uri);
    }

    private static Response page(int status, String heading, String message, boolean signIn, boolean signOut) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(LeaderPages.Templates.message(heading, message, signIn, signOut).render()).build();
    }
}
