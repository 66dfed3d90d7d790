package vn.gov.noivu.pakn.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.gov.noivu.pakn.commons.domain.Conflict;
import vn.gov.noivu.pakn.commons.domain.DomainException;
import vn.gov.noivu.pakn.commons.domain.Forbidden;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.commons.domain.NotFound;
import vn.gov.noivu.pakn.commons.domain.Unavailable;
import vn.gov.noivu.pakn.commons.web.PageErrors;

import java.net.URI;
import java.util.List;

/**
 * Maps every failure of a REST call to RFC 9457 problem+json; internals never leak into the answer. The one place
 * where a domain refusal ({@link DomainException}: not found, forbidden, conflict, invalid, unavailable) gets its HTTP
 * status; {@link ProblemException} is for the HTTP layer's own refusals (a request it cannot parse).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response response(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    /**
     * The answer to a failure: problem+json, or for a page path (or a browser outside the APIs) the Vietnamese error
     * page of the shared layout ({@link PageErrors}). {@code domain}: the problem's title and detail are the
     * application's own Vietnamese words, fit for the page; otherwise the page says what the status means.
     */
    static Response answer(Problem p, boolean domain) {
        PageErrors pages = PageErrors.current();
        if (pages != null && pages.wanted(p.instance() == null ? null : p.instance().getPath())) {
            return domain ? pages.response(p.status(), p.title(), capitalised(p.detail()))
                    : pages.response(p.status(), null, null);
        }
        return response(p);
    }

    private static String capitalised(String s) {
        return s == null || s.isEmpty() ? s : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.substring(1)
                + (s.endsWith(".") ? "" : ".");
    }

    private static URI instance(UriInfo uri) {
        return uri == null ? null : URI.create(uri.getPath());
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return answer(new Problem(Problem.type(e.slug()), e.title(), e.status(), e.getMessage(), instance(uri),
                e.errors()), true);
    }

    /** The HTTP status of a domain refusal. */
    public static int status(DomainException e) {
        return switch (e) {
            case NotFound n -> 404;
            case Forbidden f -> 403;
            case Conflict c -> 409;
            case Unavailable u -> 503;
            case Invalid i -> switch (i.kind()) {
                case RULE -> 422;
                case UNREADABLE -> 400;
                case TOO_LARGE -> 413;
                case UNSUPPORTED_TYPE -> 415;
            };
        };
    }

    /** The problem+json body of a domain refusal at {@code instance} (may be null). */
    public static Problem problem(DomainException e, URI instance) {
        return new Problem(Problem.type(e.code()), e.title(), status(e), e.getMessage(), instance, e.errors());
    }

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        return answer(problem(e, instance(uri)), true);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(leaf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        return answer(new Problem(Problem.type("validation"), "Dữ liệu không hợp lệ", 422,
                errors.size() + " trường không hợp lệ", instance(uri), errors), false);
    }

    private static String leaf(String path) {
        // "submit.request.title" -> "title"; keep nested paths below the request object
        String[] parts = path.split("\\.");
        return parts.length >= 3 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : path;
    }

    @ServerExceptionMapper({JsonProcessingException.class})
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String detail;
        if (e instanceof InvalidFormatException ife) {
            detail = "giá trị không hợp lệ cho trường " + path(ife) + ": " + ife.getValue();
        } else if (e instanceof MismatchedInputException mie) {
            detail = "kiểu dữ liệu sai ở trường " + path(mie);
        } else {
            detail = "JSON không đúng cú pháp (dòng " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + ")";
        }
        return answer(new Problem(Problem.type("malformed-json"), "Nội dung JSON không hợp lệ", 400, detail,
                instance(uri), List.of()), false);
    }

    /**
     * Quarkus REST Jackson ships its own mapper for {@link MismatchedInputException} (a wrong type, an unknown enum
     * value), more specific than {@link #malformedJson}, that answers plain JSON: this one keeps it problem+json.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> a + "." + b).orElse("(gốc)");
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return answer(new Problem(Problem.type("unauthorized"), "Chưa xác thực", 401,
                "cần bearer token hợp lệ", instance(uri), List.of()), false);
    }

    @ServerExceptionMapper
    public Response authFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(null, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return answer(new Problem(Problem.type("forbidden"), "Không có quyền", 403,
                "vai trò của bạn không được thực hiện thao tác này", instance(uri), List.of()), false);
    }

    /**
     * The identity provider could not be reached to verify a token (its keys were never fetched): the request is not
     * refused for the caller's fault, it cannot be checked now. 503 with Retry-After, so clients try again.
     */
    @ServerExceptionMapper
    public Response identityProviderDown(io.quarkus.oidc.OIDCException e, UriInfo uri) {
        LOG.warnf("identity provider unavailable on %s: %s", uri == null ? "?" : uri.getPath(), e.getMessage());
        return Response.fromResponse(answer(new Problem(Problem.type("identity-provider-unavailable"),
                "Hệ thống định danh tạm thời không sẵn sàng", 503,
                "chưa kiểm tra được mã truy cập; vui lòng thử lại sau ít phút", instance(uri), List.of()), false))
                .header("Retry-After", "30").build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return malformedJson(jpe, uri);
        }
        if (status == 404 && unconvertibleParameter(e)) {
            // JAX-RS answers a query or path parameter it cannot convert (?commune=abc) with 404; it is bad input
            return answer(new Problem(Problem.type("invalid-parameter"), "Tham số không hợp lệ", 400,
                    "một tham số của yêu cầu không đúng kiểu (ví dụ mã số phải là số nguyên)", instance(uri),
                    List.of()), false);
        }
        String title = switch (status) {
            case 400 -> "Yêu cầu không hợp lệ";
            case 404 -> "Không tìm thấy";
            case 405 -> "Phương thức không được hỗ trợ";
            case 406 -> "Định dạng trả về không được hỗ trợ";
            case 413 -> "Nội dung quá lớn";
            case 415 -> "Kiểu nội dung không được hỗ trợ";
            default -> Response.Status.fromStatusCode(status) == null ? "Lỗi"
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
        return answer(new Problem(Problem.type("http-" + status), title, status, e.getMessage(), instance(uri),
                List.of()), false);
    }

    private static boolean unconvertibleParameter(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof java.time.format.DateTimeParseException) {
                return true; // NumberFormatException, enum valueOf, UUID.fromString...
            }
        }
        return false;
    }

    @ServerExceptionMapper(priority = 10000)
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s", uri == null ? "?" : uri.getPath());
        return answer(new Problem(Problem.type("internal"), "Lỗi hệ thống", 500,
                "đã ghi nhận lỗi; vui lòng thử lại sau", instance(uri), List.of()), false);
    }
}
