package vn.gov.noivu.pakn.commons.domain;

import vn.gov.noivu.pakn.commons.problem.Problem;

import java.util.List;

/**
 * Why a business operation was refused, in the domain's words: no HTTP status here. Domain and service classes throw
 * one of this small closed set; the REST layer's one mapper ({@link vn.gov.noivu.pakn.commons.problem.ProblemMappers})
 * turns it into RFC 9457 problem+json (or the Vietnamese error page for a browser) and decides the status.
 * {@code code} is the stable problem type clients switch on ({@code https://pakn.noivu.gov.vn/problems/<code>});
 * {@code title} and the message (detail) are Vietnamese, shown to users as they are; {@code errors} names the fields
 * at fault (a form shows each beside its field).
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, Forbidden, Conflict, Invalid, Unavailable {

    private final String code;
    private final String title;
    private final List<Problem.FieldError> errors;

    DomainException(String code, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
