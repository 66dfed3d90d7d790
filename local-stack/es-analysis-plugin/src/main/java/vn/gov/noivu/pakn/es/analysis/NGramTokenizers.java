package vn.gov.noivu.pakn.es.analysis;

import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.TokenizerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * {@code ngram} and {@code edge_ngram} tokenizers: min_gram (1), max_gram (2), token_chars (letter, digit, whitespace,
 * punctuation, symbol, custom or any Unicode general category by its java.lang.Character constant name, e.g.
 * {@code non_spacing_mark}), custom_token_chars. An empty token_chars keeps every character.
 */
final class NGramTokenizers {

    private static final Map<String, IntPredicate> CLASSES = characterClasses();

    private NGramTokenizers() {}

    static TokenizerFactory ngram(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        int minGram = settings.getAsInt("min_gram", NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE);
        int maxGram = settings.getAsInt("max_gram", NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
        checkNgramDiff(indexSettings, minGram, maxGram, "NGram Tokenizer");
        IntPredicate tokenChars = parseTokenChars(settings);
        return TokenizerFactory.newFactory(name, () -> tokenChars == null ? new NGramTokenizer(minGram, maxGram) : new NGramTokenizer(minGram, maxGram) {
            @Override
            protected boolean isTokenChar(int chr) {
                return tokenChars.test(chr);
            }
        });
    }

    static TokenizerFactory edgeNgram(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        int minGram = settings.getAsInt("min_gram", NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE);
        int maxGram = settings.getAsInt("max_gram", NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
        IntPredicate tokenChars = parseTokenChars(settings);
        return TokenizerFactory.newFactory(name, () -> tokenChars == null ? new EdgeNGramTokenizer(minGram, maxGram) : new EdgeNGramTokenizer(minGram, maxGram) {
            @Override
            protected boolean isTokenChar(int chr) {
                return tokenChars.test(chr);
            }
        });
    }

    static void checkNgramDiff(IndexSettings indexSettings, int minGram, int maxGram, String what) {
        int maxAllowed = indexSettings.getMaxNgramDiff();
        int diff = maxGram - minGram;
        if (diff > maxAllowed) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in " + what + " must be less than or equal to: ["
                    + maxAllowed + "] but was [" + diff + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting."
            );
        }
    }

    static IntPredicate parseTokenChars(Settings settings) {
        List<String> classes = settings.getAsList("token_chars");
        if (classes == null || classes.isEmpty()) {
            return null;
        }
        List<IntPredicate> matchers = new ArrayList<>();
        for (String raw : classes) {
            String cls = raw.toLowerCase(Locale.ROOT).trim();
            IntPredicate matcher = CLASSES.get(cls);
            if (matcher == null) {
                if (cls.equals("custom") == false) {
                    Set<String> known = new TreeSet<>(CLASSES.keySet());
                    known.add("custom");
                    throw new IllegalArgumentException("Unknown token type: '" + cls + "', must be one of " + known);
                }
                String custom = settings.get("custom_token_chars");
                if (custom == null) {
                    throw new IllegalArgumentException("Token type: 'custom' requires setting `custom_token_chars`");
                }
                Set<Integer> chars = custom.chars().boxed().collect(Collectors.toUnmodifiableSet());
                matcher = chars::contains;
            }
            matchers.add(matcher);
        }
        return c -> {
            for (IntPredicate m : matchers) {
                if (m.test(c)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Map<String, IntPredicate> characterClasses() {
        Map<String, IntPredicate> map = new TreeMap<>();
        map.put("letter", Character::isLetter);
        map.put("digit", Character::isDigit);
        map.put("whitespace", Character::isWhitespace);
        map.put("punctuation", c -> switch (Character.getType(c)) {
            case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                Character.FINAL_QUOTE_PUNCTUATION -> true;
            default -> false;
        });
        map.put("symbol", c -> switch (Character.getType(c)) {
            case Character.CURRENCY_SYMBOL, Character.MATH_SYMBOL, Character.OTHER_SYMBOL, Character.MODIFIER_SYMBOL -> true;
            default -> false;
        });
        for (Field field : Character.class.getFields()) {
            if (field.getName().startsWith("DIRECTIONALITY") == false
                && Modifier.isStatic(field.getModifiers())
                && field.getType() == byte.class) {
                try {
                    byte category = field.getByte(null);
                    map.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), c -> Character.getType(c) == category);
                } catch (IllegalAccessException e) {
                    // public static fields of java.lang.Character are always readable
                }
            }
        }
        return Map.copyOf(map);
    }
}
