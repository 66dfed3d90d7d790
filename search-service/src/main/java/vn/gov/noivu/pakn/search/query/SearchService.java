package vn.gov.noivu.pakn.search.query;

import vn.gov.noivu.pakn.commons.domain.DomainException;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.commons.domain.Unavailable;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.commons.text.VietnameseText;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.events.CaseKind;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.search.config.SearchConfig;
import vn.gov.noivu.pakn.search.indexing.CaseDocument;
import vn.gov.noivu.pakn.search.indexing.IndexManager;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Full-text search over the case alias: ranked partial matching ({@link RankedQuery}: most folded syllables, boosts
 * for phrases, multi-syllable words and exact diacritics, abbreviations, case codes), filters, facets
 * ({@link FacetSearch}: terms aggregations, exact for up to {@link Limits#countUpTo()} matches and estimated from a
 * random sample beyond),
 * totals exact up to that bound, highlights, from/size for the first pages and search_after for deep ones. The
 * caller's {@link Scope} is always part of the query.
 */
@ApplicationScoped
public class SearchService {

    public static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    static final int MAX_WINDOW = 10_000;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Inject
    ElasticsearchClient client;

    @Inject
    SearchConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    IndexManager indices;

    @Inject
    FacetSearch facetSearch;

    /** The ranked query needs the {@code text} field and the abbreviation analyzer of mapping version 2. */
    static final int RANKED_SINCE_MAPPING = 2;

    public SearchPage search(SearchCriteria c, Scope scope, boolean facets) {
        return search(c, scope, facets, config.index().alias());
    }

    /**
     * The same search on another index or alias (the search-quality harness measures a labelled set's own index).
     * <p>
     * Counting: the hits request counts matches exactly only up to {@link Limits#countUpTo()}
     * ({@code track_total_hits}), so Elasticsearch can skip what cannot enter the top page (block-max WAND for
     * relevance, the sort field's points for newest first); a page after a cursor counts nothing and has no facets.
     * Facets: {@link FacetSearch} sends a bounded count at the same time and then one facet request
     * ({@link FacetPlan}).
     */
    public SearchPage search(SearchCriteria c, Scope scope, boolean facets, String index) {
        Limits lim = limits;
        boolean deep = c.cursor() != null;
        Integer offset = deep ? cursorOffset(c.cursor()) : null;
        boolean afterSortValues = deep && offset == null;
        int from = afterSortValues ? 0 : offset != null ? offset : (c.page() - 1) * c.size();
        ObjectNode query = query(c, scope);
        boolean ranked = rescored(c);
        // the rescore window: relevance-ranked free text on a page whose next page from/size still reaches
        boolean window = ranked && !afterSortValues && from + 2L * c.size() <= MAX_WINDOW;
        ObjectNode body = F.objectNode();
        body.set("query", ranked && !window ? withWindowBoosts(c, query) : query);
        body.put("size", c.size());
        if (deep) {
            body.put("track_total_hits", false);
        } else {
            body.put("track_total_hits", lim.countUpTo());
        }
        body.set("_source", itemSource());
        if (window) {
            // Elasticsearch's rescore takes no other sort: equal scores keep the index's order
            body.putArray("sort").addObject().putObject("_score").put("order", "desc");
            body.set("rescore", RankedQuery.rescore(UserQuery.parse(c.q()),
                    Math.max(RankedQuery.RESCORE_WINDOW, from + c.size())));
        } else {
            body.set("sort", sort(c.sort()));
        }
        if (afterSortValues) {
            body.set("search_after", decodeCursor(c.cursor()));
        } else {
            if (from + c.size() > MAX_WINDOW) {
                throw Invalid.unreadable("page-too-deep", "trang quá sâu: dùng tham số after (nextCursor)");
            }
            body.put("from", from);
        }
        if (c.q() != null) {
            body.set("highlight", highlight());
        }
        // the one facet request (FacetSearch), on its way while the hits request runs
        CompletableFuture<FacetSearch.Answer> pendingFacets = facets && !deep
                ? facetSearch.start(index, query, scope, lim) : null;
        SearchResponse<CaseDocument> r = execute(body, index);
        List<SearchPage.Item> items = new ArrayList<>();
        String next = null;
        for (Hit<CaseDocument> h : r.hits().hits()) {
            items.add(item(h, scope));
            if (!window && h.sort() != null && !h.sort().isEmpty()) {
                next = encodeCursor(h.sort());
            }
        }
        if (window) {
            next = encodeOffset(from + c.size());
        }
        if (items.size() < c.size()) {
            next = null;
        }
        Long total = null;
        String relation = null;
        if (!deep && r.hits().total() != null) {
            total = r.hits().total().value();
            relation = r.hits().total().relation() == TotalHitsRelation.Gte ? SearchPage.AT_LEAST : SearchPage.EXACT;
        }
        FacetSearch.Facets f = pendingFacets == null ? null : facetSearch.facets(index, scope, pendingFacets);
        // an estimate of the total when it is a lower bound and the facets come from a sample
        Long estimate = f != null && f.approximate() && SearchPage.AT_LEAST.equals(relation)
                ? Math.max(total, f.estimatedMatches()) : null;
        return new SearchPage(total, relation, estimate, deep ? 0 : c.page(), c.size(),
                items, f == null ? null : f.values(), f == null ? null : f.approximate(), next);
    }

    // ------------------------------------------------------------------------------------------ counts and facets

    /**
     * How far counts are exact, and how large the facet samples are (from {@link SearchConfig.Results}; replaceable
     * at run time with {@link #limits(Limits)}, e.g. by a test that needs the approximate path on a small index).
     */
    public record Limits(int countUpTo, int facetSample, int facetMinSample) {
    }

    private volatile Limits limits;

    @jakarta.annotation.PostConstruct
    void initLimits() {
        limits = new Limits(config.results().countUpTo(), config.results().facetSample(),
                config.results().facetMinSample());
    }

    public Limits limits() {
        return limits;
    }

    /** Replaces the limits; returns the previous ones. */
    public Limits limits(Limits l) {
        Limits before = limits;
        limits = l;
        return before;
    }

    /** 227,431 → 230,000; 12,345 → 12,000; 987 → 990: an estimate shows no more digits than it has. */
    public static long roundTwoDigits(long n) {
        if (n < 100) {
            return n;
        }
        long unit = (long) Math.pow(10, (long) Math.floor(Math.log10(n)) - 1);
        return Math.round((double) n / unit) * unit;
    }

    /** "Similar to this draft": more_like_this over the folded and shingled title and description. */
    public List<SearchPage.Item> similar(String text, int limit, Scope scope) {
        String t = VietnameseText.nfc(text);
        if (t == null || t.isBlank()) {
            throw Invalid.field("text", "không được để trống");
        }
        ObjectNode body = F.objectNode();
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.set("filter", scope.filters());
        ObjectNode mlt = bool.putArray("must").addObject().putObject("more_like_this");
        mlt.putArray("fields").add("title").add("title.shingles").add("description").add("description.shingles");
        mlt.put("like", t);
        mlt.put("min_term_freq", 1);
        mlt.put("min_doc_freq", 1);
        mlt.put("max_query_terms", 50);
        mlt.put("minimum_should_match", "25%");
        body.put("size", Math.max(1, Math.min(limit, 20)));
        body.set("_source", itemSource());
        SearchResponse<CaseDocument> r = execute(body);
        return r.hits().hits().stream().map(h -> item(h, scope)).toList();
    }

    SearchResponse<CaseDocument> execute(ObjectNode body) {
        return execute(body, config.index().alias());
    }

    SearchResponse<CaseDocument> execute(ObjectNode body, String index) {
        try {
            SearchRequest req = SearchRequest.of(b -> b.index(index)
                    .withJson(new StringReader(body.toString())));
            return client.search(req, CaseDocument.class);
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                throw unavailable(e);
            }
            if (e.status() == 400) {
                throw Invalid.unreadable("bad-query", "truy vấn không hợp lệ");
            }
            throw unavailable(e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException p) {
                throw p;
            }
            throw unavailable(e);
        }
    }

    public static Unavailable unavailable(Exception e) {
        org.jboss.logging.Logger.getLogger(SearchService.class).warnf("Elasticsearch unavailable: %s", e.toString());
        return new Unavailable("search-unavailable", "Dịch vụ tìm kiếm tạm thời không sẵn sàng",
                "vui lòng thử lại sau ít phút");
    }

    ObjectNode query(SearchCriteria c, Scope scope) {
        ObjectNode q = F.objectNode();
        ObjectNode bool = q.putObject("bool");
        ArrayNode filter = scope.filters();
        terms(filter, "provinceCode", c.provinces());
        terms(filter, "communeCode", c.communes());
        terms(filter, "topicCode", c.topics());
        terms(filter, "status", c.statuses());
        terms(filter, "authorityLevel", c.authorities());
        terms(filter, "kind", c.kinds());
        terms(filter, "urgency", c.urgencies());
        terms(filter, "liaisonId", c.liaisons());
        if (c.overdue() != null) {
            filter.add(Scope.term("overdue", c.overdue()));
        }
        if (c.answered() != null) {
            filter.add(Scope.term("answered", c.answered()));
        }
        if (c.from() != null || c.to() != null) {
            ObjectNode range = filter.addObject().putObject("range").putObject("submittedAt");
            if (c.from() != null) {
                range.put("gte", c.from().atStartOfDay(VN).toInstant().toString());
            }
            if (c.to() != null) {
                range.put("lt", c.to().plusDays(1).atStartOfDay(VN).toInstant().toString());
            }
        }
        bool.set("filter", filter);
        if (c.q() != null && indices.liveMappingVersion() >= RANKED_SINCE_MAPPING) {
            RankedQuery.addTo(bool, UserQuery.parse(c.q()));
        } else if (c.q() != null) {
            // an index of an older generation (before the upgrade rebuild swaps the alias): all words must match
            ObjectNode sqs = bool.putArray("must").addObject().putObject("simple_query_string");
            sqs.put("query", VietnameseText.nfc(c.q()));
            sqs.putArray("fields").add("title^3").add("title.exact^2").add("description").add("description.exact")
                    .add("answerText").add("code^5");
            sqs.put("default_operator", "and");
            sqs.put("lenient", true);
        }
        return q;
    }

    /**
     * Whether a search is ranked with a rescore window ({@link RankedQuery#rescore}): relevance-ranked free text on
     * an index of the ranked mapping. Other sorts do not use the score, a search without free text has no boosts to
     * defer.
     * <p>
     * A page within from/size reach (its next page too) is one request: the first pass ({@link RankedQuery#freeText})
     * over every match, {@link RankedQuery#windowBoosts} for the top {@link RankedQuery#RESCORE_WINDOW} (or down to
     * the end of the page), sorted by that score alone (Elasticsearch's {@code rescore} refuses tie-breakers); its
     * cursor is the next offset ({@link #encodeOffset}). Deeper pages, and pages after a cursor of sort values, score
     * every match with the boosts in one pass ({@link #withWindowBoosts}) and keep the tie-breakers.
     */
    boolean rescored(SearchCriteria c) {
        return c.q() != null && c.sort() == SearchCriteria.Sort.RELEVANCE
                && indices.liveMappingVersion() >= RANKED_SINCE_MAPPING && UserQuery.parse(c.q()).free() != null;
    }

    /**
     * {@code query} with the window's boosts ({@link RankedQuery#windowBoosts}) added to its score, in one pass: a
     * case of the rescore window scores the same either way.
     */
    ObjectNode withWindowBoosts(SearchCriteria c, ObjectNode query) {
        if (!rescored(c)) {
            return query;
        }
        ObjectNode q = F.objectNode();
        ObjectNode bool = q.putObject("bool");
        bool.putArray("must").add(query);
        bool.putArray("should").add(RankedQuery.windowBoosts(UserQuery.parse(c.q()).free()));
        return q;
    }

    private static void terms(ArrayNode filter, String field, List<?> values) {
        if (!values.isEmpty()) {
            ArrayNode arr = filter.addObject().putObject("terms").putArray(field);
            values.forEach(v -> arr.addPOJO(v));
        }
    }

    static ArrayNode sort(SearchCriteria.Sort sort) {
        ArrayNode s = F.arrayNode();
        switch (sort) {
            case RELEVANCE -> {
                s.addObject().putObject("_score").put("order", "desc");
                s.addObject().putObject("submittedAt").put("order", "desc");
            }
            case NEWEST -> s.addObject().putObject("submittedAt").put("order", "desc");
            case OLDEST -> s.addObject().putObject("submittedAt").put("order", "asc");
            case DUE -> s.addObject().putObject("dueAt").put("order", "asc").put("missing", "_last");
            case UPDATED -> s.addObject().putObject("updatedAt").put("order", "desc");
        }
        s.addObject().putObject("caseId").put("order", "asc"); // unique tie-breaker: stable pages and search_after
        return s;
    }

    private static ObjectNode highlight() {
        ObjectNode h = F.objectNode();
        h.putArray("pre_tags").add(Highlights.PRE);
        h.putArray("post_tags").add(Highlights.POST);
        h.put("require_field_match", false);
        // the array form keeps the order (and is what the Java client's deserializer expects)
        ArrayNode fields = h.putArray("fields");
        fields.addObject().putObject("title").put("number_of_fragments", 0);
        fields.addObject().putObject("description").put("fragment_size", 160).put("number_of_fragments", 2);
        fields.addObject().putObject("answerText").put("fragment_size", 160).put("number_of_fragments", 1);
        return h;
    }

    public static String label(String facet, String key) {
        try {
            return switch (facet) {
                case "status" -> CaseStatus.valueOf(key).labelVi();
                case "authority" -> AuthorityLevel.valueOf(key).labelVi();
                case "kind" -> CaseKind.valueOf(key).labelVi();
                case "urgency" -> Urgency.valueOf(key).labelVi();
                case "overdue" -> "true".equals(key) ? "Quá hạn" : "Chưa quá hạn";
                default -> key;
            };
        } catch (IllegalArgumentException e) {
            return key;
        }
    }

    /** The fields {@link #item} reads: the timeline, attachments and workflow texts of a case stay in Elasticsearch. */
    static final List<String> ITEM_FIELDS = List.of("caseId", "code", "title", "description", "provinceCode",
            "provinceName", "communeCode", "communeName", "topicCode", "topicName", "kind", "urgency", "status",
            "authorityLevel", "liaisonId", "liaisonName", "submittedAt", "dueAt", "overdue", "handoverCount",
            "escalationCount", "supporters", "answered", "answerText");

    private static ObjectNode itemSource() {
        ObjectNode src = F.objectNode();
        ArrayNode includes = src.putArray("includes");
        ITEM_FIELDS.forEach(includes::add);
        return src;
    }

    SearchPage.Item item(Hit<CaseDocument> h, Scope scope) {
        CaseDocument d = h.source();
        Map<String, List<String>> hl = h.highlight() == null ? Map.of() : h.highlight();
        String markedTitle = first(hl.get("title"));
        String markedExcerpt = hl.containsKey("description") ? String.join(" … ", hl.get("description"))
                : hl.containsKey("answerText") ? first(hl.get("answerText")) : abbreviate(d.description, 220);
        boolean anon = scope.anonymised();
        String title = d.title;
        String titleMarked = markedTitle != null ? markedTitle : title;
        return new SearchPage.Item(d.caseId, d.code, title, Highlights.toHtml(titleMarked),
                Highlights.toHtml(markedExcerpt),
                anon ? null : d.provinceCode, anon ? null : d.provinceName,
                anon ? null : d.communeCode, anon ? null : d.communeName,
                d.topicCode, d.topicName, d.kind, d.urgency, d.status, label("status", d.status),
                d.authorityLevel, anon ? null : d.liaisonId, anon ? null : d.liaisonName,
                d.submittedAt, d.dueAt, d.overdue, d.handoverCount, d.escalationCount, d.supporters,
                Boolean.TRUE.equals(d.answered), Boolean.TRUE.equals(d.answered) ? abbreviate(d.answerText, 300) : null,
                h.score(), Highlights.segments(titleMarked), Highlights.segments(markedExcerpt));
    }

    private static String first(List<String> l) {
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    static String abbreviate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int cut = s.lastIndexOf(' ', max);
        return s.substring(0, cut > max / 2 ? cut : max) + "…";
    }

    // search_after cursors: the sort values of the last hit, as base64url JSON

    String encodeCursor(List<FieldValue> sortValues) {
        ArrayNode arr = F.arrayNode();
        for (FieldValue v : sortValues) {
            if (v.isNull()) {
                arr.addNull();
            } else if (v.isLong()) {
                arr.add(v.longValue());
            } else if (v.isDouble()) {
                arr.add(v.doubleValue());
            } else if (v.isBoolean()) {
                arr.add(v.booleanValue());
            } else if (v.isString()) {
                arr.add(v.stringValue());
            } else {
                arr.add(v._toJsonString());
            }
        }
        return base64(arr);
    }

    private static String base64(JsonNode cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor of a page ranked with the rescore window: the offset of the next page, {@code {"from":n}} as
     * base64url JSON (sort values would not continue it: its order has no tie-breakers).
     */
    String encodeOffset(int from) {
        return base64(F.objectNode().put("from", from));
    }

    /** The offset of an {@link #encodeOffset} cursor; null for a cursor of sort values. */
    Integer cursorOffset(String cursor) {
        try {
            JsonNode n = mapper.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (n instanceof ObjectNode o) {
                JsonNode f = o.get("from");
                if (o.size() == 1 && f != null && f.canConvertToInt() && f.asInt() >= 0 && f.asInt() < MAX_WINDOW) {
                    return f.asInt();
                }
                throw Invalid.unreadable("bad-cursor", "tham số after không hợp lệ");
            }
        } catch (IllegalArgumentException | IOException e) {
            // decodeCursor says so
        }
        return null;
    }

    ArrayNode decodeCursor(String cursor) {
        try {
            JsonNode n = mapper.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (n instanceof ArrayNode a && a.size() >= 2 && a.size() <= 3) {
                return a;
            }
        } catch (IllegalArgumentException | IOException e) {
            // fall through
        }
        throw Invalid.unreadable("bad-cursor", "tham số after không hợp lệ");
    }

    public static LocalDate today() {
        return LocalDate.now(VN);
    }
}
