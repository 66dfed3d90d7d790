package vn.gov.noivu.pakn.commons.problem;

import java.util.List;

/** Throw to answer with a problem+json of the given status; {@code slug} names the problem type. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(400, slug, "Yêu cầu không hợp lệ", detail);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(422, "validation", "Dữ liệu không hợp lệ", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    /** Not found: also what a caller gets for a thing outside its scope, so existence is never leaked. */
    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Không tìm thấy", what + " không tồn tại");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Không có quyền", detail);
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Xung đột trạng thái", detail);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
