package vn.gov.noivu.pakn.search;

import vn.gov.noivu.pakn.search.issues.IssueRepair;
import vn.gov.noivu.pakn.search.issues.IssueVectors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Why a grouping misses the labels, problem by problem: where each recurring problem's cases ended (its issues, cases
 * alone, cases in another problem's issue), the pairs each kind costs, and the figures the repair decides with (the
 * average link between two fragments of a problem against their cohesions and the merge bound; a case left alone's
 * link to its problem's largest issue and to its nearest issue); and, per issue, the wrong pairs it holds. Printed by
 * RecurringIssuesTest after the repair, with the vectors of the current index (as the repair computes them). It reads
 * the labels only to report: nothing here feeds the grouping.
 */
final class GroupingDiagnosis {

    private GroupingDiagnosis() {
    }

    private record Issue(int index, Set<String> members, Map<String, Double> sum, double cohesion, String major,
            Map<String, Integer> labels) {
    }

    static List<String> report(Map<String, String> labelOf, List<? extends Set<String>> groups,
            Map<String, Map<String, Double>> vectors, IssueRepair.Params p) {
        List<Issue> issues = new ArrayList<>();
        Map<String, Issue> issueOf = new HashMap<>();
        List<Set<String>> all = new ArrayList<>(groups);
        Set<String> seen = new java.util.HashSet<>();
        groups.forEach(seen::addAll);
        // a labelled case in no group (not visible to the listing yet) counts as alone, as the scores count it
        labelOf.keySet().stream().filter(id -> !seen.contains(id)).sorted().forEach(id -> all.add(Set.of(id)));
        for (Set<String> g : all) {
            Map<String, Double> sum = new HashMap<>();
            Map<String, Integer> labels = new TreeMap<>();
            for (String id : g) {
                vectors.getOrDefault(id, Map.of()).forEach((k, x) -> sum.merge(k, x, Double::sum));
                labels.merge(labelOf.get(id), 1, Integer::sum);
            }
            int n = g.size();
            double coh = n < 2 ? 0 : Math.max(0, (IssueVectors.dot(sum, sum) - n) / ((double) n * (n - 1)));
            String major = labels.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse("");
            Issue i = new Issue(issues.size(), g, sum, coh, major, labels);
            issues.add(i);
            g.forEach(id -> issueOf.put(id, i));
        }
        Map<String, List<String>> byLabel = new TreeMap<>();
        labelOf.forEach((id, l) -> byLabel.computeIfAbsent(l, x -> new ArrayList<>()).add(id));
        List<String> out = new ArrayList<>();
        long missedTotal = 0;
        for (var e : byLabel.entrySet()) {
            String label = e.getKey();
            List<String> ids = e.getValue();
            if (label.contains("#") || ids.size() < 2) {
                continue;
            }
            Map<Issue, Integer> where = new HashMap<>();
            ids.forEach(id -> where.merge(issueOf.get(id), 1, Integer::sum));
            List<Issue> fragments = where.keySet().stream()
                    .filter(i -> i.members().size() >= 2 && i.major().equals(label))
                    .sorted((a, b) -> Integer.compare(where.get(b), where.get(a))).toList();
            int alone = (int) where.keySet().stream().filter(i -> i.members().size() == 1).count();
            int absorbed = ids.size() - alone - fragments.stream().mapToInt(where::get).sum();
            long pairs = (long) ids.size() * (ids.size() - 1) / 2;
            long together = where.values().stream().mapToLong(c -> (long) c * (c - 1) / 2).sum();
            if (together == pairs) {
                continue;
            }
            missedTotal += pairs - together;
            StringBuilder s = new StringBuilder(String.format("%s (%d cases): missed %d of %d pairs; issues %s, alone %d,"
                    + " in others' issues %d", label, ids.size(), pairs - together, pairs,
                    fragments.stream().map(i -> where.get(i) + "/" + i.members().size()).toList(), alone, absorbed));
            Issue main = fragments.isEmpty() ? null : fragments.get(0);
            for (int a = 0; a < fragments.size(); a++) {
                for (int b = a + 1; b < fragments.size(); b++) {
                    Issue x = fragments.get(a);
                    Issue y = fragments.get(b);
                    double link = IssueVectors.dot(x.sum(), y.sum())
                            / ((double) x.members().size() * y.members().size());
                    s.append(String.format("; fragments %d+%d link %.3f, cohesions %.3f/%.3f, merge bound %.3f",
                            x.members().size(), y.members().size(), link, x.cohesion(), y.cohesion(),
                            IssueRepair.mergeThreshold(x.cohesion(), y.cohesion(), p)));
                }
            }
            for (String id : ids) {
                Issue own = issueOf.get(id);
                boolean isAlone = own.members().size() == 1;
                boolean isAbsorbed = !isAlone && !own.major().equals(label);
                if (!isAlone && !isAbsorbed) {
                    continue;
                }
                Map<String, Double> v = vectors.getOrDefault(id, Map.of());
                String toMain = main == null ? "no issue of its own"
                        : String.format("link to its problem's issue %.3f (cohesion %.3f)", link(v, main, id),
                                main.cohesion());
                if (isAlone) {
                    Issue near = null;
                    double best = 0;
                    for (Issue i : issues) {
                        if (i != own && i.members().size() >= 2 && link(v, i, id) > best) {
                            best = link(v, i, id);
                            near = i;
                        }
                    }
                    s.append(String.format("; alone: %s, nearest %s %.3f (cohesion %.3f)", toMain,
                            near == null ? "-" : near.major(), best, near == null ? 0 : near.cohesion()));
                } else {
                    s.append(String.format("; in %s's issue (%d): %s, link there %.3f (cohesion %.3f)", own.major(),
                            own.members().size(), toMain, link(v, own, id), own.cohesion()));
                }
            }
            out.add(s.toString());
        }
        long wrongTotal = 0;
        for (Issue i : issues) {
            long n = i.members().size();
            long same = i.labels().values().stream().mapToLong(c -> (long) c * (c - 1) / 2).sum();
            long wrong = n * (n - 1) / 2 - same;
            if (wrong > 0) {
                wrongTotal += wrong;
                out.add(String.format("issue of %d, mostly %s: %d wrong pairs %s, cohesion %.3f", n, i.major(), wrong,
                        i.labels(), i.cohesion()));
            }
        }
        out.add(String.format("missed pairs %d, wrong pairs %d", missedTotal, wrongTotal));
        return out;
    }

    /** Average link of a case to an issue's members other than itself. */
    private static double link(Map<String, Double> v, Issue i, String id) {
        boolean member = i.members().contains(id);
        int n = i.members().size() - (member ? 1 : 0);
        return n == 0 ? 0 : (IssueVectors.dot(v, i.sum()) - (member ? IssueVectors.dot(v, v) : 0)) / n;
    }
}
