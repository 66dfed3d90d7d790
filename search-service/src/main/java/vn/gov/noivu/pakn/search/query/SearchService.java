package vn.gov.noivu.pakn.search.query;

import vn.gov.noivu.pakn.commons.domain.DomainException;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.commons.domain.Unavailable;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Full-text search over the case alias: ranked partial matching ({@link RankedQuery}: most folded syllables, boosts
 * for phrases, multi-syllable words and exact diacritics, abbreviations, case codes), filters, facets (terms aggregations), highlights, from/size for the first pages and search_after for
 * deep ones. The caller's {@link Scope} is always part of the query.
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

    /** The ranked query needs the {@code text} field and the abbreviation analyzer of mapping version 2. */
    static final int RANKED_SINCE_MAPPING = 2;

    /** Facet name → (keyword/number field, label field, size). */
    private static final Map<String, String[]> FACETS = new LinkedHashMap<>();

    static {
        FACETS.put("province", new String[] {"provinceCode", "provinceName", "40"});
        FACETS.put("commune", new String[] {"communeCode", "communeName", "20"});
        FACETS.put("topic", new String[] {"topicCode", "topicName", "20"});
        FACETS.put("status", new String[] {"status", null, "10"});
        FACETS.put("authority", new String[] {"authorityLevel", null, "10"});
        FACETS.put("liaison", new String[] {"liaisonId", "liaisonName", "40"});
        FACETS.put("kind", new String[] {"kind", null, "5"});
        FACETS.put("urgency", new String[] {"urgency", null, "5"});
        FACETS.put("overdue", new String[] {"overdue", null, "2"});
    }

    public SearchPage search(SearchCriteria c, Scope scope, boolean facets) {
        return search(c, scope, facets, config.index().alias());
    }

    /** The same search on another index or alias (the search-quality harness measures a labelled set's own index). */
    public SearchPage search(SearchCriteria c, Scope scope, boolean facets, String index) {
        ObjectNode body = F.objectNode();
        body.set("query", query(c, scope));
        body.put("size", c.size());
        body.put("track_total_hits", true);
        body.set("_source", itemSource());
        body.set("sort", sort(c.sort()));
        if (c.cursor() != null) {
            body.set("search_after", decodeCursor(c.cursor()));
        } else {
            int from = (c.page() - 1) * c.size();
            if (from + c.size() > MAX_WINDOW) {
                throw Invalid.unreadable("page-too-deep", "trang quá sâu: dùng tham số after (nextCursor)");
            }
            body.put("from", from);
        }
        if (c.q() != null) {
            body.set("highlight", highlight());
        }
        if (facets) {
            body.set("aggs", aggregations(scope));
        }
        SearchResponse<CaseDocument> r = execute(body, index);
        List<SearchPage.Item> items = new ArrayList<>();
        String next = null;
        for (Hit<CaseDocument> h : r.hits().hits()) {
            items.add(item(h, scope));
            if (h.sort() != null && !h.sort().isEmpty()) {
                next = encodeCursor(h.sort());
            }
        }
        long total = r.hits().total() == null ? items.size() : r.hits().total().value();
        if (items.size() < c.size()) {
            next = null;
        }
        Map<String, List<SearchPage.Facet>> f = facets ? facets(r.aggregations(), scope) : null;
        return new SearchPage(total, c.cursor() == null ? c.page() : 0, c.size(), items, f, next);
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

    private static ObjectNode aggregations(Scope scope) {
        ObjectNode aggs = F.objectNode();
        FACETS.forEach((name, spec) -> {
            if (scope.anonymised() && List.of("province", "commune", "liaison", "authority").contains(name)) {
                return;
            }
            ObjectNode a = aggs.putObject(name);
            a.putObject("terms").put("field", spec[0]).put("size", Integer.parseInt(spec[2]));
            if (spec[1] != null) {
                // the name of each key as the matching cases carry it (the most frequent one); FacetLabels' cached
                // names would save ~60% on the landing page but can show another data set's or an older name
                a.putObject("aggs").putObject("label").putObject("terms").put("field", spec[1]).put("size", 1);
            }
        });
        return aggs;
    }

    private Map<String, List<SearchPage.Facet>> facets(Map<String, Aggregate> aggs, Scope scope) {
        Map<String, List<SearchPage.Facet>> out = new LinkedHashMap<>();
        for (String name : FACETS.keySet()) {
            Aggregate a = aggs.get(name);
            if (a == null) {
                continue;
            }
            out.put(name, buckets(a, key -> label(name, key)));
        }
        return out;
    }

    /** Buckets of a terms aggregation (string, long or boolean keys), with the label sub-aggregation if any. */
    static List<SearchPage.Facet> buckets(Aggregate a, Function<String, String> fallbackLabel) {
        List<SearchPage.Facet> out = new ArrayList<>();
        if (a.isSterms()) {
            a.sterms().buckets().array().forEach(b -> {
                String key = b.key().stringValue();
                out.add(new SearchPage.Facet(key, subLabel(b.aggregations(), key, fallbackLabel), b.docCount()));
            });
        } else if (a.isLterms()) {
            a.lterms().buckets().array().forEach(b -> {
                String key = b.keyAsString() != null ? b.keyAsString() : String.valueOf(b.key());
                out.add(new SearchPage.Facet(key, subLabel(b.aggregations(), key, fallbackLabel), b.docCount()));
            });
        }
        return out;
    }

    private static String subLabel(Map<String, Aggregate> sub, String key, Function<String, String> fallback) {
        Aggregate label = sub == null ? null : sub.get("label");
        if (label != null && label.isSterms() && !label.sterms().buckets().array().isEmpty()) {
            return label.sterms().buckets().array().get(0).key().stringValue();
        }
        return fallback.apply(key);
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
        return Base64.getUrlEncoder().withoutPadding().encodeToString(arr.toString().getBytes(StandardCharsets.UTF_8));
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
