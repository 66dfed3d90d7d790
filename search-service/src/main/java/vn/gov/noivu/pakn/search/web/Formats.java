package vn.gov.noivu.pakn.search.web;

import io.quarkus.qute.TemplateExtension;
import vn.gov.noivu.pakn.search.query.SearchService;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * How the leaders' pages show and read dates: "02/12/2026 20:06" (Vietnam time), "02/12/2026", periods "Tuần 49/2026",
 * "12/2026", "Quý 4/2026". In templates: {@code {item.submittedAt.vn}}, {@code {day.vnDate}}.
 */
@TemplateExtension
public final class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(SearchService.VN);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /** What people type: 2/12/2026, 02/12/2026, 02-12-2026, 02.12.2026 (strict calendar: 31/02 is refused). */
    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("d/M/uuuu", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private Formats() {
    }

    /** "02/12/2026 20:06", Vietnam time; empty for none. */
    public static String vn(Instant at) {
        return at == null ? "" : DATE_TIME.format(at);
    }

    /** "02/12/2026"; empty for none. */
    public static String vnDate(LocalDate d) {
        return d == null ? "" : DATE.format(d);
    }

    /** "02/12/2026" of an instant, Vietnam time. */
    public static String vnDay(Instant at) {
        return at == null ? "" : DATE.format(at.atZone(SearchService.VN));
    }

    /** A file size in Vietnamese notation: "830 byte", "12,4 KB", "1,2 MB". */
    public static String fileSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " byte";
        }
        double kb = bytes / 1024.0;
        return kb < 1024 ? String.format(Locale.GERMANY, "%.1f KB", kb)
                : String.format(Locale.GERMANY, "%.1f MB", kb / 1024.0);
    }

    /** 227431 → "227.431" (Vietnamese thousands separator). */
    public static String count(long n) {
        return String.format(Locale.GERMANY, "%,d", n);
    }

    /** 4.25 → "4,25" (Vietnamese decimal comma); empty for none. */
    public static String decimal(Double d) {
        return d == null ? "" : String.format(Locale.GERMANY, "%.2f", d).replaceAll(",?0+$", "");
    }

    /** A date as typed (dd/MM/yyyy, also with - or .) or as a link carries it (yyyy-MM-dd); null when blank. */
    public static LocalDate parseDate(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        try {
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t);
            }
            return LocalDate.parse(t.replace('-', '/').replace('.', '/'), TYPED);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date: " + s, e);
        }
    }

    /** A date for a form field: a link's yyyy-MM-dd becomes dd/MM/yyyy, anything else stays as typed. */
    public static String shownDate(String s) {
        if (s == null) {
            return "";
        }
        try {
            return s.strip().matches("\\d{4}-\\d{2}-\\d{2}") ? vnDate(LocalDate.parse(s.strip())) : s;
        } catch (RuntimeException e) {
            return s;
        }
    }

    /** The label of a period that starts on {@code start}: "02/12", "Tuần 49/2026", "12/2026" or "Quý 4/2026". */
    public static String period(String interval, LocalDate start) {
        return switch (interval) {
            case "DAY" -> DateTimeFormatter.ofPattern("dd/MM").format(start);
            case "MONTH" -> DateTimeFormatter.ofPattern("MM/yyyy").format(start);
            case "QUARTER" -> "Quý " + start.get(IsoFields.QUARTER_OF_YEAR) + "/" + start.getYear();
            default -> "Tuần " + start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + "/"
                    + start.get(IsoFields.WEEK_BASED_YEAR);
        };
    }
}
