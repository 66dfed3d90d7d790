package vn.gov.noivu.pakn.triage.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.triage.config.TriageConfig;

import java.net.URI;
import java.util.Set;

/**
 * Browser sign-in, temporary until the identity issue: {@code /can-bo/dang-nhap?token=...} verifies the bearer token
 * (signature, issuer, expiry) and keeps it in an HttpOnly cookie scoped to the pages ({@code Path=/can-bo}), so the
 * JSON API never accepts it from a cookie.
 */
@Path("/can-bo")
public class LoginPage {

    private static final Logger LOG = Logger.getLogger(LoginPage.class);
    static final Set<String> STAFF = Set.of(Identity.LIAISON, Identity.DEPARTMENT_HEAD, Identity.LEADER,
            Identity.ADMIN);

    @Inject
    JWTParser parser;
    @Inject
    TriageConfig config;
    @Inject
    @Location("can-bo/dang-nhap.html")
    Template login;

    @GET
    @Path("dang-nhap")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@QueryParam("token") String token) {
        if (token == null || token.isBlank()) {
            return Response.ok(login.data("error", null).render()).build();
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token.strip());
        } catch (ParseException e) {
            LOG.debugf("sign-in refused: %s", e.getMessage());
            return Response.status(401).entity(login.data("error", "Mã đăng nhập không hợp lệ hoặc đã hết hạn.")
                    .render()).type(MediaType.TEXT_HTML).build();
        }
        if (jwt.getGroups() == null || jwt.getGroups().stream().noneMatch(STAFF::contains)) {
            return Response.status(403).entity(login.data("error", "Tài khoản không có quyền dùng trang cán bộ.")
                    .render()).type(MediaType.TEXT_HTML).build();
        }
        long ttl = Math.max(60, jwt.getExpirationTime() - System.currentTimeMillis() / 1000);
        NewCookie cookie = new NewCookie.Builder(config.web().tokenCookie()).value(token.strip()).path("/can-bo")
                .httpOnly(true).sameSite(NewCookie.SameSite.LAX).maxAge((int) Math.min(ttl, Integer.MAX_VALUE))
                .build();
        return Response.seeOther(URI.create("/can-bo/hang-cho")).cookie(cookie).build();
    }

    @GET
    @Path("dang-xuat")
    @PermitAll
    public Response signOut() {
        NewCookie gone = new NewCookie.Builder(config.web().tokenCookie()).value("").path("/can-bo").httpOnly(true)
                .maxAge(0).build();
        return Response.seeOther(URI.create("/can-bo/dang-nhap")).cookie(gone).build();
    }
}
