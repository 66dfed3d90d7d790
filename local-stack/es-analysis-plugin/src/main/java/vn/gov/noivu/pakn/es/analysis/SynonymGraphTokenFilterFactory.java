package vn.gov.noivu.pakn.es.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalysisMode;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.util.List;
import java.util.function.Function;

/**
 * {@code synonym_graph} with Elasticsearch's parameters and defaults: {@code synonyms} (inline rules) or
 * {@code synonyms_path} (a file under the node's config directory), {@code expand} (true), {@code lenient} (false:
 * a rule that does not parse fails the index creation; true: it is skipped), {@code format} ({@code solr} only:
 * {@code "a, b, c"} equivalences and {@code "a => b"} replacements), {@code updateable} (accepted; makes the filter
 * search-time only, as in Elasticsearch). As in Elasticsearch, the rules are analysed with the tokenizer and the
 * filters that precede this one in the analyzer (so {@code "hđnd, hội đồng nhân dân"} behind lowercase + asciifolding
 * becomes {@code hdnd ↔ hoi dong nhan dan}). Not provided: {@code synonyms_set} (the synonyms API), {@code wordnet}.
 */
final class SynonymGraphTokenFilterFactory extends AbstractTokenFilterFactory {

    private final List<String> rules;
    private final boolean expand;
    private final boolean lenient;
    private final boolean updateable;

    SynonymGraphTokenFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(name);
        if (settings.get("synonyms_set") != null) {
            throw new IllegalArgumentException("[synonyms_set] is not supported by the local node's synonym_graph; "
                + "use [synonyms] or [synonyms_path]");
        }
        String format = settings.get("format", "solr");
        if (!"solr".equalsIgnoreCase(format)) {
            throw new IllegalArgumentException("synonym format [" + format + "] is not supported by the local node; use [solr]");
        }
        List<String> list = Analysis.getWordList(env, settings, "synonyms");
        if (list == null) {
            throw new IllegalArgumentException("synonym requires either `synonyms`, `synonyms_set` or `synonyms_path` to be configured");
        }
        this.rules = List.copyOf(list);
        this.expand = settings.getAsBoolean("expand", true);
        this.lenient = settings.getAsBoolean("lenient", false);
        this.updateable = settings.getAsBoolean("updateable", false);
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return updateable ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        throw new IllegalStateException("Call getChainAwareTokenFilterFactory to specialize this factory for an analysis chain first");
    }

    @Override
    public TokenFilterFactory getSynonymFilter() {
        throw new IllegalArgumentException("Token filter [" + name() + "] cannot be used to parse synonyms");
    }

    @Override
    public TokenFilterFactory getChainAwareTokenFilterFactory(
        IndexCreationContext context,
        TokenizerFactory tokenizer,
        List<CharFilterFactory> charFilters,
        List<TokenFilterFactory> previousTokenFilters,
        Function<String, TokenFilterFactory> allFilters
    ) {
        Analyzer analyzer = new CustomAnalyzer(
            tokenizer,
            charFilters.toArray(new CharFilterFactory[0]),
            previousTokenFilters.stream().map(TokenFilterFactory::getSynonymFilter).toArray(TokenFilterFactory[]::new)
        );
        SynonymMap map = build(rules, expand, lenient, analyzer);
        String name = name();
        AnalysisMode mode = getAnalysisMode();
        return new TokenFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public TokenStream create(TokenStream tokenStream) {
                // an empty map (no rules) would make SynonymGraphFilter fail: pass the stream through instead
                return map.fst == null ? tokenStream : new SynonymGraphFilter(tokenStream, map, false);
            }

            @Override
            public TokenFilterFactory getSynonymFilter() {
                // a synonym filter after another one: the later one parses its rules without the earlier one
                return IDENTITY_FILTER;
            }

            @Override
            public AnalysisMode getAnalysisMode() {
                return mode;
            }
        };
    }

    /** Parses Solr-format rules with the analyzer; lenient: a rule that fails to parse is skipped. */
    static SynonymMap build(List<String> rules, boolean expand, boolean lenient, Analyzer analyzer) {
        try {
            SolrSynonymParser parser = new SolrSynonymParser(true, expand, analyzer);
            if (!lenient) {
                parser.parse(new StringReader(String.join("\n", rules)));
                return parser.build();
            }
            for (String rule : rules) {
                try {
                    new SolrSynonymParser(true, expand, analyzer).parse(new StringReader(rule));
                } catch (ParseException | IllegalArgumentException e) {
                    continue; // skipped, as Elasticsearch's lenient parser does
                }
                parser.parse(new StringReader(rule));
            }
            return parser.build();
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException("failed to build synonyms: " + e.getMessage(), e);
        }
    }
}
