package vn.gov.noivu.pakn.intake.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.gov.noivu.pakn.commons.text.VietnameseText;

import java.time.Instant;

/**
 * Body of {@code POST /api/v1/cases}. Length limits of title and description are configuration
 * ({@code pakn.intake.limits.*}) and checked by the service after NFC normalisation.
 *
 * @param commune     commune code (statistics-office code) the case is filed for: the caller's own commune
 * @param topic       topic code, e.g. {@code T03}
 * @param kind        DIFFICULTY, PROPOSAL or QUESTION
 * @param urgency     NORMAL (default), URGENT, VERY_URGENT or EXPRESS
 * @param receivedAt  historical import only (role admin): when the commune's case was received before the system
 *                    (on paper, by e-mail); the case's submission time. Absent for every ordinary submission.
 */
public record SubmitCaseRequest(
        @NotNull(message = "bắt buộc") Integer commune,
        @NotBlank(message = "bắt buộc") String topic,
        @NotBlank(message = "bắt buộc") String kind,
        @NotBlank(message = "bắt buộc") String title,
        @NotBlank(message = "bắt buộc") String description,
        String urgency,
        @NotNull(message = "bắt buộc") @Valid Contact contact,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant receivedAt) {

    /** An ordinary submission (no historical receipt time). */
    public SubmitCaseRequest(Integer commune, String topic, String kind, String title, String description,
            String urgency, Contact contact) {
        this(commune, topic, kind, title, description, urgency, contact, null);
    }

    public record Contact(
            @NotBlank(message = "bắt buộc") String name,
            @Pattern(regexp = "^\\+?[0-9 ().-]{6,20}$", message = "số điện thoại không hợp lệ") String phone,
            @Email(message = "email không hợp lệ") @Size(max = 254, message = "tối đa 254 ký tự") String email) {

        Contact normalised() {
            return new Contact(VietnameseText.nfc(name), blankToNull(VietnameseText.nfc(phone)),
                    blankToNull(VietnameseText.nfc(email)));
        }
    }

    /** Every text NFC-normalised, control characters removed and trimmed; blank optional fields become null. */
    public SubmitCaseRequest normalised() {
        return new SubmitCaseRequest(commune, VietnameseText.nfc(topic), VietnameseText.nfc(kind),
                VietnameseText.nfc(title), VietnameseText.nfc(description), blankToNull(VietnameseText.nfc(urgency)),
                contact == null ? null : contact.normalised(),
                receivedAt == null ? null : receivedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
