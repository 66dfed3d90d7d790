package vn.gov.noivu.pakn.triage.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;

import java.net.URI;
import java.util.Set;

/**
 * Sign-in and sign-out of the liaison pages: the OIDC authorization code flow of the {@code web} tenant (quarkus-oidc,
 * client {@code pakn-web}, PKCE). The session lives in encrypted, HttpOnly cookies limited to {@code /can-bo}
 * (SameSite=Lax), so the JSON API, which takes bearer tokens only, never sees it.
 */
@Path("/can-bo")
@Produces(MediaType.TEXT_HTML)
public class LoginPage {

    static final Set<String> STAFF = Set.of(Identity.LIAISON, Identity.DEPARTMENT_HEAD, Identity.LEADER,
            Identity.ADMIN);

    static final String NO_PERMISSION = "Tài khoản không có quyền dùng trang cán bộ.";

    @Inject
    Caller caller;
    @Inject
    @Location("can-bo/dang-nhap.html")
    Template message;

    /**
     * Sign-in: the path is guarded by an HTTP permission (application.properties), so a browser without a session is
     * sent to the identity provider's login page and comes back here with one; then on to the queue. A signed-in user
     * without a staff role gets the "no permission" page.
     */
    @GET
    @Path("dang-nhap")
    public Response signIn() {
        if (caller.roles().stream().noneMatch(STAFF::contains)) {
            return forbidden(message);
        }
        return Response.seeOther(URI.create("/can-bo/hang-cho")).build();
    }

    /**
     * Sign-out. Authentication is lazy, so the session is read here: with one, quarkus-oidc answers this path (its
     * logout path) by ending the session and redirecting to the provider's logout; without one, straight to the page.
     */
    @GET
    @Path("dang-xuat")
    public Response signOut() {
        caller.authenticated();
        return Response.seeOther(URI.create("/can-bo/da-dang-xuat")).build();
    }

    /** Where the identity provider sends the browser after sign-out. */
    @GET
    @Path("da-dang-xuat")
    public Response signedOut() {
        return page(message, 200, "Đã đăng xuất", null, "Bạn đã đăng xuất khỏi trang cán bộ.", false);
    }

    /** The page for a visit without a (valid) session: "Cần đăng nhập", with the sign-in link. */
    static Response signInFirst(Template message, String text) {
        return page(message, 401, "Cần đăng nhập", null, text, false);
    }

    /** The page for a signed-in user the pages do not serve, with the sign-out link (to change account). */
    static Response forbidden(Template message) {
        return page(message, 403, "Không có quyền", NO_PERMISSION, null, true);
    }

    private static Response page(Template message, int status, String heading, String error, String text,
            boolean signedIn) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(message.data("heading", heading).data("error", error).data("text", text)
                        .data("signedIn", signedIn).render())
                .build();
    }
}
