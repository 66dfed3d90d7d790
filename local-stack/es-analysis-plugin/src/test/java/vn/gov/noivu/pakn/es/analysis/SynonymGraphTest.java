package vn.gov.noivu.pakn.es.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** synonym_graph's rule parsing behind {@code standard + lowercase + asciifolding}, as search-service uses it. */
class SynonymGraphTest {

    private static Analyzer folded(SynonymMap map) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream ts = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer), false);
                return new TokenStreamComponents(tokenizer, map == null ? ts : new SynonymGraphFilter(ts, map, false));
            }
        };
    }

    private static List<String> terms(Analyzer a, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }

    @Test
    void rulesAreFoldedAndExpandBothWays() throws IOException {
        SynonymMap map = SynonymGraphTokenFilterFactory.build(List.of("HĐND, hội đồng nhân dân", "UBND, ủy ban nhân dân"),
                true, false, folded(null));
        Analyzer a = folded(map);
        List<String> abbreviation = terms(a, "Hđnd xã");
        assertTrue(abbreviation.containsAll(List.of("hdnd", "hoi", "dong", "nhan", "dan", "xa")), abbreviation.toString());
        List<String> full = terms(a, "HỘI ĐỒNG NHÂN DÂN xã");
        assertTrue(full.contains("hdnd"), full.toString());
        assertEquals(List.of("thu", "tuc"), terms(a, "thủ tục"));
    }

    @Test
    void lenientSkipsBadRulesStrictFails() {
        List<String> rules = List.of("ubnd, ủy ban nhân dân", "=>", "hđnd, hội đồng nhân dân");
        assertThrows(IllegalArgumentException.class, () -> SynonymGraphTokenFilterFactory.build(rules, true, false, folded(null)));
        SynonymMap map = SynonymGraphTokenFilterFactory.build(rules, true, true, folded(null));
        assertTrue(map.fst != null);
    }
}
