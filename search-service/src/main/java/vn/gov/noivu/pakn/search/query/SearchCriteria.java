package vn.gov.noivu.pakn.search.query;

import java.time.LocalDate;
import java.util.List;

/** What a search asks for; every list is OR within itself and AND with the others. */
public record SearchCriteria(
        String q,
        List<Integer> provinces,
        List<Integer> communes,
        List<String> topics,
        List<String> statuses,
        List<String> authorities,
        List<String> kinds,
        List<String> urgencies,
        List<String> liaisons,
        LocalDate from,
        LocalDate to,
        Boolean overdue,
        Boolean answered,
        Sort sort,
        int page,
        int size,
        String cursor) {

    public enum Sort { RELEVANCE, NEWEST, OLDEST, DUE, UPDATED }

    public SearchCriteria {
        provinces = provinces == null ? List.of() : List.copyOf(provinces);
        communes = communes == null ? List.of() : List.copyOf(communes);
        topics = clean(topics);
        statuses = clean(statuses);
        authorities = clean(authorities);
        kinds = clean(kinds);
        urgencies = clean(urgencies);
        liaisons = clean(liaisons);
        q = q == null || q.isBlank() ? null : q.strip();
        sort = sort == null ? (q == null ? Sort.NEWEST : Sort.RELEVANCE) : sort;
        page = Math.max(page, 1);
        size = size <= 0 ? 20 : Math.min(size, 100);
    }

    private static List<String> clean(List<String> l) {
        return l == null ? List.of() : l.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
    }

    public static SearchCriteria text(String q) {
        return new SearchCriteria(q, null, null, null, null, null, null, null, null, null, null, null, null, null, 1,
                20, null);
    }

    public SearchCriteria withPage(int size, String cursor) {
        return new SearchCriteria(q, provinces, communes, topics, statuses, authorities, kinds, urgencies, liaisons,
                from, to, overdue, answered, sort, 1, size, cursor);
    }
}
