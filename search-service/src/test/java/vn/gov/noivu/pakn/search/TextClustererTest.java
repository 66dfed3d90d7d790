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

    @Test
    void abbreviationsAreReplacedByTheirFullForm() {
        assertEquals(TextClusterer.features("Chủ tịch ủy ban nhân dân xã"), TextClusterer.features("Chu tich UBND xa"));
        assertEquals(TextClusterer.features("cấp giấy chứng nhận quyền sử dụng đất"), TextClusterer.features("cấp GCNQSDĐ"));
    }

    @Test
    void aParaphraseKeepsItsWordsAndAddsItsCanonicalForm() {
        Map<String, Integer> canonical = TextClusterer.features("nơi thừa nơi thiếu");
        for (String paraphrase : List.of("có nơi dư, có nơi thiếu công chức", "cho thua cho thieu cong chuc",
                "công chức phân bổ chưa hợp lý")) {
            Map<String, Integer> f = TextClusterer.features(paraphrase);
            assertTrue(f.keySet().containsAll(canonical.keySet()), paraphrase + ": " + f);
        }
        Map<String, Integer> f = TextClusterer.features("cán bộ chưa được nhận lương tháng 7");
        assertTrue(f.containsKey("chi_tra") && f.containsKey("luong"), f.toString());
        // specific forms only: a seal not yet received is not a late payment
        assertTrue(!TextClusterer.features("xã chưa được nhận con dấu mới").containsKey("chi_tra"));
        // a canonical form does not add itself again, and a shorter form inside it does not match
        assertEquals(1, TextClusterer.features("tập huấn nghiệp vụ").get("tap_huan"));
    }

    @Test
    void theSearchAnalyzerGetsTheAbbreviationsOfTheSameTable() throws Exception {
        var settings = vn.gov.noivu.pakn.search.config.SynonymTable.indexSettings(new com.fasterxml.jackson.databind.ObjectMapper());
        var rules = settings.path("analysis").path("filter").path("vi_abbreviations").path("synonyms");
        List<String> lines = new ArrayList<>();
        rules.forEach(r -> lines.add(r.asText()));
        assertTrue(lines.contains("hội đồng nhân dân, hđnd"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("nơi thừa nơi thiếu")), "paraphrases stay out of search");
    }
}
