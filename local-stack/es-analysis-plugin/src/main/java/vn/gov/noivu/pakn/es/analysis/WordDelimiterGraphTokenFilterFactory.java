package vn.gov.noivu.pakn.es.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterFilter; // type constants only (public there)
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.TokenFilterFactory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.CATENATE_ALL;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.CATENATE_NUMBERS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.CATENATE_WORDS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.GENERATE_WORD_PARTS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.IGNORE_KEYWORDS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.PRESERVE_ORIGINAL;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.SPLIT_ON_NUMERICS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;

/**
 * {@code word_delimiter_graph} with Elasticsearch's parameters and defaults: generate_word_parts (true),
 * generate_number_parts (true), catenate_words, catenate_numbers, catenate_all (false), split_on_case_change (true),
 * preserve_original (false), split_on_numerics (true), stem_english_possessive (true), ignore_keywords (false),
 * protected_words / protected_words_path, type_table / type_table_path ({@code "$ => DIGIT"}), adjust_offsets (true).
 */
final class WordDelimiterGraphTokenFilterFactory extends AbstractTokenFilterFactory {

    private static final Pattern TYPE_RULE = Pattern.compile("(.*)\\s*=>\\s*(.*)\\s*$");

    private final byte[] charTypeTable;
    private final int flags;
    private final CharArraySet protectedWords;
    private final boolean adjustOffsets;

    WordDelimiterGraphTokenFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name);
        List<String> typeTable = Analysis.getWordList(env, settings, "type_table");
        this.charTypeTable = typeTable == null ? WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE : parseTypes(typeTable);
        int f = 0;
        f |= flag(settings, "generate_word_parts", true, GENERATE_WORD_PARTS);
        f |= flag(settings, "generate_number_parts", true, GENERATE_NUMBER_PARTS);
        f |= flag(settings, "catenate_words", false, CATENATE_WORDS);
        f |= flag(settings, "catenate_numbers", false, CATENATE_NUMBERS);
        f |= flag(settings, "catenate_all", false, CATENATE_ALL);
        f |= flag(settings, "split_on_case_change", true, SPLIT_ON_CASE_CHANGE);
        f |= flag(settings, "preserve_original", false, PRESERVE_ORIGINAL);
        f |= flag(settings, "split_on_numerics", true, SPLIT_ON_NUMERICS);
        f |= flag(settings, "stem_english_possessive", true, STEM_ENGLISH_POSSESSIVE);
        f |= flag(settings, "ignore_keywords", false, IGNORE_KEYWORDS);
        this.flags = f;
        CharArraySet words = Analysis.getWordSet(env, settings, "protected_words");
        this.protectedWords = words == null ? null : CharArraySet.copy(words);
        this.adjustOffsets = settings.getAsBoolean("adjust_offsets", true);
    }

    private static int flag(Settings settings, String key, boolean defaultValue, int flag) {
        return settings.getAsBoolean(key, defaultValue) ? flag : 0;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new WordDelimiterGraphFilter(tokenStream, adjustOffsets, charTypeTable, flags, protectedWords);
    }

    @Override
    public TokenFilterFactory getSynonymFilter() {
        throw new IllegalArgumentException("Token filter [" + name() + "] cannot be used to parse synonyms");
    }

    /** Rules {@code c => TYPE}, TYPE one of LOWER, UPPER, ALPHA, DIGIT, ALPHANUM, SUBWORD_DELIM; c may be an escape. */
    static byte[] parseTypes(List<String> rules) {
        Map<Character, Byte> types = new TreeMap<>();
        for (String rule : rules) {
            Matcher m = TYPE_RULE.matcher(rule);
            if (m.find() == false) {
                throw new RuntimeException("Invalid Mapping Rule : [" + rule + "]");
            }
            String lhs = unescape(m.group(1).trim());
            Byte rhs = type(m.group(2).trim());
            if (lhs.length() != 1) {
                throw new RuntimeException("Invalid Mapping Rule : [" + rule + "]. Only a single character is allowed.");
            }
            if (rhs == null) {
                throw new RuntimeException("Invalid Mapping Rule : [" + rule + "]. Illegal type.");
            }
            types.put(lhs.charAt(0), rhs);
        }
        int size = WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE.length;
        for (char c : types.keySet()) {
            size = Math.max(size, c + 1);
        }
        byte[] table = new byte[size];
        for (int i = 0; i < table.length; i++) {
            table[i] = WordDelimiterIterator.getType(i);
        }
        types.forEach((c, t) -> table[c] = t);
        return table;
    }

    private static Byte type(String s) {
        return switch (s) {
            case "LOWER" -> (byte) WordDelimiterFilter.LOWER;
            case "UPPER" -> (byte) WordDelimiterFilter.UPPER;
            case "ALPHA" -> (byte) WordDelimiterFilter.ALPHA;
            case "DIGIT" -> (byte) WordDelimiterFilter.DIGIT;
            case "ALPHANUM" -> (byte) WordDelimiterFilter.ALPHANUM;
            case "SUBWORD_DELIM" -> (byte) WordDelimiterFilter.SUBWORD_DELIM;
            default -> null;
        };
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '\\') {
                if (i >= s.length()) {
                    throw new RuntimeException("Invalid escaped char in [" + s + "]");
                }
                c = s.charAt(i++);
                switch (c) {
                    case '\\' -> c = '\\';
                    case 'n' -> c = '\n';
                    case 't' -> c = '\t';
                    case 'r' -> c = '\r';
                    case 'b' -> c = '\b';
                    case 'f' -> c = '\f';
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw new RuntimeException("Invalid escaped char in [" + s + "]");
                        }
                        c = (char) Integer.parseInt(s.substring(i, i + 4), 16);
                        i += 4;
                    }
                    default -> { } // any other escaped character stands for itself
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
