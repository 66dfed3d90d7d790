package vn.gov.noivu.pakn.search.issues;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The decisions of recurring-issue assignment, free of I/O (so a plain unit test can replay them on a labelled set):
 * the threshold of an issue relative to its own cohesion, the choice among candidate issues, and adding or removing a
 * member's unit vector from an issue's sum.
 */
public final class IssueMath {

    /** joinRatio × cohesion (at least minLink) for issues of two or more cases; pairThreshold for a single case. */
    public record Params(double joinRatio, double minLink, double pairThreshold, int minSize, int centroidTerms) {
    }

    /** A decision: join {@code issue} with this link (its threshold was {@code threshold}). */
    public record Choice(RecurringIssue issue, double link, double threshold) {
    }

    private IssueMath() {
    }

    public static double threshold(RecurringIssue i, Params p) {
        Double coh = i.cohesion();
        if (coh == null) {
            return p.pairThreshold();
        }
        return Math.max(p.minLink(), p.joinRatio() * coh);
    }

    /**
     * The issue with the largest margin link/threshold among those the link passes; null: none. A live issue always
     * wins over a DISMISSED one: a dismissed issue only takes a case no live issue takes (it keeps its look-alikes from
     * resurfacing as a new issue, but never hides a case of a problem that has a live issue). A single case split out
     * of a confirmed issue and dismissed has the pair threshold, not the issue's cohesion, so its margin for a new case
     * of that problem is about the same as the live issue's: by margin alone the new cases went out of sight.
     */
    public static Choice choose(Map<String, Double> v, Collection<RecurringIssue> issues, Collection<String> excluded,
            Params p) {
        Choice live = best(v, issues, excluded, p, true);
        return live != null ? live : best(v, issues, excluded, p, false);
    }

    private static Choice best(Map<String, Double> v, Collection<RecurringIssue> issues, Collection<String> excluded,
            Params p, boolean live) {
        Choice best = null;
        double bestMargin = 0;
        for (RecurringIssue i : issues) {
            if (!i.accepts() || i.live() != live || excluded.contains(i.issueId) || i.size == 0) {
                continue;
            }
            double link = i.link(v);
            double thr = threshold(i, p);
            if (link >= thr) {
                double margin = link / thr;
                if (best == null || margin > bestMargin) {
                    best = new Choice(i, link, thr);
                    bestMargin = margin;
                }
            }
        }
        return best;
    }

    /** Adds ({@code sign} +1) or removes (−1) a unit vector: |S ± v|² = |S|² ± 2 v·S + |v|². */
    public static void add(RecurringIssue i, Map<String, Double> v, int sign, Params p) {
        double dot = IssueVectors.dot(v, i.centroid);
        Map<String, Double> s = new HashMap<>(i.centroid);
        v.forEach((k, x) -> s.merge(k, sign * x, Double::sum));
        s.values().removeIf(x -> Math.abs(x) < 1e-9);
        i.sumNorm2 = Math.max(0, i.sumNorm2 + sign * 2 * dot + 1);
        i.size = Math.max(0, i.size + sign);
        i.centroid = IssueVectors.truncate(s, p.centroidTerms());
        i.terms = IssueVectors.top(i.centroid, 30);
        if (i.status == RecurringIssue.Status.CANDIDATE && i.size >= p.minSize()) {
            i.status = RecurringIssue.Status.AUTO;
        }
    }

    /** Link between two issues: average similarity over pairs of their members (average linkage). */
    public static double link(RecurringIssue a, RecurringIssue b) {
        return a.size == 0 || b.size == 0 ? 0 : IssueVectors.dot(a.centroid, b.centroid) / ((double) a.size * b.size);
    }
}
