package vn.gov.noivu.pakn.search.query;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import vn.gov.noivu.pakn.commons.problem.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Query parameters of {@code GET /api/v1/search} (repeat a parameter to OR its values). */
public class SearchParams {

    @QueryParam("q")
    public String q;
    @QueryParam("province")
    public List<Integer> province;
    @QueryParam("commune")
    public List<Integer> commune;
    @QueryParam("topic")
    public List<String> topic;
    @QueryParam("status")
    public List<String> status;
    @QueryParam("authority")
    public List<String> authority;
    @QueryParam("kind")
    public List<String> kind;
    @QueryParam("urgency")
    public List<String> urgency;
    @QueryParam("liaison")
    public List<String> liaison;
    /** yyyy-MM-dd, inclusive, Vietnam time */
    @QueryParam("from")
    public String from;
    /** yyyy-MM-dd, inclusive, Vietnam time */
    @QueryParam("to")
    public String to;
    @QueryParam("overdue")
    public Boolean overdue;
    @QueryParam("answered")
    public Boolean answered;
    /** relevance (default with q), newest (default without), oldest, due, updated */
    @QueryParam("sort")
    public String sort;
    @QueryParam("page")
    @DefaultValue("1")
    public int page;
    @QueryParam("size")
    @DefaultValue("20")
    public int size;
    /** nextCursor of the previous page (search_after) */
    @QueryParam("after")
    public String after;

    public SearchCriteria criteria() {
        if (size < 1 || size > 100) {
            throw ProblemException.invalid("size", "từ 1 đến 100");
        }
        if (page < 1) {
            throw ProblemException.invalid("page", "phải từ 1");
        }
        return new SearchCriteria(q, province, commune, topic, status, authority, kind, urgency, liaison,
                date("from", from), date("to", to), overdue, answered, sort(sort), page, size,
                after == null || after.isBlank() ? null : after);
    }

    static SearchCriteria.Sort sort(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return SearchCriteria.Sort.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("sort", "một trong relevance, newest, oldest, due, updated");
        }
    }

    static LocalDate date(String field, String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "ngày theo dạng yyyy-MM-dd");
        }
    }
}
