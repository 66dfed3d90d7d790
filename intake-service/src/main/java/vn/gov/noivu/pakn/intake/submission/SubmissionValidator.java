package vn.gov.noivu.pakn.intake.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import vn.gov.noivu.pakn.commons.problem.Problem;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.events.CaseKind;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.intake.config.IntakeConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Normalises a submission (NFC, control characters removed, trimmed) and checks it: Bean Validation constraints plus
 * the configured length limits and the enumerations. All violations are reported at once as one 422 problem.
 */
@ApplicationScoped
public class SubmissionValidator {

    @Inject
    Validator validator;

    @Inject
    IntakeConfig config;

    public SubmitCaseRequest normaliseAndValidate(SubmitCaseRequest raw) {
        if (raw == null) {
            throw Invalid.unreadable("empty-body", "thiếu nội dung yêu cầu");
        }
        SubmitCaseRequest r = raw.normalised();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<SubmitCaseRequest> v : validator.validate(r)) {
            errors.add(new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()));
        }
        IntakeConfig.Limits l = config.limits();
        length(errors, "title", r.title(), l.titleMin(), l.titleMax());
        length(errors, "description", r.description(), l.descriptionMin(), l.descriptionMax());
        if (r.contact() != null) {
            length(errors, "contact.name", r.contact().name(), 1, l.contactNameMax());
        }
        if (r.kind() != null && !r.kind().isBlank() && parse(CaseKind.class, r.kind()) == null) {
            errors.add(new Problem.FieldError("kind", "phải là một trong DIFFICULTY, PROPOSAL, QUESTION"));
        }
        if (r.urgency() != null && parse(Urgency.class, r.urgency()) == null) {
            errors.add(new Problem.FieldError("urgency", "phải là một trong NORMAL, URGENT, VERY_URGENT, EXPRESS"));
        }
        if (!errors.isEmpty()) {
            List<Problem.FieldError> sorted = errors.stream()
                    .sorted(Comparator.comparing(Problem.FieldError::field)).distinct().toList();
            throw Invalid.rule("validation", "Dữ liệu không hợp lệ",
                    sorted.size() + " trường không hợp lệ", sorted);
        }
        return r;
    }

    /** A free text of an action (reply, reopen reason): NFC, required, at most the configured length. */
    public String actionText(String field, String raw) {
        String s = vn.gov.noivu.pakn.commons.text.VietnameseText.nfc(raw);
        if (s == null || s.isBlank()) {
            throw Invalid.field(field, "bắt buộc");
        }
        if (s.codePointCount(0, s.length()) > config.limits().replyMax()) {
            throw Invalid.field(field, "tối đa " + config.limits().replyMax() + " ký tự");
        }
        return s;
    }

    /** Most characters of a satisfaction comment. */
    public static final int COMMENT_MAX = 2000;

    /** A satisfaction rating: null or blank = not rated; otherwise a whole number 1 to 5. */
    public Integer rating(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 1 && n <= 5) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw Invalid.field("rating", "phải là số nguyên từ 1 đến 5");
    }

    /** An optional comment with a rating: NFC, blank = none, at most {@value #COMMENT_MAX} characters. */
    public String comment(String raw) {
        String s = vn.gov.noivu.pakn.commons.text.VietnameseText.nfc(raw);
        if (s == null || s.isBlank()) {
            return null;
        }
        s = s.strip();
        if (s.codePointCount(0, s.length()) > COMMENT_MAX) {
            throw Invalid.field("comment", "tối đa " + COMMENT_MAX + " ký tự");
        }
        return s;
    }

    private static void length(List<Problem.FieldError> errors, String field, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return; // reported by @NotBlank
        }
        int n = value.codePointCount(0, value.length());
        if (n < min) {
            errors.add(new Problem.FieldError(field, "tối thiểu " + min + " ký tự"));
        } else if (n > max) {
            errors.add(new Problem.FieldError(field, "tối đa " + max + " ký tự"));
        }
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
