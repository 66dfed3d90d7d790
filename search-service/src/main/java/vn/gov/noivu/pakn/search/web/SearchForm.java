package vn.gov.noivu.pakn.search.web;

import jakarta.ws.rs.QueryParam;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.events.CaseKind;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.search.query.SearchCriteria;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The search page's query string, every parameter read as the text the user (or a link) sent, so nothing typed is lost
 * and every mistake becomes a Vietnamese message beside its field instead of a 400 problem document. Dates are shown
 * and read as dd/MM/yyyy (links may carry yyyy-MM-dd); statuses may be codes or their Vietnamese names.
 */
public class SearchForm {

    /** Results per page on the leaders' page. */
    public static final int PAGE_SIZE = 20;

    @QueryParam("q")
    public String q;
    @QueryParam("from")
    public String from;
    @QueryParam("to")
    public String to;
    @QueryParam("status")
    public List<String> status;
    @QueryParam("overdue")
    public String overdue;
    @QueryParam("answered")
    public String answered;
    @QueryParam("sort")
    public String sort;
    @QueryParam("page")
    public String page;
    @QueryParam("after")
    public String after;
    @QueryParam("province")
    public List<String> province;
    @QueryParam("commune")
    public List<String> commune;
    @QueryParam("topic")
    public List<String> topic;
    @QueryParam("authority")
    public List<String> authority;
    @QueryParam("kind")
    public List<String> kind;
    @QueryParam("urgency")
    public List<String> urgency;
    @QueryParam("liaison")
    public List<String> liaison;

    /** Field → Vietnamese message, in form order; empty when the form is valid. */
    public final Map<String, String> errors = new LinkedHashMap<>();

    /** A status checkbox of the form. */
    public record Choice(String value, String label, boolean checked) {
    }

    /** A filter chosen from the facets, carried by the form as a hidden field. */
    public record Hidden(String name, String value) {
    }

    /** The criteria, or empty with {@link #errors} filled. */
    public Optional<SearchCriteria> criteria() {
        errors.clear();
        LocalDate f = date("from", from, "Từ ngày");
        LocalDate t = date("to", to, "Đến ngày");
        if (f != null && t != null && f.isAfter(t)) {
            errors.put("to", "“Đến ngày” phải sau hoặc bằng “Từ ngày” (" + Formats.vnDate(f) + ").");
        }
        List<String> statuses = new ArrayList<>();
        for (String s : values(status)) {
            Optional<CaseStatus> st = Arrays.stream(CaseStatus.values()).filter(x -> x.name().equalsIgnoreCase(s)
                    || x.labelVi().equalsIgnoreCase(s)).findFirst();
            if (st.isPresent()) {
                statuses.add(st.get().name());
            } else {
                errors.put("status", "Trạng thái “" + s + "” không có: hãy chọn trong danh sách.");
            }
        }
        Boolean od = bool("overdue", overdue, "Hạn xử lý");
        Boolean ans = bool("answered", answered, "Đã trả lời");
        SearchCriteria.Sort so = null;
        if (sort != null && !sort.isBlank()) {
            try {
                so = SearchCriteria.Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("sort", "Cách sắp xếp “" + sort + "” không có: hãy chọn trong danh sách.");
            }
        }
        int p = 1;
        if (page != null && !page.isBlank()) {
            try {
                p = Integer.parseInt(page.strip());
            } catch (NumberFormatException e) {
                p = 0;
            }
            if (p < 1) {
                errors.put("page", "Số trang “" + page + "” không hợp lệ: trang bắt đầu từ 1.");
            } else if ((long) p * PAGE_SIZE > 10_000) {
                errors.put("page", "Chỉ xem được 10.000 kết quả đầu theo số trang: hãy thu hẹp tìm kiếm hoặc dùng "
                        + "nút “Trang sau”.");
            }
        }
        List<Integer> provinces = codes("province", province, "Tỉnh, thành phố");
        List<Integer> communes = codes("commune", commune, "Xã, phường, đặc khu");
        List<String> authorities = enums("authority", authority, AuthorityLevel.class, "Thẩm quyền");
        List<String> kinds = enums("kind", kind, CaseKind.class, "Loại phản ánh");
        List<String> urgencies = enums("urgency", urgency, Urgency.class, "Độ khẩn");
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SearchCriteria(q, provinces, communes, values(topic), statuses, authorities, kinds,
                urgencies, values(liaison), f, t, od, ans, so, p, PAGE_SIZE,
                after == null || after.isBlank() ? null : after.strip()));
    }

    public String fromValue() {
        return Formats.shownDate(from);
    }

    public String toValue() {
        return Formats.shownDate(to);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.get(field);
    }

    public List<Choice> statusChoices() {
        List<String> chosen = values(status);
        return Arrays.stream(CaseStatus.values()).map(s -> new Choice(s.name(), s.labelVi(), chosen.stream()
                .anyMatch(c -> c.equalsIgnoreCase(s.name()) || c.equalsIgnoreCase(s.labelVi())))).toList();
    }

    public String overdueValue() {
        return overdue == null ? "" : overdue.strip();
    }

    public String sortValue() {
        return sort == null ? "" : sort.strip().toLowerCase(Locale.ROOT);
    }

    /** Filters chosen from the facets (not fields of the form), so a new query keeps them. */
    public List<Hidden> hidden() {
        List<Hidden> out = new ArrayList<>();
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("province", province);
        m.put("commune", commune);
        m.put("topic", topic);
        m.put("authority", authority);
        m.put("kind", kind);
        m.put("urgency", urgency);
        m.put("liaison", liaison);
        m.forEach((name, vs) -> values(vs).forEach(v -> out.add(new Hidden(name, v))));
        if (answered != null && !answered.isBlank()) {
            out.add(new Hidden("answered", answered.strip()));
        }
        return out;
    }

    private static List<String> values(List<String> l) {
        return l == null ? List.of() : l.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
    }

    private LocalDate date(String field, String s, String label) {
        try {
            return Formats.parseDate(s);
        } catch (IllegalArgumentException e) {
            errors.put(field, "“" + label + "” phải là một ngày dạng dd/mm/yyyy, ví dụ 02/12/2026 (đã nhập “"
                    + s.strip() + "”).");
            return null;
        }
    }

    private Boolean bool(String field, String s, String label) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "co", "có" -> true;
            case "false", "khong", "không" -> false;
            default -> {
                errors.put(field, "“" + label + "”: giá trị “" + s + "” không có, hãy chọn trong danh sách.");
                yield null;
            }
        };
    }

    private List<Integer> codes(String field, List<String> l, String label) {
        List<Integer> out = new ArrayList<>();
        for (String s : values(l)) {
            try {
                out.add(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                errors.put(field, "“" + label + "”: không nhận ra “" + s + "”. Hãy chọn trong danh sách “" + label
                        + "” bên cạnh kết quả.");
            }
        }
        return out;
    }

    private <E extends Enum<E>> List<String> enums(String field, List<String> l, Class<E> type, String label) {
        List<String> out = new ArrayList<>();
        for (String s : values(l)) {
            try {
                out.add(Enum.valueOf(type, s.toUpperCase(Locale.ROOT)).name());
            } catch (IllegalArgumentException e) {
                errors.put(field, "“" + label + "”: không nhận ra “" + s + "”. Hãy chọn trong danh sách.");
            }
        }
        return out;
    }
}
