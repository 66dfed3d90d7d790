package vn.gov.noivu.pakn.es.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chain {@code standard + lowercase + asciifolding} on Vietnamese, as our index settings use it. */
class VietnameseFoldingTest {

    private static final String BASE_VOWELS = "aăâeêioôơuưy";
    private static final char[] TONES = { '\u0300', '\u0301', '\u0303', '\u0309', '\u0323' }; // huyền sắc ngã hỏi nặng

    private final Analyzer vi = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream ts = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer), false);
            return new TokenStreamComponents(tokenizer, ts);
        }
    };

    @Test
    void everyPrecomposedVietnameseLetterFoldsToAscii() throws IOException {
        int checked = 0;
        for (char base : BASE_VOWELS.toCharArray()) {
            List<String> forms = new ArrayList<>();
            forms.add(String.valueOf(base));
            for (char tone : TONES) {
                forms.add(Normalizer.normalize(base + String.valueOf(tone), Normalizer.Form.NFC));
            }
            String expected = stripMarks(String.valueOf(base));
            for (String form : forms) {
                assertEquals(1, form.length(), "NFC gives one code unit for " + form);
                for (String cased : List.of(form, form.toUpperCase(Locale.ROOT))) {
                    assertEquals(List.of(expected), analyze(cased), "folding of " + cased);
                    checked++;
                }
            }
        }
        assertEquals(List.of("d"), analyze("đ"));
        assertEquals(List.of("d"), analyze("Đ"));
        assertEquals(12 * 6 * 2, checked);
    }

    @Test
    void sentences() throws IOException {
        assertEquals(List.of("thu", "tuc", "hanh", "chinh", "cap", "xa", "cham"), analyze("Thủ tục hành chính cấp xã chậm"));
        assertEquals(List.of("dang", "ky", "dat", "dai"), analyze("Đăng ký đất đai"));
        assertEquals(List.of("uy", "ban", "nhan", "dan"), analyze("ỦY BAN NHÂN DÂN"));
    }

    /** Decomposed (NFD) input keeps its combining marks: callers must send NFC text (Java: Normalizer NFC). */
    @Test
    void decomposedInputIsNotFullyFolded() throws IOException {
        String nfd = Normalizer.normalize("thủ tục", Normalizer.Form.NFD);
        assertNotEquals(List.of("thu", "tuc"), analyze(nfd));
        assertEquals(List.of("thu", "tuc"), analyze(Normalizer.normalize(nfd, Normalizer.Form.NFC)));
    }

    @Test
    void wordDelimiterTypeTable() {
        byte[] table = WordDelimiterGraphTokenFilterFactory.parseTypes(List.of("$ => DIGIT", "\\u002C => DIGIT", "\\u200D => ALPHANUM"));
        assertEquals((byte) org.apache.lucene.analysis.miscellaneous.WordDelimiterFilter.DIGIT, table['$']);
        assertEquals((byte) org.apache.lucene.analysis.miscellaneous.WordDelimiterFilter.DIGIT, table[',']);
        assertEquals((byte) WordDelimiterIterator.ALPHANUM, table['\u200D']);
        assertEquals(WordDelimiterIterator.getType('a'), table['a']);
        assertTrue(table.length > 0x200D);
    }

    @Test
    void uniqueDropsRepeatedTerms() throws IOException {
        Analyzer unique = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer,
                        new UniqueTokenFilter(new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer), false), false));
            }
        };
        List<String> out = new ArrayList<>();
        try (TokenStream ts = unique.tokenStream("f", "Đất đai, dat DAI và đất")) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        assertEquals(List.of("dat", "dai", "va"), out);
    }

    private static String stripMarks(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    private List<String> analyze(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = vi.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }
}
