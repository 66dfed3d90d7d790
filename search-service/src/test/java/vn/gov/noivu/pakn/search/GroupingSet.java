package vn.gov.noivu.pakn.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled set for grouping: the hand-written evaluation set of src/test/resources/evaluation/cases.jsonl (label
 * "NONE" = long tail, each its own problem) when present, else the older corpus/recurring-cases.tsv (single-* labels
 * are their own problem). {@code -Dpakn.eval.set=corpus} forces the older one; {@code -Dpakn.eval.set=dev} the
 * development set of src/test/resources/dev (for tuning without the evaluation set).
 */
public final class GroupingSet {

    public record Case(String id, String label, String topic, String title, String description, Integer province,
            Integer commune) {
    }

    public record Set(String name, List<Case> cases) {
    }

    private GroupingSet() {
    }

    public static Set load() {
        String wanted = System.getProperty("pakn.eval.set", "evaluation");
        InputStream in = "corpus".equals(wanted) ? null
                : GroupingSet.class.getResourceAsStream("dev".equals(wanted) ? "/dev/cases.jsonl" : "/evaluation/cases.jsonl");
        if (in == null) {
            List<Case> out = new ArrayList<>();
            List<LabelledCorpus.Case> corpus = LabelledCorpus.load();
            for (int i = 0; i < corpus.size(); i++) {
                LabelledCorpus.Case c = corpus.get(i);
                out.add(new Case("C" + i, c.single() ? c.label() + "#" + i : c.label(), c.topic(), c.title(),
                        c.description(), null, null));
            }
            return new Set("corpus/recurring-cases.tsv", out);
        }
        ObjectMapper m = new ObjectMapper();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<Case> out = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = m.readTree(line);
                String id = n.path("id").asText();
                String problem = n.path("problem").asText();
                out.add(new Case(id, "NONE".equals(problem) ? "NONE#" + id : problem, n.path("topic").asText(),
                        n.path("title").asText(), n.path("description").asText(),
                        n.hasNonNull("province") ? n.path("province").asInt() : null,
                        n.hasNonNull("commune") ? n.path("commune").asInt() : null));
            }
            return new Set("dev".equals(wanted) ? "dev/cases.jsonl" : "evaluation/cases.jsonl", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
