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
 * Document frequencies of features in the whole case index, from Elasticsearch's term statistics
 * ({@code _mtermvectors} of artificial documents): a syllable's from {@code title}/{@code description}, a pair's
 * ("a_b") from their {@code .shingles} subfields (the term "a b"), the larger of the two fields. Elasticsearch reports
 * statistics only for the terms of the document it is given, and a term's statistics do not depend on the rest of that
 * document, so there are two ways to ask:
 * <ul>
 *   <li>{@link #ofTexts}: a case's whole text as the features see it ({@link TextClusterer#statisticsText}), one
 *       document per case;</li>
 *   <li>{@link #ofFeatures}: a document made of the features alone, a pair written as its two words side by side
 *       (which gives its shingle), for the features of a batch the assigner has not seen lately. The shingles between
 *       neighbouring features come along and are not read.</li>
 * </ul>
 * A feature every pair of which {@link TextClusterer#features} makes from two adjacent words of one clause has the
 * same df either way.
 */
@ApplicationScoped
public class TermStatistics {

    /** Dfs by feature (a feature absent or 0: no refreshed case has it) and the document count n they go with. */
    public record Df(Map<String, Long> df, long n) {

        long of(String feature) {
            return df.getOrDefault(feature, 0L);
        }
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> FIELDS = List.of("title", "description", "title.shingles", "description.shingles");
    /** Most documents per _mtermvectors request. */
    private static final int CHUNK = 25;
    /** Most features per artificial document of {@link #ofFeatures}. */
    static final int FEATURES_PER_DOC = 300;

    @Inject
    EsJson es;

    @Inject
    SearchConfig config;

    /**
     * For each text (title, description), the dfs of {@code features.get(i)} from an artificial document of its whole
     * text, one request per {@value #CHUNK} texts.
     */
    public List<Df> ofTexts(List<IssueVectors.Text> texts, List<? extends Collection<String>> features) {
        List<Df> out = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += CHUNK) {
            List<IssueVectors.Text> chunk = texts.subList(from, Math.min(texts.size(), from + CHUNK));
            ArrayNode docs = F.arrayNode();
            // the words the features are made of (the table's replacements and additions included), so that
            // Elasticsearch returns the statistics of every feature
            chunk.forEach(t -> doc(docs, TextClusterer.statisticsText(t.title()),
                    TextClusterer.statisticsText(t.description())));
            JsonNode results = request(docs);
            for (int i = 0; i < chunk.size(); i++) {
                JsonNode tv = results.path(i).path("term_vectors");
                Map<String, Long> df = new HashMap<>();
                features.get(from + i).forEach(f -> df.put(f, dfOf(tv, f)));
                out.add(new Df(df, docCount(tv)));
            }
        }
        return out;
    }

    /** The dfs of these features from artificial documents made of them alone, in one request (none without features). */
    public Df ofFeatures(Collection<String> features) {
        List<List<String>> parts = new ArrayList<>();
        for (String f : features) {
            if (parts.isEmpty() || parts.getLast().size() == FEATURES_PER_DOC) {
                parts.add(new ArrayList<>());
            }
            parts.getLast().add(f);
        }
        if (parts.isEmpty()) {
            return new Df(Map.of(), 0);
        }
        ArrayNode docs = F.arrayNode();
        parts.forEach(p -> {
            String text = text(p);
            doc(docs, text, text);
        });
        JsonNode results = request(docs);
        Map<String, Long> df = new HashMap<>();
        long n = 0;
        for (int i = 0; i < parts.size(); i++) {
            JsonNode tv = results.path(i).path("term_vectors");
            parts.get(i).forEach(f -> df.put(f, dfOf(tv, f)));
            n = Math.max(n, docCount(tv));
        }
        return new Df(df, n);
    }

    /** The text of an artificial document holding these features: syllables as they are, a pair "a_b" as "a b". */
    static String text(List<String> features) {
        return String.join(" ", features.stream().map(f -> f.replace('_', ' ')).toList());
    }

    private static void doc(ArrayNode docs, String title, String description) {
        ObjectNode d = docs.addObject();
        ObjectNode doc = d.putObject("doc");
        doc.put("title", title);
        doc.put("description", description);
        ArrayNode fields = d.putArray("fields");
        FIELDS.forEach(fields::add);
        d.put("term_statistics", true);
        d.put("field_statistics", true);
        d.put("positions", false);
        d.put("offsets", false);
    }

    private JsonNode request(ArrayNode docs) {
        ObjectNode body = F.objectNode();
        body.set("docs", docs);
        return es.ok("POST", "/" + config.index().alias() + "/_mtermvectors", body).path("docs");
    }

    private static long docCount(JsonNode tv) {
        return Math.max(tv.path("description").path("field_statistics").path("doc_count").asLong(0),
                tv.path("title").path("field_statistics").path("doc_count").asLong(0));
    }

    /** A feature's df as Elasticsearch counts it: a syllable's from title/description, a pair's from their shingles. */
    private static long dfOf(JsonNode tv, String f) {
        return f.indexOf('_') > 0
                ? Math.max(df(tv, "title.shingles", f.replace('_', ' ')), df(tv, "description.shingles", f.replace('_', ' ')))
                : Math.max(df(tv, "title", f), df(tv, "description", f));
    }

    private static long df(JsonNode tv, String field, String term) {
        return tv.path(field).path("terms").path(term).path("doc_freq").asLong(0);
    }
}
