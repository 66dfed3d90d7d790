package vn.gov.noivu.pakn.intake.submission;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Reads the JSON body of {@code POST /api/v1/cases} on the event loop, before Quarkus REST hands the request to a
 * worker thread. {@link CaseResource#submit} is blocking (it runs a transaction), and Quarkus REST reads the body of
 * a blocking method on the worker thread through its blocking input stream: the worker parks until the event loop
 * delivers the bytes, one more hand-over between threads per request (15% of intake's CPU samples at saturation in
 * docs/benchmarks.md). A body already read here is given to the resource as bytes (Quarkus REST reads
 * {@code RoutingContext.body()} when it is there), so nothing else changes: the same limits, validation and errors.
 *
 * <p>Only small JSON bodies with a Content-Length are read here ({@link #MAX_BYTES}: more than any valid case);
 * anything else (a chunked body, a bigger one, a multipart submission) takes Quarkus REST's usual path, so this route
 * never buffers more before authentication than a valid submission is.
 */
@ApplicationScoped
public class SubmissionBodyRoute {

    /**
     * The largest body read on the event loop: a case at every length limit (description of 20,000 characters, title
     * of 200, contact) is below 70 KB of JSON in UTF-8, and about 123 KB when every letter is sent as a JSON unicode
     * escape (six bytes each).
     */
    static final long MAX_BYTES = 128 * 1024;

    static final String PATH = "/api/v1/cases";

    void route(@Observes Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BYTES).setPreallocateBodyBuffer(true);
        // after Quarkus' own handlers (headers, CORS, upload limit), before the REST layer (ROUTE_ORDER_DEFAULT)
        router.post(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(ctx -> {
            if (readsEarly(ctx.request())) {
                body.handle(ctx);
            } else {
                ctx.next();
            }
        });
    }

    static boolean readsEarly(HttpServerRequest request) {
        return readsEarly(request.method(), request.getHeader(HttpHeaders.CONTENT_TYPE),
                request.getHeader(HttpHeaders.CONTENT_LENGTH));
    }

    /** A POST of JSON whose declared length is at most {@link #MAX_BYTES}. */
    static boolean readsEarly(HttpMethod method, String contentType, String contentLength) {
        if (!HttpMethod.POST.equals(method) || contentType == null || contentLength == null
                || !contentLength.matches("\\d{1,18}")) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip();
        return type.equalsIgnoreCase("application/json") && Long.parseLong(contentLength) <= MAX_BYTES;
    }
}
