package vn.gov.noivu.pakn.intake.web;

import io.quarkus.qute.TemplateExtension;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Formatting helpers for the Vietnamese pages. */
@TemplateExtension
public class TemplateExtensions {

    private static final DateTimeFormatter VN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    /** {@code {c.submittedAt.vn}} → 05/03/2026 14:30 (giờ Việt Nam). */
    static String vn(Instant instant) {
        return instant == null ? "" : VN.format(instant);
    }

    /** {@code {a.sizeBytes.fileSize}} → 1,5 MB. */
    static String fileSize(long bytes) {
        return vn.gov.noivu.pakn.intake.attachment.AttachmentStore.humanSize(bytes);
    }

    /** {@code {limits.descriptionMax.fmt}} → 20.000 (Vietnamese digit grouping). */
    static String fmt(int n) {
        return FieldErrors.number(n);
    }

    /** {@code {total.fmt}} → 1.234. */
    static String fmt(long n) {
        return FieldErrors.number(n);
    }
}
