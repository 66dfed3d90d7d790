package vn.gov.noivu.pakn.commons.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The Vietnamese error page for what fails under the pages' prefix before the REST layer:
 * <ul>
 * <li>a body over {@code quarkus.http.limits.max-body-size} (Content-Length known): the page, status 413, instead of
 * Quarkus' empty 413 (this route runs just before Quarkus' own check);</li>
 * <li>a failure of the HTTP layer (the body handler's 413 for a chunked body or a form field over
 * {@code quarkus.http.limits.max-form-attribute-size}, a 400 of a malformed form...): the page for its status;</li>
 * <li>a page path no resource answers: 404 page (a route after every other).</li>
 * </ul>
 */
@ApplicationScoped
public class PageRoutes {

    private static final Logger LOG = Logger.getLogger(PageRoutes.class);

    /** Quarkus' own upload-limit check runs at order -2 (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT). */
    static final int BEFORE_UPLOAD_LIMIT = -3;

    void routes(@Observes Router router, PagesConfig config, PageErrors errors,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBody) {
        if (config.prefix().isEmpty()) {
            return;
        }
        String prefix = config.prefix().get();
        String pattern = "^" + java.util.regex.Pattern.quote(prefix) + "(/.*)?$";
        maxBody.ifPresent(limit -> router.routeWithRegex(pattern).order(BEFORE_UPLOAD_LIMIT).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > limit.asLongValue()) {
                LOG.infof("page body of %s bytes over the limit on %s", length, ctx.normalizedPath());
                if (ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
                    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                }
                send(ctx, errors, 413);
                return;
            }
            ctx.next();
        }));
        router.routeWithRegex(pattern).order(Integer.MIN_VALUE + 2).failureHandler(ctx -> {
            int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
            Throwable failure = ctx.failure();
            if (ctx.response().ended() || ctx.response().headWritten() || failure != null
                    && failure.getClass().getName().startsWith("io.quarkus.security.")) {
                // the security layer's own answers: the redirect to the identity provider and back to the page
                // asked for (AuthenticationRedirectException), challenges; Quarkus sends them
                ctx.next();
                return;
            }
            if (status >= 500) {
                LOG.errorf(ctx.failure(), "failure on page %s", ctx.normalizedPath());
            }
            send(ctx, errors, status);
        });
        router.routeWithRegex(pattern).order(Integer.MAX_VALUE - 10).handler(ctx -> send(ctx, errors, 404));
    }

    private static void send(RoutingContext ctx, PageErrors errors, int status) {
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=UTF-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(errors.render(status, null, null));
    }
}
