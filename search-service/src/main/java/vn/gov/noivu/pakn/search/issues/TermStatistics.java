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
 * Document frequencies of features in the whole case index, per field, from Elasticsearch's term statistics
 * ({@code _mtermvectors} of artificial documents): a syllable's from {@code title} and {@code description}, a pair's
 * ("a_b") from their {@code .shingles} subfields (the term "a b"), kept apart by {@link #key}: a case's feature takes
 * the larger df of the fields its own title and description have it in ({@link IssueVectors}), as Elasticsearch
 * reports a field's statistics only for the terms that field of the given document has. A term's statistics do not
 * depend on the rest of that document, so there are two ways to ask:
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

    /**
     * Dfs by {@link #key} (absent or 0: no refreshed case has the feature in that field) and the document count n they
     * go with.
     */
    public record Df(Map<String, Long> df, long n) {

        long of(String key) {
            return df.getOrDefault(key, 0L);
        }
    }

    /** A field's df of a feature: the title's ({@code title}, {@code title.shingles}) or the description's. */
    public static String key(boolean title, String feature) {
        return (title ? "t:" : "d:") + feature;
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
     * For each text, the dfs of its title's features ({@code titles.get(i)}) in the title and of its description's in
     * the description, from an artificial document of its whole text, one request per {@value #CHUNK} texts.
     */
    public List<Df> ofTexts(List<IssueVectors.Text> texts, List<? extends Collection<String>> titles,
            List<? extends Collection<String>> descriptions) {
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
                titles.get(from + i).forEach(f -> df.put(key(true, f), dfOf(tv, true, f)));
                descriptions.get(from + i).forEach(f -> df.put(key(false, f), dfOf(tv, false, f)));
                out.add(new Df(df, docCount(tv)));
            }
        }
        return out;
    }

    /**
     * The dfs of these features in both fields, from artificial documents made of them alone (the same text as title
     * and as description), in one request (none without features).
     */
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
            parts.get(i).forEach(f -> {
                df.put(key(true, f), dfOf(tv, true, f));
                df.put(key(false, f), dfOf(tv, false, f));
            });
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

    /** A feature's df in the title or the description: a syllable's in the field, a pair's in its shingles. */
    private static long dfOf(JsonNode tv, boolean title, String f) {
        return df(tv, field(title, f), term(f));
    }

    /** The index field that holds a feature: the title's or description's text, or its shingles for a pair "a_b". */
    static String field(boolean title, String f) {
        String field = title ? "title" : "description";
        return f.indexOf('_') > 0 ? field + ".shingles" : field;
    }

    /** The indexed term of a feature: a syllable as is, a pair "a_b" as the shingle "a b". */
    static String term(String f) {
        return f.replace('_', ' ');
    }

    private static long df(JsonNode tv, String field, String term) {
        return tv.path(field).path("terms").path(term).path("doc_freq").asLong(0);
    }
}
