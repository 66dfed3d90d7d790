package vn.gov.noivu.pakn.es.analysis;

import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.PreConfiguredTokenizer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.elasticsearch.plugins.AnalysisPlugin.requiresAnalysisSettings;

/**
 * Registers a subset of Elasticsearch's analysis-common module (which is not on Maven Central) under the same names,
 * with the same parameters and defaults, so that index settings written for a stock Elasticsearch 9 distribution work
 * on the local node unchanged, and the other way round. Everything here wraps Lucene classes of
 * lucene-analysis-common, which the server already ships in lib/.
 *
 * <p>Registered token filter types: {@code asciifolding} (preserve_original), {@code edge_ngram} (min_gram, max_gram,
 * preserve_original, deprecated side), {@code ngram} (min_gram, max_gram, preserve_original; index.max_ngram_diff),
 * {@code word_delimiter_graph} (all flags, protected_words[_path], type_table[_path], adjust_offsets,
 * ignore_keywords), {@code lowercase} (language: greek, irish, turkish), {@code uppercase}, {@code trim},
 * {@code truncate} (length), {@code length} (min, max), {@code reverse}, {@code remove_duplicates},
 * {@code unique} (only_on_same_position), {@code decimal_digit}, {@code synonym_graph} (synonyms, synonyms_path,
 * expand, lenient, format solr, updateable; rules analysed by the preceding chain). Pre-configured (usable by name
 * without a definition): the same except synonym_graph, plus {@code keyword_repeat}
 * and {@code stop} with the English stop words. Tokenizer types: {@code keyword} (buffer_size), {@code whitespace}
 * (max_token_length), {@code ngram} and {@code edge_ngram} (min_gram, max_gram, token_chars, custom_token_chars).
 *
 * <p>Not provided (absent from the local node, present in production): {@code synonym} (use synonym_graph),
 * {@code synonyms_set}, stemmers, language analyzers,
 * char filters (html_strip, mapping, pattern_replace), {@code elision}, {@code word_delimiter}, ICU (no NFC
 * normalization: send NFC text, as Java strings from a browser form usually are).
 */
public class PaknAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> filters = new TreeMap<>();
        filters.put("asciifolding", AsciiFoldingTokenFilterFactory::new);
        filters.put("edge_ngram", EdgeNGramTokenFilterFactory::new);
        filters.put("ngram", NGramTokenFilterFactory::new);
        filters.put("word_delimiter_graph", WordDelimiterGraphTokenFilterFactory::new);
        filters.put("synonym_graph", requiresAnalysisSettings(SynonymGraphTokenFilterFactory::new));
        filters.put("lowercase", LowerCaseTokenFilterFactory::new);
        filters.put("uppercase", (indexSettings, env, name, settings) -> SimpleFilters.normalizing(name, UpperCaseFilter::new));
        filters.put("trim", TrimTokenFilterFactory::new);
        filters.put("truncate", requiresAnalysisSettings(TruncateTokenFilterFactory::new));
        filters.put("length", LengthTokenFilterFactory::new);
        filters.put("reverse", (indexSettings, env, name, settings) -> SimpleFilters.plain(name, ReverseStringFilter::new));
        filters.put(
            "remove_duplicates",
            (indexSettings, env, name, settings) -> SimpleFilters.plain(name, RemoveDuplicatesTokenFilter::new)
        );
        filters.put("unique", (indexSettings, env, name, settings) -> {
            boolean onlyOnSamePosition = settings.getAsBoolean("only_on_same_position", false);
            return SimpleFilters.plain(name, in -> new UniqueTokenFilter(in, onlyOnSamePosition));
        });
        filters.put(
            "decimal_digit",
            (indexSettings, env, name, settings) -> SimpleFilters.normalizing(name, DecimalDigitFilter::new)
        );
        return filters;
    }

    @Override
    public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
        return List.of(
            PreConfiguredTokenFilter.singleton("asciifolding", true, ASCIIFoldingFilter::new),
            PreConfiguredTokenFilter.singleton("decimal_digit", true, DecimalDigitFilter::new),
            PreConfiguredTokenFilter.singleton("edge_ngram", false, false, input -> new EdgeNGramTokenFilter(input, 1)),
            PreConfiguredTokenFilter.singleton("keyword_repeat", false, false, KeywordRepeatFilter::new),
            PreConfiguredTokenFilter.singleton("length", false, input -> new LengthFilter(input, 0, Integer.MAX_VALUE)),
            PreConfiguredTokenFilter.singleton("ngram", false, false, input -> new NGramTokenFilter(input, 1, 2, false)),
            PreConfiguredTokenFilter.singleton("reverse", false, ReverseStringFilter::new),
            PreConfiguredTokenFilter.singleton(
                "stop",
                false,
                input -> new StopFilter(input, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET)
            ),
            PreConfiguredTokenFilter.singleton("trim", true, TrimFilter::new),
            PreConfiguredTokenFilter.singleton("truncate", false, input -> new TruncateTokenFilter(input, 10)),
            PreConfiguredTokenFilter.singleton("unique", false, input -> new UniqueTokenFilter(input, false)),
            PreConfiguredTokenFilter.singleton("uppercase", true, UpperCaseFilter::new),
            PreConfiguredTokenFilter.singleton(
                "word_delimiter_graph",
                false,
                false,
                input -> new WordDelimiterGraphFilter(
                    input,
                    true,
                    WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE,
                    WordDelimiterGraphFilter.GENERATE_WORD_PARTS | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
                        | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
                        | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE,
                    null
                )
            )
        );
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> tokenizers = new TreeMap<>();
        tokenizers.put("keyword", (indexSettings, env, name, settings) -> {
            int bufferSize = settings.getAsInt("buffer_size", 256);
            return TokenizerFactory.newFactory(name, () -> new KeywordTokenizer(bufferSize));
        });
        tokenizers.put("whitespace", (indexSettings, env, name, settings) -> {
            int maxTokenLength = settings.getAsInt("max_token_length", 255);
            return TokenizerFactory.newFactory(
                name,
                () -> new WhitespaceTokenizer(WhitespaceTokenizer.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, maxTokenLength)
            );
        });
        tokenizers.put("ngram", NGramTokenizers::ngram);
        tokenizers.put("edge_ngram", NGramTokenizers::edgeNgram);
        return tokenizers;
    }

    @Override
    public List<PreConfiguredTokenizer> getPreConfiguredTokenizers() {
        return List.of(
            PreConfiguredTokenizer.singleton("keyword", KeywordTokenizer::new),
            PreConfiguredTokenizer.singleton("whitespace", WhitespaceTokenizer::new),
            PreConfiguredTokenizer.singleton("ngram", NGramTokenizer::new),
            PreConfiguredTokenizer.singleton(
                "edge_ngram",
                () -> new EdgeNGramTokenizer(NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE, NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE)
            )
        );
    }
}
