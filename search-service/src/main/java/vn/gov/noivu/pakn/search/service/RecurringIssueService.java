package vn.gov.noivu.pakn.search.service;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.search.config.SearchConfig;
import vn.gov.noivu.pakn.search.entity.CaseDocument;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Recurring issues: Elasticsearch selects the candidate cases (scope and filters, newest first), the grouping runs in
 * Java ({@link TextClusterer}: TF-IDF over folded syllables and syllable pairs, average-linkage clustering), because
 * this node has neither painless nor bucket_sort and the same code must run on a stock Elasticsearch. See
 * docs/recurring-issues.md for the method and its measured precision and recall.
 */
@ApplicationScoped
public class RecurringIssueService {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Inject
    SearchService search;

    @Inject
    SearchConfig config;

    public record Filter(String topic, Integer province, LocalDate from, LocalDate to, Integer minSize) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(String groupId, String label, int size, List<String> caseIds, List<Place> provinces,
            List<Place> communes, Instant firstSeen, Instant lastSeen, List<Week> weeklyTrend,
            Map<String, Integer> statusMix, Representative representative, boolean answered,
            List<String> topics, double cohesion) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Place(int code, String name, Integer provinceCode, int count) {
    }

    public record Week(String week, int count) {
    }

    public record Representative(String caseId, String code, String title) {
    }

    public record Result(List<Group> groups, int candidates, double threshold) {
    }

    public Result groups(Filter f, Scope scope) {
        List<CaseDocument> docs = candidates(f, scope);
        List<TextClusterer.Doc> texts = docs.stream()
                .map(d -> new TextClusterer.Doc(d.caseId, d.title, d.description)).toList();
        double threshold = config.recurring().threshold();
        int minSize = f.minSize() == null ? config.recurring().minSize() : Math.max(2, f.minSize());
        List<Group> groups = new ArrayList<>();
        for (TextClusterer.Cluster c : new TextClusterer(threshold).cluster(texts)) {
            if (c.members().size() >= minSize) {
                groups.add(group(c, docs));
            }
        }
        groups.sort(Comparator.comparingInt(Group::size).reversed()
                .thenComparing(Group::lastSeen, Comparator.nullsLast(Comparator.reverseOrder())));
        return new Result(groups, docs.size(), threshold);
    }

    private List<CaseDocument> candidates(Filter f, Scope scope) {
        ObjectNode body = F.objectNode();
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = scope.filters();
        if (f.topic() != null && !f.topic().isBlank()) {
            filter.add(Scope.term("topicCode", f.topic()));
        }
        if (f.province() != null) {
            filter.add(Scope.term("provinceCode", f.province()));
        }
        if (f.from() != null || f.to() != null) {
            ObjectNode range = filter.addObject().putObject("range").putObject("submittedAt");
            if (f.from() != null) {
                range.put("gte", f.from().atStartOfDay(SearchService.VN).toInstant().toString());
            }
            if (f.to() != null) {
                range.put("lt", f.to().plusDays(1).atStartOfDay(SearchService.VN).toInstant().toString());
            }
        }
        bool.set("filter", filter);
        body.put("size", Math.min(config.recurring().maxCandidates(), SearchService.MAX_WINDOW));
        body.putArray("sort").addObject().putObject("submittedAt").put("order", "desc");
        body.putObject("_source").putArray("excludes").add("answerText");
        SearchResponse<CaseDocument> r = search.execute(body);
        return r.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
    }

    private Group group(TextClusterer.Cluster c, List<CaseDocument> docs) {
        List<CaseDocument> members = c.members().stream().map(docs::get)
                .sorted(Comparator.comparing((CaseDocument d) -> d.submittedAt,
                        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(d -> d.caseId))
                .toList();
        CaseDocument rep = docs.get(c.representative());
        Map<Integer, Place> provinces = new LinkedHashMap<>();
        Map<Integer, Place> communes = new LinkedHashMap<>();
        Map<String, Integer> status = new TreeMap<>();
        List<String> topics = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        boolean answered = false;
        for (CaseDocument d : members) {
            if (d.provinceCode != null) {
                provinces.merge(d.provinceCode, new Place(d.provinceCode, d.provinceName, null, 1),
                        (a, b) -> new Place(a.code(), a.name(), null, a.count() + 1));
            }
            if (d.communeCode != null) {
                communes.merge(d.communeCode, new Place(d.communeCode, d.communeName, d.provinceCode, 1),
                        (a, b) -> new Place(a.code(), a.name(), a.provinceCode(), a.count() + 1));
            }
            if (d.status != null) {
                status.merge(d.status, 1, Integer::sum);
            }
            if (d.topicCode != null && !topics.contains(d.topicCode)) {
                topics.add(d.topicCode);
            }
            if (d.submittedAt != null) {
                first = first == null || d.submittedAt.isBefore(first) ? d.submittedAt : first;
                last = last == null || d.submittedAt.isAfter(last) ? d.submittedAt : last;
            }
            answered |= Boolean.TRUE.equals(d.answered);
        }
        List<Place> provinceList = provinces.values().stream()
                .sorted(Comparator.comparingInt(Place::count).reversed().thenComparingInt(Place::code)).toList();
        List<Place> communeList = communes.values().stream()
                .sorted(Comparator.comparingInt(Place::count).reversed().thenComparingInt(Place::code)).toList();
        // the id follows the earliest case, so it stays the same while the group grows
        String groupId = "ri-" + members.get(0).caseId;
        return new Group(groupId, rep.title, members.size(), members.stream().map(d -> d.caseId).toList(),
                provinceList, communeList, first, last, weekly(members), status,
                new Representative(rep.caseId, rep.code, rep.title), answered, topics,
                Math.round(c.cohesion() * 1000) / 1000.0);
    }

    /** Cases per ISO week (Vietnam time) from the first to the last week of the group, empty weeks included. */
    static List<Week> weekly(List<CaseDocument> members) {
        TreeMap<LocalDate, Integer> counts = new TreeMap<>();
        for (CaseDocument d : members) {
            if (d.submittedAt != null) {
                LocalDate monday = d.submittedAt.atZone(SearchService.VN).toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
                counts.merge(monday, 1, Integer::sum);
            }
        }
        List<Week> out = new ArrayList<>();
        if (counts.isEmpty()) {
            return out;
        }
        LocalDate w = counts.firstKey();
        long weeks = ChronoUnit.WEEKS.between(counts.firstKey(), counts.lastKey());
        if (weeks > 104) { // a very long span: list only weeks with cases
            counts.forEach((k, v) -> out.add(new Week(isoWeek(k), v)));
            return out;
        }
        for (; !w.isAfter(counts.lastKey()); w = w.plusWeeks(1)) {
            out.add(new Week(isoWeek(w), counts.getOrDefault(w, 0)));
        }
        return out;
    }

    static String isoWeek(LocalDate d) {
        return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
