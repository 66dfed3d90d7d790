package vn.gov.noivu.pakn.search.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The text part of a search, ranked rather than all-words-must-match (index mapping version 2 and later):
 * <ul>
 * <li>free text: most folded syllables must match in {@code text} (title + description + answer, copied at index
 * time), {@link #MINIMUM_SHOULD_MATCH}; its search analyzer expands common abbreviations (HĐND ↔ hội đồng nhân dân)
 * with a {@code synonym_graph} filter, an abbreviation or its full form counting as one word;</li>
 * <li>boosts: every word present, title, description, phrase (with slop), syllable shingles (2–3 syllable words),
 * exact diacritics; weights measured on the labelled sets (SearchEvaluationTest);</li>
 * <li>strict only where asked: {@code "phrase"} and {@code +word} must match as phrases, {@code -word} must not;</li>
 * <li>a case code (PAKN-2026-000123 in any spelling) finds that case first and otherwise only cases whose text
 * cites it; other words typed with it only rank.</li>
 * </ul>
 * Filters (scope, facets' filters) are added by the caller around this query.
 */
final class RankedQuery {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** One or two syllables: all must match; from three on, at least half, rounded up (2 of 3, 2 of 4, 3 of 5). */
    static final String MINIMUM_SHOULD_MATCH = "2<-50%";
    static final String SEARCH_ANALYZER = "vi_folded_search";

    static final float CODE_BOOST = 1000f;
    static final float TITLE_BOOST = 1.5f;
    static final float PHRASE_BOOST = 2f;
    static final int PHRASE_SLOP = 2;
    static final float SHINGLE_BOOST = 1f;
    static final float EXACT_BOOST = 1f;
    static final float ALL_WORDS_BOOST = 3f;
    static final float DESCRIPTION_BOOST = 1f;
    /**
     * Matches per shard that the boosts ({@link #windowBoosts}) are scored for (at least down to the page's end). With
     * a first pass of the {@code text} match alone, on 300,002 generated cases the top 20 agree with scoring every
     * match with every clause at 0.955 (window 400), 0.975 (600), 0.99 (1,000). The window is not free: on 901,023
     * cases scoring the boosts for it is about half of the hits request's {@code took} (17 ms p50, 46 p95 with 1,000;
     * 15 / 36 with 600, whose top 20 agree 3 points less with the full ranking), kept for that agreement
     * (search-service/docs/recurring-issues.md, "Full text on 901,023 cases: where the time goes").
     */
    static final int RESCORE_WINDOW = 1000;

    private RankedQuery() {
    }

    /** Adds the text query for {@code q} to {@code bool} (which already holds the filters). */
    static void addTo(ObjectNode bool, UserQuery q) {
        ArrayNode must = F.arrayNode();
        ArrayNode mustNot = F.arrayNode();
        for (String r : q.required()) {
            must.add(phrase("text", r, 0, 1f));
        }
        for (String x : q.excluded()) {
            mustNot.add(phrase("text", x, 0, 1f));
        }
        ObjectNode text = q.free() == null ? null : freeText(q.free());
        if (!q.codes().isEmpty()) {
            // a code is what the leader means: its case (first) or cases citing it; other words only rank
            ObjectNode codes = must.addObject().putObject("bool");
            ArrayNode either = codes.putArray("should");
            for (String code : q.codes()) {
                ObjectNode cs = either.addObject().putObject("constant_score");
                cs.putObject("filter").putObject("term").put("code", code);
                cs.put("boost", CODE_BOOST);
                either.add(phrase("text", code, 0, 1f)); // "như hồ sơ PAKN-2026-000123"
            }
            codes.put("minimum_should_match", 1);
            if (text != null) {
                bool.putArray("should").add(text);
            }
        } else if (text != null) {
            must.add(text);
        }
        if (!must.isEmpty()) {
            bool.set("must", must);
        }
        if (!mustNot.isEmpty()) {
            bool.set("must_not", mustNot);
        }
    }

    /**
     * The first pass: most syllables must match in {@code text} (recall), scored by that match alone. Every boost
     * (title, description, every word present, phrases, shingles, exact diacritics) is {@link #windowBoosts}, scored
     * for the top window only: with a single scoring clause Elasticsearch's block-max WAND skips the matches that
     * cannot enter the window once the count bound is reached (on 300,002 generated cases, "ban cua hoi" scored 11,237
     * of its ~200,000 matches instead of all of them; search-service/docs/recurring-issues.md).
     */
    static ObjectNode freeText(String free) {
        ObjectNode q = F.objectNode();
        ObjectNode main = q.putObject("match").putObject("text");
        main.put("query", free);
        main.put("minimum_should_match", MINIMUM_SHOULD_MATCH);
        return q;
    }

    /**
     * The boosts scored in the rescore window only: title, description, every word present, phrases with slop,
     * syllable shingles, exact diacritics. Added to the first pass's score, a case in the window scores what the
     * single query with these clauses among its should clauses gives it.
     */
    static ObjectNode windowBoosts(String free) {
        ObjectNode q = F.objectNode();
        ArrayNode should = q.putObject("bool").putArray("should");
        should.add(match("title", free, TITLE_BOOST, SEARCH_ANALYZER));
        should.add(match("description", free, DESCRIPTION_BOOST, SEARCH_ANALYZER));
        ObjectNode all = should.addObject().putObject("match").putObject("text"); // every word: ranks above most
        all.put("query", free);
        all.put("operator", "and");
        all.put("boost", ALL_WORDS_BOOST);
        should.add(phrase("title", free, PHRASE_SLOP, PHRASE_BOOST * 1.5f));
        should.add(phrase("text", free, PHRASE_SLOP, PHRASE_BOOST));
        should.add(match("title.shingles", free, SHINGLE_BOOST * 1.5f, null));
        should.add(match("description.shingles", free, SHINGLE_BOOST, null));
        should.add(match("title.exact", free, EXACT_BOOST, null));
        should.add(match("description.exact", free, EXACT_BOOST, null));
        return q;
    }

    /**
     * The {@code rescore} element: {@link #windowBoosts} for the top {@code window} matches of each shard, added to
     * the first pass's score.
     */
    static ObjectNode rescore(UserQuery q, int window) {
        ObjectNode r = F.objectNode();
        r.put("window_size", window);
        ObjectNode query = r.putObject("query");
        query.set("rescore_query", windowBoosts(q.free()));
        query.put("query_weight", 1);
        query.put("rescore_query_weight", 1);
        query.put("score_mode", "total");
        return r;
    }

    private static ObjectNode match(String field, String text, float boost, String analyzer) {
        ObjectNode n = F.objectNode();
        ObjectNode m = n.putObject("match").putObject(field);
        m.put("query", text);
        m.put("boost", boost);
        if (analyzer != null) {
            m.put("analyzer", analyzer);
        }
        return n;
    }

    private static ObjectNode phrase(String field, String text, int slop, float boost) {
        ObjectNode n = F.objectNode();
        ObjectNode m = n.putObject("match_phrase").putObject(field);
        m.put("query", text);
        m.put("slop", slop);
        m.put("boost", boost);
        if (field.equals("title")) {
            m.put("analyzer", SEARCH_ANALYZER);
        }
        return n;
    }
}
