package vn.gov.noivu.pakn.search.issues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.search.config.SearchConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many live (searchable, not deleted) cases hold each of a few features: one {@code _search} of size 0 with a
 * {@code filters} aggregation per {@value #CHUNK} features (a syllable: a term of {@code title} or {@code description};
 * a pair "a_b": the term "a b" of their {@code .shingles} subfields). Term statistics count deleted versions too, and
 * scaling them by the index's live fraction ({@link IssueVectors}) is a guess for one word: a word of two new cases
 * (indexed once or twice each) scales below two cases when the index holds many deleted versions of other cases.
 * {@link IssueVectors} asks this only for the features near the cut, so the count is exact where it decides.
 */
@ApplicationScoped
public class LiveCaseCounts {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Most filters per request. */
    static final int CHUNK = 500;

    @Inject
    EsJson es;

    @Inject
    SearchConfig config;

    /** Live cases holding each feature (every feature asked gets an entry, 0 included). */
    public Map<String, Long> of(Collection<String> features) {
        Map<String, Long> out = new HashMap<>();
        List<String> all = new ArrayList<>(features);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            JsonNode buckets = es.ok("POST", "/" + config.index().alias() + "/_search", request(chunk))
                    .path("aggregations").path("live").path("buckets");
            for (int i = 0; i < chunk.size(); i++) {
                out.put(chunk.get(i), buckets.path("f" + i).path("doc_count").asLong(0));
            }
        }
        return out;
    }

    /** The request for one chunk: bucket {@code f<i>} counts the cases holding feature i. */
    static ObjectNode request(List<String> features) {
        ObjectNode body = F.objectNode();
        body.put("size", 0);
        body.put("track_total_hits", false);
        ObjectNode filters = body.putObject("aggs").putObject("live").putObject("filters").putObject("filters");
        for (int i = 0; i < features.size(); i++) {
            String f = features.get(i);
            ArrayNode should = filters.putObject("f" + i).putObject("bool").putArray("should");
            for (boolean title : new boolean[] {true, false}) {
                should.addObject().putObject("term").put(TermStatistics.field(title, f), TermStatistics.term(f));
            }
        }
        return body;
    }
}
