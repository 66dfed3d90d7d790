package vn.gov.noivu.pakn.search.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.search.config.SearchConfig;
import vn.gov.noivu.pakn.search.issues.EsJson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names of facet keys (province, commune, topic codes and liaison ids → the names the cases carry, and a commune's
 * province), remembered for 30 minutes: the one source of these names for search's facets and the recurring-issue
 * list and issue page. Terms sub-aggregations for the names under up to 500 communes of each of 50 issues cost seconds
 * on a large index (and ~60% of search's landing page); the names of the keys shown instead come from one
 * {@code _msearch} (a search collapsed on the key, per field) for the keys not known yet or read too long ago. A name
 * is the one the newest case of that code carries (the collapse keeps the newest case of each key), so a renamed
 * place shows its new name once a case carries it and the remembered name is read again (at most 30 minutes).
 */
@ApplicationScoped
public class FacetLabels {

    private static final Logger LOG = Logger.getLogger(FacetLabels.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** A name is read again after this long (a province or commune can be renamed). */
    static final long TTL_NANOS = 30L * 60 * 1_000_000_000L;

    private record Known(Map<String, String> values, long at) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();

    @Inject
    EsJson es;

    @Inject
    SearchConfig config;

    /**
     * One facet's keys to name: {@code codeField} holds the keys, {@code labelField} (a keyword) their names; the
     * values of {@code alsoFields} (doc values, e.g. the province of a commune) come along.
     */
    public record Wanted(String codeField, String labelField, Collection<String> keys, List<String> alsoFields) {

        public Wanted(String codeField, String labelField, Collection<String> keys) {
            this(codeField, labelField, keys, List.of());
        }
    }

    /**
     * The names of the wanted keys (field + key → name); a key whose name cannot be read is left out (the caller
     * shows the key).
     */
    public Map<String, String> labels(List<Wanted> wanted) {
        return labels(config.index().alias(), wanted);
    }

    /** {@link #labels(List)} as the cases of another index or alias carry them. */
    public Map<String, String> labels(String index, List<Wanted> wanted) {
        Map<String, String> out = new HashMap<>();
        values(index, wanted).forEach((k, v) -> {
            String label = v.get(LABEL);
            if (label != null) {
                out.put(k, label);
            }
        });
        return out;
    }

    /** Key of the name in the maps of {@link #values}. */
    public static final String LABEL = "";

    /** For each wanted key (field + key, see {@link #id}): its name (under {@link #LABEL}) and its {@code alsoFields}. */
    public Map<String, Map<String, String>> values(List<Wanted> wanted) {
        return values(config.index().alias(), wanted);
    }

    private Map<String, Map<String, String>> values(String index, List<Wanted> wanted) {
        Map<String, Map<String, String>> out = new HashMap<>();
        List<Wanted> missing = new ArrayList<>();
        long now = System.nanoTime();
        for (Wanted w : wanted) {
            for (String key : w.keys()) {
                String k = id(w.codeField(), key);
                Known n = known.get(index + '\u0000' + k);
                if (n != null && now - n.at() < TTL_NANOS && n.values().keySet().containsAll(w.alsoFields())) {
                    out.put(k, n.values());
                } else {
                    missing.add(new Wanted(w.codeField(), w.labelField(), List.of(key), w.alsoFields()));
                }
            }
        }
        if (!missing.isEmpty()) {
            load(index, missing, now, out);
        }
        return out;
    }

    public static String id(String codeField, String key) {
        return codeField + '\u0000' + key;
    }

    /**
     * One search per field: the missing keys' cases collapsed on the key (one case per key; collapsing visits the
     * matching cases but reads only a doc value per case, about 0.3 s for all 3,321 communes over 300,000 cases on
     * a busy machine, where a terms aggregation with name sub-aggregations took 0.7 s and one lookup per key 8 s).
     */
    private void load(String index, List<Wanted> missing, long now, Map<String, Map<String, String>> out) {
        Map<List<Object>, List<String>> groups = new java.util.LinkedHashMap<>();
        for (Wanted m : missing) {
            groups.computeIfAbsent(List.of(m.codeField(), m.labelField(), m.alsoFields()), g -> new ArrayList<>())
                    .addAll(m.keys());
        }
        StringBuilder nd = new StringBuilder();
        List<Wanted> order = new ArrayList<>();
        groups.forEach((g, keys) -> {
            @SuppressWarnings("unchecked")
            Wanted w = new Wanted((String) g.get(0), (String) g.get(1), keys, (List<String>) g.get(2));
            order.add(w);
            ObjectNode body = F.objectNode();
            body.put("size", keys.size());
            body.put("track_total_hits", false);
            body.put("_source", false);
            var fields = body.putArray("docvalue_fields").add(w.codeField()).add(w.labelField());
            w.alsoFields().forEach(fields::add);
            var terms = body.putObject("query").putObject("constant_score").putObject("filter").putObject("terms")
                    .putArray(w.codeField());
            keys.forEach(terms::add);
            body.putObject("collapse").put("field", w.codeField());
            // the newest case of each key: its name is the current one
            body.putArray("sort").addObject().putObject("submittedAt").put("order", "desc");
            nd.append("{}\n").append(body).append('\n');
        });
        try {
            EsJson.Reply r = es.call("POST", "/" + index + "/_msearch?filter_path=responses.hits.hits.fields",
                    nd.toString());
            if (!r.ok() || r.body() == null) {
                LOG.debugf("facet labels: _msearch answered %d", r.status());
                return;
            }
            JsonNode responses = r.body().path("responses");
            for (int i = 0; i < order.size() && i < responses.size(); i++) {
                Wanted m = order.get(i);
                for (JsonNode h : responses.get(i).path("hits").path("hits")) {
                    JsonNode f = h.path("fields");
                    JsonNode key = f.path(m.codeField()).path(0);
                    JsonNode v = f.path(m.labelField()).path(0);
                    if (!key.isValueNode() || !v.isTextual()) {
                        continue;
                    }
                    Map<String, String> values = new HashMap<>();
                    values.put(LABEL, v.asText());
                    for (String also : m.alsoFields()) {
                        JsonNode a = f.path(also).path(0);
                        if (a.isValueNode()) {
                            values.put(also, a.asText());
                        }
                    }
                    String k = id(m.codeField(), key.asText());
                    known.put(index + '\u0000' + k, new Known(Map.copyOf(values), now));
                    out.put(k, values);
                }
            }
        } catch (RuntimeException e) { // EsJson.Unavailable included
            // names are a nicety: the facet shows its keys
            LOG.debugf("facet labels not loaded: %s", e.toString());
        }
    }
}
