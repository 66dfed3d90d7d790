package vn.gov.noivu.pakn.search;

import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.search.issues.IssueMath;
import vn.gov.noivu.pakn.search.issues.IssueVectors;
import vn.gov.noivu.pakn.search.issues.RecurringIssue;
import vn.gov.noivu.pakn.search.service.TextClusterer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays the assignment decisions ({@link IssueMath}) in memory on the labelled set, cases in file order, document
 * frequencies from the set itself (the production path takes them from the whole index: RecurringIssuesTest measures
 * that end to end). Prints pairwise precision/recall for a grid of parameters: a quick way to see how the relative
 * criterion behaves; it asserts nothing about the figures (RecurringIssuesTest does).
 */
class AssignmentReplayTest {

    @Test
    void sweep() {
        GroupingSet.Set set = GroupingSet.load();
        Map<String, String> labelOf = new HashMap<>();
        set.cases().forEach(c -> labelOf.put(c.id(), c.label()));
        List<TextClusterer.Doc> docs = set.cases().stream().map(c -> new TextClusterer.Doc(c.id(), c.title(), c.description())).toList();
        for (double t : new double[] {0.12, 0.15, 0.18, 0.20, 0.22, 0.25, 0.30}) {
            List<Set<String>> groups = new ArrayList<>();
            for (TextClusterer.Cluster cl : new TextClusterer(t).cluster(docs)) {
                Set<String> g = new HashSet<>();
                cl.members().forEach(m -> g.add(docs.get(m).id()));
                groups.add(g);
            }
            System.out.printf("[replay] %s batch average linkage %.2f: %s%n", set.name(), t, LabelledCorpus.score(labelOf, groups));
        }
        for (double ratio : new double[] {0.5, 0.6, 0.7, 0.8}) {
            for (double pair : new double[] {0.18, 0.22, 0.26, 0.30}) {
                for (double min : new double[] {0.10, 0.14}) {
                    IssueMath.Params p = new IssueMath.Params(ratio, min, pair, 2, 300);
                    System.out.printf("[replay] %s ratio %.2f pair %.2f minLink %.2f: %s%n", set.name(), ratio, pair,
                            min, run(set.cases(), p));
                }
            }
        }
    }

    static LabelledCorpus.Score run(List<GroupingSet.Case> cases, IssueMath.Params p) {
        List<Map<String, Integer>> tfs = new ArrayList<>();
        Map<String, Integer> df = new HashMap<>();
        for (GroupingSet.Case c : cases) {
            Map<String, Integer> tf = TextClusterer.features(c.title(), c.description());
            tfs.add(tf);
            tf.keySet().forEach(k -> df.merge(k, 1, Integer::sum));
        }
        Map<String, RecurringIssue> issues = new LinkedHashMap<>();
        Map<String, String> issueOf = new HashMap<>();
        for (int k = 0; k < cases.size(); k++) {
            Map<String, Double> v = IssueVectors.weigh(tfs.get(k), f -> df.getOrDefault(f, 0), cases.size());
            IssueMath.Choice c = IssueMath.choose(v, issues.values(), Set.of(), p);
            String id = cases.get(k).id();
            if (c == null) {
                RecurringIssue i = new RecurringIssue();
                i.issueId = "ri-" + id;
                i.status = RecurringIssue.Status.CANDIDATE;
                i.size = 1;
                i.sumNorm2 = 1;
                i.centroid = IssueVectors.truncate(new LinkedHashMap<>(v), p.centroidTerms());
                issues.put(i.issueId, i);
                issueOf.put(id, i.issueId);
            } else {
                IssueMath.add(c.issue(), v, +1, p);
                issueOf.put(id, c.issue().issueId);
            }
        }
        Map<String, String> labelOf = new HashMap<>();
        cases.forEach(c -> labelOf.put(c.id(), c.label()));
        Map<String, Set<String>> groups = new HashMap<>();
        issueOf.forEach((c, i) -> groups.computeIfAbsent(i, x -> new HashSet<>()).add(c));
        return LabelledCorpus.score(labelOf, new ArrayList<>(groups.values()));
    }
}
