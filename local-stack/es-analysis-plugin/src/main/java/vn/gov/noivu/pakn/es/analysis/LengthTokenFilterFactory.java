package vn.gov.noivu.pakn.es.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;

/** {@code length}: min (0), max (Integer.MAX_VALUE). */
final class LengthTokenFilterFactory extends AbstractTokenFilterFactory {

    private final int min;
    private final int max;

    LengthTokenFilterFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        super(name);
        this.min = settings.getAsInt("min", 0);
        this.max = settings.getAsInt("max", Integer.MAX_VALUE);
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new LengthFilter(tokenStream, min, max);
    }
}
