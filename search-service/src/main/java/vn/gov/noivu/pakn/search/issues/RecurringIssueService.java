package vn.gov.noivu.pakn.search.issues;

import vn.gov.noivu.pakn.search.query.FacetLabels;
import vn.gov.noivu.pakn.search.query.Scope;
import vn.gov.noivu.pakn.search.query.SearchService;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.commons.domain.NotFound;
import vn.gov.noivu.pakn.commons.text.VietnameseText;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.search.config.SearchConfig;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recurring issues over ALL history: every case carries the issue it was assigned to when indexed
 * ({@code recurringIssueId}, see {@link vn.gov.noivu.pakn.search.issues.RecurringIssueAssigner}), so a listing for any
 * period, province or topic is an Elasticsearch aggregation (terms on {@code recurringIssueId} with sub-aggregations)
 * inside the caller's scope, joined with the issue records (label, status, answer) of {@code pakn-issues}.
 * Two phases: the bucket keys and counts of every issue in scope, filtered and sorted, then the details of one page.
 */
@ApplicationScoped
public class RecurringIssueService {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Most issues one listing ranks (terms buckets of phase one). */
    static final int MAX_ISSUES = 5000;
    /** Members listed per issue in a listing (newest first). */
    static final int MEMBERS_SHOWN = 100;
    /** More than the country's 3,321 communes: every commune of an issue, and exact distinct counts below it. */
    static final int ALL_COMMUNES = 4000;

    @Inject
    EsJson es;

    @Inject
    IssueStore store;

    @Inject
    SearchConfig config;

    @Inject
    FacetLabels labels;

    public enum Sort { SIZE, NEWEST, OLDEST, NAME }

    /** {@code status}: null = confirmed and automatic ones; {@code q}: words of the label. */
    public record Filter(String topic, Integer province, LocalDate from, LocalDate to, Integer minSize,
            RecurringIssue.Status status, String q, Sort sort, int page, int size) {

        public static Filter of(String topic, Integer province, LocalDate from, LocalDate to, Integer minSize) {
            return new Filter(topic, province, from, to, minSize, null, null, Sort.SIZE, 1, 50);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(String groupId, String label, String status, int size, List<String> caseIds,
            List<Place> provinces, List<Place> communes, int communeCount, Instant firstSeen, Instant lastSeen, List<Week> weeklyTrend,
            Map<String, Integer> statusMix, Representative representative, boolean answered, List<String> topics,
            Double cohesion, String responsibleUnitCode, String responsibleUnitName, boolean answerPublished) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Place(int code, String name, Integer provinceCode, int count) {
    }

    public record Week(String week, int count) {
    }

    public record Representative(String caseId, String code, String title) {
    }

    /** {@code candidates}: cases in scope (and filters) that belong to an issue; {@code total}: issues found. */
    public record Result(List<Group> groups, int candidates, int total, int page, int size) {
    }

    public Result groups(Filter f, Scope scope) {
        int minSize = f.minSize() == null ? config.recurring().minSize() : Math.max(1, f.minSize());
        Sort sort = f.sort() == null ? Sort.SIZE : f.sort();
        // phase 1: every issue in scope with its count (and newest/oldest case for sorting)
        ObjectNode body = F.objectNode();
        body.put("size", 0);
        body.put("track_total_hits", true);
        body.set("query", query(f, scope, null));
        ObjectNode terms = body.putObject("aggs").putObject("issues");
        ObjectNode t = terms.putObject("terms");
        t.put("field", "recurringIssueId");
        t.put("size", MAX_ISSUES);
        t.put("min_doc_count", minSize);
        // only the date the order needs: each sub-aggregation reads submittedAt of every matching case (1M on the list
        // over all history), so asking for both would double that work
        ObjectNode sub = terms.putObject("aggs");
        if (sort == Sort.SIZE || sort == Sort.NEWEST) {
            sub.putObject("last").putObject("max").put("field", "submittedAt");
        } else if (sort == Sort.OLDEST) {
            sub.putObject("first").putObject("min").put("field", "submittedAt");
        }
        JsonNode r = search(body);
        int candidates = r.path("hits").path("total").path("value").asInt();
        record Key(String id, int count, double first, double last) {
        }
        List<Key> keys = new ArrayList<>();
        for (JsonNode b : r.path("aggregations").path("issues").path("buckets")) {
            keys.add(new Key(b.path("key").asText(), b.path("doc_count").asInt(), b.path("first").path("value").asDouble(),
                    b.path("last").path("value").asDouble()));
        }
        Map<String, RecurringIssue> records = store.summaries(keys.stream().map(Key::id).toList());
        String q = f.q() == null || f.q().isBlank() ? null : VietnameseText.fold(f.q().strip().toLowerCase(Locale.ROOT));
        List<Key> kept = new ArrayList<>();
        for (Key k : keys) {
            RecurringIssue v = records.get(k.id());
            RecurringIssue.Status st = v == null ? RecurringIssue.Status.AUTO : v.status;
            boolean statusOk = f.status() == null ? st == RecurringIssue.Status.AUTO || st == RecurringIssue.Status.CONFIRMED
                    || st == RecurringIssue.Status.CANDIDATE : st == f.status();
            if (!statusOk) {
                continue;
            }
            if (q != null && (v == null || v.label == null
                    || !VietnameseText.fold(v.label.toLowerCase(Locale.ROOT)).contains(q))) {
                continue;
            }
            kept.add(k);
        }
        Comparator<Key> order = switch (sort) {
            case SIZE -> Comparator.comparingInt(Key::count).reversed().thenComparing(Comparator.comparingDouble(Key::last).reversed());
            case NEWEST -> Comparator.comparingDouble(Key::last).reversed();
            case OLDEST -> Comparator.comparingDouble(Key::first);
            case NAME -> Comparator.comparing((Key k) -> records.containsKey(k.id()) && records.get(k.id()).label != null
                    ? VietnameseText.fold(records.get(k.id()).label.toLowerCase(Locale.ROOT)) : "");
        };
        kept.sort(order.thenComparing(Key::id));
        int size = Math.max(1, Math.min(200, f.size()));
        int page = Math.max(1, f.page());
        List<String> pageIds = kept.stream().skip((long) (page - 1) * size).limit(size).map(Key::id).toList();
        Map<String, Group> details = details(pageIds, f, scope, records, false);
        List<Group> groups = pageIds.stream().map(details::get).filter(java.util.Objects::nonNull).toList();
        return new Result(groups, candidates, kept.size(), page, size);
    }

    /** One issue as the caller may see it (its cases within the caller's scope); 404 when none is visible. */
    public Group group(String issueId, Scope scope) {
        IssueStore.Versioned v = store.get(issueId).orElseThrow(() -> new NotFound("vấn đề lặp lại"));
        Filter all = Filter.of(null, null, null, null, 1);
        Group g = details(List.of(issueId), all, scope, Map.of(issueId, v.issue()), true).get(issueId);
        if (g == null) {
            if (scope.kind() == Scope.Kind.ALL) {
                return new Group(issueId, v.issue().label, v.issue().status.name(), 0, List.of(), List.of(), List.of(), 0,
                        null, null, List.of(), Map.of(), null, false, List.of(), v.issue().cohesion(),
                        v.issue().responsibleUnitCode, v.issue().responsibleUnitName, v.issue().answer != null);
            }
            throw new NotFound("vấn đề lặp lại");
        }
        return g;
    }

    /** All member case ids of an issue within a scope (up to {@code limit}), oldest first. */
    public List<String> memberIds(String issueId, Scope scope, int limit) {
        List<String> out = new ArrayList<>();
        for (JsonNode h : search(memberIdsQuery(issueId, scope, limit)).path("hits").path("hits")) {
            out.add(h.path("_id").asText());
        }
        return out;
    }

    /**
     * {@link #memberIds} of many issues, {@value #MEMBER_SEARCHES} per {@code _msearch} round trip (the periodic
     * repair reads the members of a whole neighbourhood of issues): issue id → its member case ids, oldest first.
     */
    public Map<String, List<String>> memberIdsOf(java.util.Collection<String> issueIds, Scope scope, int limit) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(new java.util.LinkedHashSet<>(issueIds));
        for (int from = 0; from < ids.size(); from += MEMBER_SEARCHES) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MEMBER_SEARCHES));
            StringBuilder nd = new StringBuilder();
            chunk.forEach(id -> nd.append("{}\n").append(memberIdsQuery(id, scope, limit)).append('\n'));
            JsonNode responses;
            try {
                responses = es.ok("POST", "/" + config.index().alias() + "/_msearch", nd.toString()).path("responses");
            } catch (EsJson.Unavailable e) {
                throw SearchService.unavailable(e);
            }
            for (int k = 0; k < chunk.size(); k++) {
                JsonNode r = responses.path(k);
                if (r.has("error")) {
                    throw SearchService.unavailable(new EsJson.Unavailable("members of " + chunk.get(k) + ": "
                            + r.path("error"), null));
                }
                List<String> members = new ArrayList<>();
                for (JsonNode h : r.path("hits").path("hits")) {
                    members.add(h.path("_id").asText());
                }
                out.put(chunk.get(k), members);
            }
        }
        return out;
    }

    private static final int MEMBER_SEARCHES = 500;

    private ObjectNode memberIdsQuery(String issueId, Scope scope, int limit) {
        ObjectNode body = F.objectNode();
        body.put("size", Math.min(limit, 10_000));
        body.put("_source", false);
        body.set("query", query(Filter.of(null, null, null, null, 1), scope, List.of(issueId)));
        body.putArray("sort").addObject().putObject("submittedAt").put("order", "asc");
        return body;
    }

    /**
     * Provinces and topics (code → name, by name) that have cases in an issue within the scope: the choices of the
     * list page's filters ("p:<code>" and "t:<code>" keys).
     */
    public Map<String, String> options(Scope scope) {
        ObjectNode body = F.objectNode();
        body.put("size", 0);
        body.set("query", query(Filter.of(null, null, null, null, 1), scope, null));
        ObjectNode aggs = body.putObject("aggs");
        ObjectNode p = aggs.putObject("p");
        p.putObject("terms").put("field", "provinceCode").put("size", 100);
        p.putObject("aggs").putObject("name").putObject("terms").put("field", "provinceName").put("size", 1);
        ObjectNode t = aggs.putObject("t");
        t.putObject("terms").put("field", "topicCode").put("size", 100);
        t.putObject("aggs").putObject("name").putObject("terms").put("field", "topicName").put("size", 1);
        JsonNode r = search(body);
        Map<String, String> out = new LinkedHashMap<>();
        for (String kind : List.of("p", "t")) {
            List<Map.Entry<String, String>> entries = new ArrayList<>();
            for (JsonNode b : r.path("aggregations").path(kind).path("buckets")) {
                String name = firstKey(b.path("name"));
                entries.add(Map.entry(kind + ":" + b.path("key").asText(), name == null ? b.path("key").asText() : name));
            }
            entries.sort(Map.Entry.comparingByValue(java.text.Collator.getInstance(Locale.forLanguageTag("vi"))));
            entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** A page of an issue's member cases in scope, newest first: caseId, code, title, places, status, dates. */
    public record Member(String caseId, String code, String title, String provinceName, String communeName,
            String status, String statusLabel, Instant submittedAt, boolean answered, boolean pinned) {
    }

    public record Members(List<Member> items, long total, int page, int size) {
    }

    public Members members(String issueId, Scope scope, int page, int size) {
        ObjectNode body = F.objectNode();
        int p = Math.max(1, page);
        int s = Math.max(1, Math.min(100, size));
        body.put("from", (p - 1) * s);
        body.put("size", s);
        body.put("track_total_hits", true);
        body.set("query", query(Filter.of(null, null, null, null, 1), scope, List.of(issueId)));
        body.putArray("sort").addObject().putObject("submittedAt").put("order", "desc");
        body.putObject("_source").putArray("includes").add("caseId").add("code").add("title").add("provinceName")
                .add("communeName").add("status").add("submittedAt").add("answered").add("recurringPinned");
        JsonNode r = search(body);
        List<Member> items = new ArrayList<>();
        boolean anon = scope.anonymised();
        for (JsonNode h : r.path("hits").path("hits")) {
            JsonNode d = h.path("_source");
            String status = text(d, "status");
            items.add(new Member(text(d, "caseId"), text(d, "code"), text(d, "title"), anon ? null : text(d, "provinceName"),
                    anon ? null : text(d, "communeName"), status, SearchService.label("status", status),
                    d.hasNonNull("submittedAt") ? Instant.parse(d.path("submittedAt").asText()) : null,
                    d.path("answered").asBoolean(false), d.path("recurringPinned").asBoolean(false)));
        }
        return new Members(items, r.path("hits").path("total").path("value").asLong(), p, s);
    }

    /**
     * The member cases of an issue that are still open in the index (not answered, not closed), oldest first, up to
     * {@code limit}: the cases a published answer goes to (triage decides again, on its own state).
     */
    public List<Member> openMembers(String issueId, int limit) {
        ObjectNode body = F.objectNode();
        body.put("size", Math.max(1, Math.min(limit, 10_000)));
        ObjectNode q = query(Filter.of(null, null, null, null, 1), Scope.all(), List.of(issueId));
        ObjectNode bool = F.objectNode();
        bool.putObject("bool").putArray("must").add(q);
        bool.with("bool").putArray("must_not").addObject().putObject("terms").putArray("status").add("ANSWERED")
                .add("CLOSED");
        body.set("query", bool);
        body.putArray("sort").addObject().putObject("submittedAt").put("order", "asc");
        body.putObject("_source").putArray("includes").add("caseId").add("code").add("title").add("status");
        List<Member> out = new ArrayList<>();
        for (JsonNode h : search(body).path("hits").path("hits")) {
            JsonNode d = h.path("_source");
            String status = text(d, "status");
            out.add(new Member(h.path("_id").asText(), text(d, "code"), text(d, "title"), null, null, status,
                    SearchService.label("status", status), null, false, false));
        }
        return out;
    }

    /** The Ministry's responsible units known from the indexed cases (code → name, by name): a form's choices. */
    public Map<String, String> units() {
        ObjectNode body = F.objectNode();
        body.put("size", 0);
        ObjectNode u = body.putObject("aggs").putObject("u");
        u.putObject("terms").put("field", "responsibleUnitCode").put("size", 200);
        u.putObject("aggs").putObject("name").putObject("terms").put("field", "responsibleUnitName").put("size", 1);
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (JsonNode b : search(body).path("aggregations").path("u").path("buckets")) {
            String name = firstKey(b.path("name"));
            entries.add(Map.entry(b.path("key").asText(), name == null ? b.path("key").asText() : name));
        }
        entries.sort(Map.Entry.comparingByValue(java.text.Collator.getInstance(Locale.forLanguageTag("vi"))));
        Map<String, String> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * {@code withCommunes}: the issue page lists every commune with its count; a list shows only how many communes (a
     * {@code cardinality}, exact at these counts): a 500-commune terms aggregation under each of 20 issues was most of
     * the list's cost (about 70% of the request over a 276,000-case index).
     */
    private Map<String, Group> details(List<String> ids, Filter f, Scope scope, Map<String, RecurringIssue> records,
            boolean withCommunes) {
        Map<String, Group> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        ObjectNode body = F.objectNode();
        body.put("size", 0);
        body.set("query", query(f, scope, ids));
        ObjectNode issues = body.putObject("aggs").putObject("issues");
        issues.putObject("terms").put("field", "recurringIssueId").put("size", ids.size());
        ObjectNode sub = issues.putObject("aggs");
        // provinces and communes by code only: their names (and a commune's province) come from FacetLabels. Name and
        // province sub-aggregations under up to 500 communes of each of 50 issues cost seconds (4.2 s of a 4.5 s
        // request on a topic's page over 300,000 cases) and most of the answer's bytes
        sub.putObject("provinces").putObject("terms").put("field", "provinceCode").put("size", 100);
        if (withCommunes) {
            sub.putObject("communes").putObject("terms").put("field", "communeCode").put("size", ALL_COMMUNES);
        } else {
            sub.putObject("communeCount").putObject("cardinality").put("field", "communeCode")
                    .put("precision_threshold", ALL_COMMUNES);
        }
        sub.putObject("first").putObject("min").put("field", "submittedAt");
        sub.putObject("last").putObject("max").put("field", "submittedAt");
        ObjectNode weeks = sub.putObject("weeks").putObject("date_histogram");
        weeks.put("field", "submittedAt").put("calendar_interval", "week").put("time_zone", SearchService.VN.getId())
                .put("min_doc_count", 0);
        sub.putObject("status").putObject("terms").put("field", "status").put("size", 20);
        sub.putObject("topics").putObject("terms").put("field", "topicCode").put("size", 20);
        sub.putObject("answered").putObject("filter").putObject("term").put("answered", true);
        // member ids from doc values only: no _source or stored fields read (reading the _source of up to 100 members
        // of 50 issues meant decompressing thousands of stored-field blocks, seconds on a cold topic over 1M cases),
        // and a small answer to parse; the representatives' code and title come from one _mget afterwards
        ObjectNode top = sub.putObject("newest").putObject("top_hits");
        top.put("size", MEMBERS_SHOWN);
        top.putArray("sort").addObject().putObject("submittedAt").put("order", "desc");
        top.put("_source", false);
        top.put("stored_fields", "_none_");
        top.putArray("docvalue_fields").add("caseId");
        JsonNode r = search(body, DETAILS_FILTER);
        Map<String, String> representativeOf = new LinkedHashMap<>();
        Map<String, List<String>> membersOf = new LinkedHashMap<>();
        for (JsonNode b : r.path("aggregations").path("issues").path("buckets")) {
            String id = b.path("key").asText();
            RecurringIssue rec = records.get(id);
            List<String> caseIds = new ArrayList<>();
            for (JsonNode h : b.path("newest").path("hits").path("hits")) {
                JsonNode v = h.path("fields").path("caseId").path(0);
                if (v.isTextual()) {
                    caseIds.add(v.asText());
                }
            }
            membersOf.put(id, caseIds);
            String rep = rec != null && rec.representativeCaseId != null && caseIds.contains(rec.representativeCaseId)
                    ? rec.representativeCaseId : caseIds.isEmpty() ? null : caseIds.get(0);
            if (rep != null) {
                representativeOf.put(id, rep);
            }
        }
        Map<String, Representative> reps = representatives(representativeOf.values());
        Map<String, Map<String, String>> places = places(r.path("aggregations").path("issues").path("buckets"));
        for (JsonNode b : r.path("aggregations").path("issues").path("buckets")) {
            String id = b.path("key").asText();
            RecurringIssue rec = records.get(id);
            List<Place> provinces = new ArrayList<>();
            for (JsonNode p : b.path("provinces").path("buckets")) {
                Map<String, String> v = places.getOrDefault(FacetLabels.id("provinceCode", p.path("key").asText()), Map.of());
                provinces.add(new Place(p.path("key").asInt(), v.get(FacetLabels.LABEL), null, p.path("doc_count").asInt()));
            }
            List<Place> communes = withCommunes ? new ArrayList<>() : null;
            for (JsonNode c : withCommunes ? b.path("communes").path("buckets") : F.arrayNode()) {
                Map<String, String> v = places.getOrDefault(FacetLabels.id("communeCode", c.path("key").asText()), Map.of());
                String province = v.get("provinceCode");
                communes.add(new Place(c.path("key").asInt(), v.get(FacetLabels.LABEL),
                        province == null ? null : Integer.valueOf(province), c.path("doc_count").asInt()));
            }
            Map<String, Integer> status = new TreeMap<>();
            for (JsonNode s : b.path("status").path("buckets")) {
                status.put(s.path("key").asText(), s.path("doc_count").asInt());
            }
            List<String> topics = new ArrayList<>();
            for (JsonNode s : b.path("topics").path("buckets")) {
                topics.add(s.path("key").asText());
            }
            List<Week> trend = new ArrayList<>();
            for (JsonNode w : b.path("weeks").path("buckets")) {
                LocalDate monday = Instant.ofEpochMilli(w.path("key").asLong()).atZone(SearchService.VN).toLocalDate();
                trend.add(new Week(isoWeek(monday), w.path("doc_count").asInt()));
            }
            List<String> caseIds = membersOf.getOrDefault(id, List.of());
            Representative rep = representativeOf.containsKey(id) ? reps.get(representativeOf.get(id)) : null;
            String label = rec != null && rec.label != null ? rec.label : rep == null ? id : rep.title();
            out.put(id, new Group(id, label, rec == null ? "AUTO" : rec.status.name(), b.path("doc_count").asInt(),
                    caseIds, provinces, communes,
                    withCommunes ? communes.size() : b.path("communeCount").path("value").asInt(),
                    instant(b.path("first")), instant(b.path("last")), trend, status, rep,
                    b.path("answered").path("doc_count").asInt() > 0, topics,
                    rec == null || rec.cohesion() == null ? null : Math.round(rec.cohesion() * 1000) / 1000.0,
                    rec == null ? null : rec.responsibleUnitCode, rec == null ? null : rec.responsibleUnitName,
                    rec != null && rec.answer != null));
        }
        return out;
    }

    private ObjectNode query(Filter f, Scope scope, List<String> ids) {
        ObjectNode q = F.objectNode();
        ObjectNode bool = q.putObject("bool");
        ArrayNode filter = scope.filters();
        if (ids == null) {
            filter.addObject().putObject("exists").put("field", "recurringIssueId");
        } else {
            ArrayNode arr = filter.addObject().putObject("terms").putArray("recurringIssueId");
            ids.forEach(arr::add);
        }
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
        return q;
    }

    /** Names of the provinces and communes in the issue buckets, and each commune's province. */
    private Map<String, Map<String, String>> places(JsonNode buckets) {
        java.util.Set<String> provinces = new java.util.LinkedHashSet<>();
        java.util.Set<String> communes = new java.util.LinkedHashSet<>();
        for (JsonNode b : buckets) {
            b.path("provinces").path("buckets").forEach(p -> provinces.add(p.path("key").asText()));
            b.path("communes").path("buckets").forEach(c -> communes.add(c.path("key").asText()));
        }
        return labels.values(List.of(new FacetLabels.Wanted("provinceCode", "provinceName", provinces),
                new FacetLabels.Wanted("communeCode", "communeName", communes, List.of("provinceCode"))));
    }

    /** Code and title of the given cases (by id), from one {@code _mget} with source filtering. */
    private Map<String, Representative> representatives(java.util.Collection<String> caseIds) {
        Map<String, Representative> out = new LinkedHashMap<>();
        if (caseIds.isEmpty()) {
            return out;
        }
        ObjectNode body = F.objectNode();
        ArrayNode ids = body.putArray("ids");
        caseIds.stream().distinct().forEach(ids::add);
        try {
            EsJson.Reply r = es.call("POST", "/" + config.index().alias()
                    + "/_mget?_source_includes=code,title&filter_path=docs._id,docs._source", body);
            if (r.status() == 404) {
                throw SearchService.unavailable(new IllegalStateException("index missing"));
            }
            for (JsonNode d : r.body() == null ? F.arrayNode() : r.body().path("docs")) {
                JsonNode s = d.path("_source");
                if (!s.isMissingNode()) {
                    out.put(d.path("_id").asText(), new Representative(d.path("_id").asText(), text(s, "code"),
                            text(s, "title")));
                }
            }
        } catch (EsJson.Unavailable e) {
            throw SearchService.unavailable(e);
        }
        return out;
    }

    /** Leaves out of a details answer what it does not read: shard header, each member hit's index, score and sort. */
    private static final String DETAILS_FILTER = "filter_path=aggregations,-aggregations.issues.buckets.newest.hits.hits._index"
            + ",-aggregations.issues.buckets.newest.hits.hits._score,-aggregations.issues.buckets.newest.hits.hits.sort"
            + ",-aggregations.issues.buckets.newest.hits.hits._ignored";

    private JsonNode search(ObjectNode body) {
        return search(body, null);
    }

    private JsonNode search(ObjectNode body, String params) {
        try {
            EsJson.Reply r = es.call("POST", "/" + config.index().alias() + "/_search"
                    + (params == null ? "" : "?" + params), body);
            if (r.status() == 404) {
                throw SearchService.unavailable(new IllegalStateException("index missing"));
            }
            if (!r.ok()) {
                throw Invalid.unreadable("bad-query", "truy vấn không hợp lệ");
            }
            return r.body();
        } catch (EsJson.Unavailable e) {
            throw SearchService.unavailable(e);
        }
    }

    private static String firstKey(JsonNode terms) {
        JsonNode b = terms.path("buckets");
        return b.size() == 0 ? null : b.path(0).path("key").asText();
    }

    private static Instant instant(JsonNode agg) {
        JsonNode v = agg.path("value");
        return v.isNumber() ? Instant.ofEpochMilli(v.asLong()) : null;
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.path(field).asText() : null;
    }

    static String isoWeek(LocalDate d) {
        return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** "Tuần 49/2026" for "2026-W49". */
    public static String weekLabel(String isoWeek) {
        if (isoWeek == null || isoWeek.length() < 8) {
            return isoWeek;
        }
        return "Tuần " + Integer.parseInt(isoWeek.substring(6)) + "/" + isoWeek.substring(0, 4);
    }

    /** Vietnamese label of an issue status. */
    public static String statusLabel(String status) {
        if (status == null) {
            return "";
        }
        return switch (status) {
            case "CANDIDATE" -> "Mới phát hiện";
            case "AUTO" -> "Hệ thống tự nhóm";
            case "CONFIRMED" -> "Đã xác nhận";
            case "DISMISSED" -> "Đã loại bỏ";
            case "MERGED" -> "Đã gộp";
            default -> status;
        };
    }

    /** Vietnamese label of a case status. */
    public static String caseStatusLabel(String status) {
        try {
            return CaseStatus.valueOf(status).labelVi();
        } catch (RuntimeException e) {
            return status;
        }
    }
}
