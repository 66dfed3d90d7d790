package vn.gov.noivu.pakn.intake.web;

import vn.gov.noivu.pakn.commons.problem.Problem;
import vn.gov.noivu.pakn.commons.domain.DomainException;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The errors of a refused form, keyed by the page's field id (the control's {@code id}), in Vietnamese and with the
 * field's Vietnamese label: the API's {@code contact.name: bắt buộc} becomes "Vui lòng nhập họ tên người liên hệ." beside
 * the field {@code contactName}; {@code files[0]} is the file field {@code files}. Templates show {@code get(id)}
 * beside each field and {@code items} as a summary with links to the fields.
 */
public final class FieldErrors {

    /** One error of the summary: the field's id (link target), its label and the message. */
    public record Item(String field, String label, String message) {
    }

    private record Field(String id, String label, String what, boolean choice) {
    }

    /** API field (or its prefix before "[") → the page's field. */
    private static final Map<String, Field> FIELDS = Map.ofEntries(
            Map.entry("topic", new Field("topic", "Chuyên đề, lĩnh vực", "chuyên đề, lĩnh vực", true)),
            Map.entry("kind", new Field("kind", "Loại", "loại phản ánh, kiến nghị", true)),
            Map.entry("urgency", new Field("urgency", "Độ khẩn", "độ khẩn", true)),
            Map.entry("title", new Field("title", "Tiêu đề", "tiêu đề", false)),
            Map.entry("description", new Field("description", "Nội dung phản ánh, kiến nghị",
                    "nội dung phản ánh, kiến nghị", false)),
            Map.entry("contact", new Field("contactName", "Người liên hệ", "thông tin người liên hệ", false)),
            Map.entry("contact.name", new Field("contactName", "Người liên hệ", "họ tên người liên hệ", false)),
            Map.entry("contact.phone", new Field("contactPhone", "Điện thoại", "số điện thoại", false)),
            Map.entry("contact.email", new Field("contactEmail", "Thư điện tử", "địa chỉ thư điện tử", false)),
            Map.entry("files", new Field("files", "Tệp đính kèm", "tệp đính kèm", true)),
            Map.entry("text", new Field("reply-text", "Thông tin bổ sung", "thông tin bổ sung", false)),
            Map.entry("reason", new Field("reopen-reason", "Lý do đề nghị xem xét lại", "lý do đề nghị xem xét lại",
                    false)),
            Map.entry("rating", new Field("rating", "Mức độ hài lòng", "mức độ hài lòng", true)),
            Map.entry("comment", new Field("comment", "Nhận xét", "nhận xét", false)));

    private static final Pattern MAX = Pattern.compile("tối đa (\\d+) ký tự");
    private static final Pattern MIN = Pattern.compile("tối thiểu (\\d+) ký tự");

    private final Map<String, String> byField = new LinkedHashMap<>();
    private final List<Item> items = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private String general;

    private FieldErrors() {
    }

    public static FieldErrors none() {
        return new FieldErrors();
    }

    /**
     * The errors of {@code e} for a form whose typed values (by page field id) are {@code values}: lengths are told
     * with the count of what was typed. A problem without field errors becomes the general message.
     */
    public static FieldErrors of(DomainException e, Map<String, String> values) {
        FieldErrors f = new FieldErrors();
        boolean fileProblem = false;
        for (Problem.FieldError fe : e.errors()) {
            String key = fe.field() == null ? "" : fe.field().replaceFirst("\\[\\d+]$", "");
            Field field = FIELDS.get(key);
            if (field == null) {
                f.general = join(f.general, capitalised(fe.message()));
                continue;
            }
            String message;
            if ("files".equals(field.id())) {
                fileProblem = true;
                message = capitalised(e.getMessage()) + " Vui lòng chọn lại tệp.";
            } else {
                message = message(field, fe.message(), values.get(field.id()));
            }
            f.add(field.id(), field.label(), message);
        }
        if (e.errors().isEmpty()) {
            f.general = capitalised(e.getMessage());
        }
        f.fileProblem = fileProblem;
        return f;
    }

    private boolean fileProblem;

    /** Whether one of the errors is about the attached files. */
    public boolean fileProblem() {
        return fileProblem;
    }

    private static String message(Field field, String raw, String value) {
        String m = raw == null ? "" : raw.strip();
        if (m.equals("bắt buộc")) {
            return (field.choice() ? "Vui lòng chọn " : "Vui lòng nhập ") + field.what() + ".";
        }
        int typed = value == null ? 0 : value.strip().codePointCount(0, value.strip().length());
        Matcher max = MAX.matcher(m);
        if (max.matches()) {
            return "Tối đa " + number(Integer.parseInt(max.group(1))) + " ký tự; bạn đã nhập " + number(typed)
                    + " ký tự. Vui lòng rút gọn (nội dung đã nhập vẫn được giữ bên dưới).";
        }
        Matcher min = MIN.matcher(m);
        if (min.matches()) {
            return "Cần ít nhất " + number(Integer.parseInt(min.group(1))) + " ký tự; bạn đã nhập " + number(typed)
                    + " ký tự.";
        }
        if (m.equals("không tồn tại")) {
            return capitalised(field.what()) + " không có trong danh sách; vui lòng chọn lại.";
        }
        return capitalised(m);
    }

    /** 20000 → "20.000". */
    public static String number(long n) {
        return NumberFormat.getIntegerInstance(Locale.forLanguageTag("vi-VN")).format(n);
    }

    private static String capitalised(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        String t = s.strip();
        t = t.substring(0, 1).toUpperCase(Locale.ROOT) + t.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }

    private static String join(String a, String b) {
        return a == null || a.isBlank() ? b : a + " " + b;
    }

    private void add(String id, String label, String message) {
        if (!byField.containsKey(id)) {
            byField.put(id, message);
            items.add(new Item(id, label, message));
        }
    }

    /** A non-error hint shown beside a field (e.g. "choose the files again"). */
    public FieldErrors note(String id, String text) {
        notes.put(id, text);
        return this;
    }

    public String get(String id) {
        return byField.get(id);
    }

    public boolean has(String id) {
        return byField.containsKey(id);
    }

    public String noteOf(String id) {
        return notes.get(id);
    }

    public boolean hasNote(String id) {
        return notes.containsKey(id);
    }

    public List<Item> getItems() {
        return items;
    }

    public boolean any() {
        return !items.isEmpty() || general != null && !general.isBlank();
    }

    public String getGeneral() {
        return general;
    }

    /** {@code aria-describedby} of a control: its error (if any) and its hint. */
    public String describedBy(String id) {
        return has(id) ? id + "-error " + id + "-hint" : id + "-hint";
    }
}
