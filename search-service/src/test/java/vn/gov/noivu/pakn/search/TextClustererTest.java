package vn.gov.noivu.pakn.search;

import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.search.issues.TextClusterer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grouping algorithm alone on the labelled corpus (no servers): a threshold sweep, printed, and the default. */
class TextClustererTest {

    static final double DEFAULT_THRESHOLD = 0.20;

    static LabelledCorpus.Score run(List<LabelledCorpus.Case> corpus, double threshold) {
        List<TextClusterer.Doc> docs = new ArrayList<>();
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < corpus.size(); i++) {
            docs.add(new TextClusterer.Doc("c" + i, corpus.get(i).title(), corpus.get(i).description()));
            labels.put("c" + i, corpus.get(i).single() ? corpus.get(i).label() + i : corpus.get(i).label());
        }
        List<Set<String>> groups = new ArrayList<>();
        for (TextClusterer.Cluster c : new TextClusterer(threshold).cluster(docs)) {
            Set<String> g = new HashSet<>();
            c.members().forEach(m -> g.add("c" + m));
            groups.add(g);
        }
        return LabelledCorpus.score(labels, groups);
    }

    @Test
    void thresholdSweepOnLabelledCorpus() {
        List<LabelledCorpus.Case> corpus = LabelledCorpus.load();
        assertTrue(corpus.size() >= 60, "corpus has " + corpus.size() + " cases");
        for (double t = 0.10; t <= 0.401; t += 0.02) {
            System.out.printf("[recurring] threshold %.2f: %s%n", t, run(corpus, t));
        }
        LabelledCorpus.Score s = run(corpus, DEFAULT_THRESHOLD);
        System.out.printf("[recurring] DEFAULT threshold %.2f: %s%n", DEFAULT_THRESHOLD, s);
        assertTrue(s.precision() >= 0.8, s.toString());
        assertTrue(s.recall() >= 0.8, s.toString());
    }

    @Test
    void foldedFormsAreOneFeature() {
        List<TextClusterer.Doc> docs = List.of(
                new TextClusterer.Doc("a", "Thủ tục đăng ký con dấu", ""),
                new TextClusterer.Doc("b", "thu tuc dang ky con dau", ""),
                new TextClusterer.Doc("c", "Biên chế công chức dôi dư", ""));
        List<TextClusterer.Cluster> clusters = new TextClusterer(0.5).cluster(docs);
        assertEquals(2, clusters.size());
        assertTrue(clusters.stream().anyMatch(c -> c.members().equals(List.of(0, 1))));
    }
}
