package vn.gov.noivu.pakn.search.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.search.config.SearchConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The facets of a first page: one facet request per search, chosen by {@link FacetPlan} and always used. On an index
 * large enough to be sampled, a count bounded by {@link FacetPlan#countTo} (no aggregations, no scores) is sent at
 * the same time as the hits request; its answer chooses the facet request, sent as soon as it arrives: the exact
 * terms aggregations over every match (at most {@link SearchService.Limits#countUpTo()}), or one
 * {@code random_sampler} sample with the probability the count calls for. Facet names come from {@link FacetLabels}.
 */
@ApplicationScoped
public class FacetSearch {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** A fixed seed: the same search shows the same estimated counts each time (until the index changes). */
    static final int SAMPLE_SEED = 20_251_203;
    private static final long DOC_COUNT_TTL_NANOS = 60L * 1_000_000_000L;

    /** Facet name → (keyword/number field, field of its name for {@link FacetLabels}, size). */
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

    @Inject
    ElasticsearchClient client;

    @Inject
    RestClient rest;

    @Inject
    ObjectMapper mapper;

    @Inject
    SearchConfig config;

    @Inject
    FacetLabels labels;

    /**
     * The facets of a page: their values, whether they are estimates, and (when they are) the number of matching
     * cases the sample estimates, rounded to two significant digits.
     */
    public record Facets(Map<String, List<SearchPage.Facet>> values, boolean approximate, Long estimatedMatches) {
    }

    /** The answer of the one facet request: its aggregations (the sampler's bucket when sampled) and its plan. */
    public record Answer(JsonNode aggs, FacetPlan plan) {
    }

    /** Sends the requests for the facets of {@code query}; {@link #facets} waits for them. */
    public CompletableFuture<Answer> start(String index, ObjectNode query, Scope scope, SearchService.Limits lim) {
        double first = FacetPlan.firstProbability(docCount(index), lim);
        if (FacetPlan.exactOnSmallIndex(first)) {
            return send(index, query, scope, FacetPlan.exact());
        }
        int countTo = FacetPlan.countTo(first, lim);
        return count(index, query, countTo).thenCompose(total -> send(index, query, scope,
                FacetPlan.fromCount(total.path("value").asLong(), "gte".equals(total.path("relation").asText()),
                        first, lim)));
    }

    /** The facets of a {@link #start}ed request, named. */
    public Facets facets(String index, Scope scope, CompletableFuture<Answer> pending) {
        Answer a = join(pending);
        Map<String, List<SearchPage.Facet>> values = values(index, a.aggs(), scope);
        if (!a.plan().sampled()) {
            return new Facets(values, false, null);
        }
        long drawn = a.aggs().path("doc_count").asLong();
        return new Facets(values, true, SearchService.roundTwoDigits(Math.round(drawn / a.plan().probability())));
    }

    private final Map<String, DocCount> docCounts = new ConcurrentHashMap<>();

    private record DocCount(long count, long at) {
    }

    /** Cases in the index (read at most once a minute): what the first sample's probability is drawn from. */
    long docCount(String index) {
        long now = System.nanoTime();
        DocCount d = docCounts.get(index);
        if (d == null || now - d.at() > DOC_COUNT_TTL_NANOS) {
            try {
                d = new DocCount(client.count(b -> b.index(index)).count(), now);
            } catch (IOException | RuntimeException e) {
                throw SearchService.unavailable(e);
            }
            docCounts.put(index, d);
        }
        return d.count();
    }

    /** A size-0 count of the matches up to {@code upTo} ({@code hits.total}: its value and relation). */
    private CompletableFuture<JsonNode> count(String index, ObjectNode query, int upTo) {
        ObjectNode body = F.objectNode();
        body.set("query", query);
        body.put("size", 0);
        body.put("track_total_hits", upTo);
        return post(index, body, "hits.total").thenApply(n -> n.path("hits").path("total"));
    }

    /** The facet request of {@code plan}: the terms aggregations over every match, or under a sampler. */
    private CompletableFuture<Answer> send(String index, ObjectNode query, Scope scope, FacetPlan plan) {
        ObjectNode body = F.objectNode();
        body.set("query", query);
        body.put("size", 0);
        body.put("track_total_hits", false);
        if (plan.sampled()) {
            ObjectNode sample = body.putObject("aggs").putObject("sample");
            sample.putObject("random_sampler").put("probability", plan.probability()).put("seed", SAMPLE_SEED);
            sample.set("aggs", aggregations(scope));
        } else {
            body.set("aggs", aggregations(scope));
        }
        return post(index, body, "aggregations").thenApply(n -> {
            JsonNode aggs = n.path("aggregations");
            return new Answer(plan.sampled() ? aggs.path("sample") : aggs, plan);
        });
    }

    private CompletableFuture<JsonNode> post(String index, ObjectNode body, String filterPath) {
        Request req = new Request("POST", "/" + index + "/_search");
        req.addParameter("filter_path", filterPath);
        req.addParameter("request_cache", String.valueOf(config.results().requestCache()));
        req.setJsonEntity(body.toString());
        CompletableFuture<JsonNode> out = new CompletableFuture<>();
        rest.performRequestAsync(req, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                try {
                    out.complete(mapper.readTree(EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
                } catch (IOException | RuntimeException e) {
                    out.completeExceptionally(e);
                }
            }

            @Override
            public void onFailure(Exception e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SearchService.unavailable(e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause(); // a failure inside a chained request (the one after the count)
            }
            if (cause instanceof ResponseException re && re.getResponse().getStatusLine().getStatusCode() == 400) {
                throw Invalid.unreadable("bad-query", "truy vấn không hợp lệ");
            }
            throw SearchService.unavailable(cause instanceof Exception x ? x : e);
        }
    }

    private static ObjectNode aggregations(Scope scope) {
        ObjectNode aggs = F.objectNode();
        FACETS.forEach((name, spec) -> {
            if (scope.anonymised() && List.of("province", "commune", "liaison", "authority").contains(name)) {
                return;
            }
            // keys only: names come from FacetLabels (values), not from a sub-aggregation per bucket
            aggs.putObject(name).putObject("terms").put("field", spec[0]).put("size", Integer.parseInt(spec[2]));
        });
        return aggs;
    }

    /**
     * The facets of an aggregation response (the top level, or the sampler's bucket). Names of provinces, communes,
     * topics and liaisons come from one place, {@link FacetLabels} (the name the newest case of that code carries,
     * remembered for 30 minutes), as on the recurring-issue pages; statuses and the other enumerations from their
     * Vietnamese labels.
     */
    private Map<String, List<SearchPage.Facet>> values(String index, JsonNode aggs, Scope scope) {
        Map<String, List<String[]>> keys = new LinkedHashMap<>();
        List<FacetLabels.Wanted> wanted = new ArrayList<>();
        for (Map.Entry<String, String[]> e : FACETS.entrySet()) {
            JsonNode a = aggs.get(e.getKey());
            if (a == null) {
                continue;
            }
            List<String[]> buckets = new ArrayList<>();
            for (JsonNode b : a.path("buckets")) {
                String key = b.has("key_as_string") ? b.get("key_as_string").asText() : b.path("key").asText();
                buckets.add(new String[] {key, b.path("doc_count").asText()});
            }
            keys.put(e.getKey(), buckets);
            String labelField = e.getValue()[1];
            if (labelField != null && !buckets.isEmpty()) {
                wanted.add(new FacetLabels.Wanted(e.getValue()[0], labelField,
                        buckets.stream().map(b -> b[0]).toList()));
            }
        }
        Map<String, String> names = wanted.isEmpty() ? Map.of() : labels.labels(index, wanted);
        Map<String, List<SearchPage.Facet>> out = new LinkedHashMap<>();
        keys.forEach((name, buckets) -> {
            String field = FACETS.get(name)[0];
            List<SearchPage.Facet> l = new ArrayList<>();
            for (String[] b : buckets) {
                String n = names.get(FacetLabels.id(field, b[0]));
                l.add(new SearchPage.Facet(b[0], n != null ? n : SearchService.label(name, b[0]),
                        Long.parseLong(b[1])));
            }
            out.put(name, l);
        });
        return out;
    }
}
