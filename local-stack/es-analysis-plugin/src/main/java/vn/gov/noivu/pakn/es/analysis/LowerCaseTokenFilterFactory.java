package vn.gov.noivu.pakn.es.analysis;

import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;

/** {@code lowercase} as a configurable type: parameter {@code language} (greek, irish, turkish or none). */
final class LowerCaseTokenFilterFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {

    private final String language;

    LowerCaseTokenFilterFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
        super(name);
        this.language = settings.get("language", null);
        if (language != null && language.equalsIgnoreCase("greek") == false && language.equalsIgnoreCase("irish") == false
            && language.equalsIgnoreCase("turkish") == false) {
            throw new IllegalArgumentException("language [" + language + "] not support for lower case");
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        if (language == null) {
            return new LowerCaseFilter(tokenStream);
        } else if (language.equalsIgnoreCase("greek")) {
            return new GreekLowerCaseFilter(tokenStream);
        } else if (language.equalsIgnoreCase("irish")) {
            return new IrishLowerCaseFilter(tokenStream);
        } else {
            return new TurkishLowerCaseFilter(tokenStream);
        }
    }
}
