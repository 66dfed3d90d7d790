package vn.gov.noivu.pakn.commons.domain;

import vn.gov.noivu.pakn.commons.problem.Problem;

import java.util.List;

/** The input breaks a rule; {@link Kind} says how, so the API can answer the matching status. */
public final class Invalid extends DomainException {

    /** RULE: a value breaks a business rule (422); UNREADABLE: the request cannot be read as one (400);
     *  TOO_LARGE: over a size limit (413); UNSUPPORTED_TYPE: a kind of content that is not accepted (415). */
    public enum Kind { RULE, UNREADABLE, TOO_LARGE, UNSUPPORTED_TYPE }

    private final Kind kind;

    public Invalid(Kind kind, String code, String title, String detail, List<Problem.FieldError> errors) {
        super(code, title, detail, errors);
        this.kind = kind;
    }

    /** One field breaks a rule: code {@code validation}, detail "field: message". */
    public static Invalid field(String field, String message) {
        return new Invalid(Kind.RULE, "validation", "Dữ liệu không hợp lệ", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    /** Several fields at once (code {@code validation}). */
    public static Invalid fields(String detail, List<Problem.FieldError> errors) {
        return new Invalid(Kind.RULE, "validation", "Dữ liệu không hợp lệ", detail, errors);
    }

    /** A business rule with its own code and title (e.g. {@code six-clear-incomplete}). */
    public static Invalid rule(String code, String title, String detail, List<Problem.FieldError> errors) {
        return new Invalid(Kind.RULE, code, title, detail, errors);
    }

    /** The request cannot be read as one (empty, bad cursor, bad query): title "Yêu cầu không hợp lệ". */
    public static Invalid unreadable(String code, String detail) {
        return new Invalid(Kind.UNREADABLE, code, "Yêu cầu không hợp lệ", detail, List.of());
    }

    public Kind kind() {
        return kind;
    }
}
