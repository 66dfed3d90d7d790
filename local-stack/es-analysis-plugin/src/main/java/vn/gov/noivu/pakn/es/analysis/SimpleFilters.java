package vn.gov.noivu.pakn.es.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;

import java.util.function.UnaryOperator;

/** Factories for filters without parameters. */
final class SimpleFilters {

    private SimpleFilters() {}

    /** A filter also usable in normalizers and multi-term queries (one token in, one token out). */
    static TokenFilterFactory normalizing(String name, UnaryOperator<TokenStream> filter) {
        return new NormalizingFactory(name, filter);
    }

    static TokenFilterFactory plain(String name, UnaryOperator<TokenStream> filter) {
        return new AbstractTokenFilterFactory(name) {
            @Override
            public TokenStream create(TokenStream tokenStream) {
                return filter.apply(tokenStream);
            }
        };
    }

    private static final class NormalizingFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final UnaryOperator<TokenStream> filter;

        NormalizingFactory(String name, UnaryOperator<TokenStream> filter) {
            super(name);
            this.filter = filter;
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return filter.apply(tokenStream);
        }
    }
}
