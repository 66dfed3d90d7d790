package vn.gov.noivu.pakn.commons.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}). {@code type} is a stable URI per kind of problem
 * that clients can switch on; {@code errors} lists field-level violations.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, URI instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://pakn.noivu.gov.vn/problems/";

    public record FieldError(String field, String message) {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }
}
