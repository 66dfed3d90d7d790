package vn.gov.noivu.pakn.search.issues;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The decisions of the periodic repair, free of I/O (the maintenance job loads a neighbourhood of issues with their
 * members' vectors, computed with the current IDF, asks for a plan and writes the differences; tests replay it in
 * memory). Incremental assignment depends on the order cases arrive in: a case that came before its problem had formed
 * starts a candidate of its own, two halves of one problem grow side by side, an early loose issue absorbs a
 * neighbour. The plan undoes that, in rounds until nothing changes:
 * <ol>
 *   <li><b>members</b> (in case id order): a case moves to the issue where its margin (link / that issue's threshold,
 *       {@link IssueMath#threshold}) is largest, if that beats its margin in its own issue measured without it; a case
 *       that no longer passes its own issue's threshold and fits nowhere else starts a candidate of its own;</li>
 *   <li><b>merges</b>: two automatic issues of two or more cases merge when their average link (mean similarity over
 *       pairs of their members) is at least {@code mergeRatio} × the cohesion of EACH of them, or {@code
 *       mergeGeometricRatio} × the geometric mean of the two cohesions (and {@code mergeMinLink}; {@link
 *       #mergeThreshold}), strongest first, each issue in one merge per round; the larger keeps its id.</li>
 * </ol>
 * Human decisions bind it: pinned cases and the members of CONFIRMED issues never move (a case may still join a
 * confirmed issue, as at indexing), confirmed issues are never merged or renamed, and a case is never offered an issue
 * it was moved out of. Everything is ordered by id, so the same input gives the same plan.
 */
public final class IssueRepair {

    /**
     * {@code join}: the assignment's thresholds (a case moves from one issue to another when it passes them);
     * {@code mergeRatio}, {@code mergeMinLink}: merges; {@code aloneRatio}, {@code aloneMinLink}: the looser bound,
     * relative to an automatic issue's cohesion, over which a case the rounds left alone joins its nearest issue (step
     * 3 of {@link #plan}; {@code aloneRatio} 0: never).
     */
    public record Params(IssueMath.Params join, double mergeRatio, double mergeMinLink, double aloneRatio,
            double aloneMinLink, int rounds, double mergeGeometricRatio) {

        /** Without the bound on the geometric mean of the two cohesions (merges by {@code mergeRatio} only). */
        public Params(IssueMath.Params join, double mergeRatio, double mergeMinLink, double aloneRatio,
                double aloneMinLink, int rounds) {
            this(join, mergeRatio, mergeMinLink, aloneRatio, aloneMinLink, rounds, 0);
        }

        /** Without step 3 (a case left alone stays alone unless it passes a join threshold). */
        public Params(IssueMath.Params join, double mergeRatio, double mergeMinLink, int rounds) {
            this(join, mergeRatio, mergeMinLink, 0, 0, rounds);
        }
    }

    /** A member with its unit vector; {@code fixed}: pinned by a person (never moved). */
    public record Member(String caseId, Map<String, Double> vector, boolean fixed, Collection<String> excluded) {
    }

    /** An issue of the neighbourhood with all its members. */
    public record Issue(String issueId, RecurringIssue.Status status, List<Member> members) {
    }

    /**
     * The result: every member's issue after the repair ({@code issueOf}), issues merged into another ({@code
     * mergedInto}: source → target) and issues the plan created for cases that fit nowhere ({@code created}).
     */
    public record Plan(Map<String, String> issueOf, Map<String, String> mergedInto, Set<String> created, int moved,
            int merges) {
    }

    /** A member with its vector over the plan's {@link FeatureIds}. */
    private record Case(Member member, SparseVector vector) {

        String caseId() {
            return member.caseId();
        }

        boolean fixed() {
            return member.fixed();
        }

        Collection<String> excluded() {
            return member.excluded();
        }
    }

    /** A group being repaired: its members and the sum of their vectors. */
    private static final class Group {
        final String id;
        final RecurringIssue.Status status;
        final Map<String, Case> members = new TreeMap<>();
        final SparseSum sum = new SparseSum();
        double norm2;

        Group(String id, RecurringIssue.Status status) {
            this.id = id;
            this.status = status;
        }

        int size() {
            return members.size();
        }

        void add(Case m) {
            double d = sum.dot(m.vector());
            sum.add(m.vector(), +1);
            norm2 += 2 * d + 1;
            members.put(m.caseId(), m);
        }

        void remove(Case m) {
            sum.add(m.vector(), -1);
            double d = sum.dot(m.vector());
            norm2 = Math.max(0, norm2 - 2 * d - 1);
            members.remove(m.caseId());
            if (members.isEmpty()) {
                sum.clear();
                norm2 = 0;
            }
        }

        /** Mean pairwise similarity; null below two members. */
        Double cohesion() {
            int n = size();
            return n < 2 ? null : Math.max(0, (norm2 - n) / ((double) n * (n - 1)));
        }

        boolean confirmed() {
            return status == RecurringIssue.Status.CONFIRMED;
        }
    }

    private IssueRepair() {
    }

    static double threshold(Double cohesion, IssueMath.Params p) {
        return cohesion == null ? p.pairThreshold() : Math.max(p.minLink(), p.joinRatio() * cohesion);
    }

    public static Plan plan(List<Issue> issues, Params p) {
        Map<String, Group> groups = new TreeMap<>();
        Map<String, Group> groupOf = new HashMap<>();
        Map<String, String> original = new HashMap<>();
        FeatureIds features = new FeatureIds();
        for (Issue i : issues) {
            Group g = groups.computeIfAbsent(i.issueId(), id -> new Group(id, i.status()));
            for (Member member : i.members()) {
                if (groupOf.containsKey(member.caseId())) {
                    continue;
                }
                Case m = new Case(member, SparseVector.of(member.vector(), features));
                g.add(m);
                groupOf.put(m.caseId(), g);
                original.put(m.caseId(), g.id);
            }
        }
        Map<String, String> mergedInto = new LinkedHashMap<>();
        Set<String> created = new HashSet<>();
        int merges = 0;
        List<String> caseIds = new ArrayList<>(new TreeMap<>(groupOf).keySet());
        for (int round = 0; round < p.rounds(); round++) {
            boolean changed = false;
            // 1. members
            for (String caseId : caseIds) {
                Group own = groupOf.get(caseId);
                Case m = own.members.get(caseId);
                if (m.fixed() || own.confirmed()) {
                    continue;
                }
                double ownMargin = 0;
                if (own.size() >= 2) {
                    double dot = own.sum.dot(m.vector());
                    int n = own.size() - 1;
                    double link = (dot - 1) / n;
                    Double coh = n < 2 ? null
                            : Math.max(0, (own.norm2 - 2 * dot + 1 - n) / ((double) n * (n - 1)));
                    ownMargin = link / threshold(coh, p.join());
                }
                Group best = null;
                double bestMargin = Math.max(ownMargin, 1.0);
                for (Group g : groups.values()) {
                    if (g == own || g.size() == 0 || m.excluded().contains(g.id)) {
                        continue;
                    }
                    double link = g.sum.dot(m.vector()) / g.size();
                    double margin = link / threshold(g.cohesion(), p.join());
                    if (margin > bestMargin) {
                        best = g;
                        bestMargin = margin;
                    }
                }
                if (best != null) {
                    own.remove(m);
                    best.add(m);
                    groupOf.put(caseId, best);
                    changed = true;
                } else if (own.size() >= 2 && ownMargin < 1.0) {
                    String id = freshId(caseId, groups);
                    Group alone = new Group(id, RecurringIssue.Status.CANDIDATE);
                    groups.put(id, alone);
                    created.add(id);
                    own.remove(m);
                    alone.add(m);
                    groupOf.put(caseId, alone);
                    changed = true;
                }
            }
            // 2. merges of automatic issues of two or more cases, strongest first
            List<Group> multi = groups.values().stream().filter(g -> g.size() >= 2 && !g.confirmed()).toList();
            record Pair(double margin, Group a, Group b) {
            }
            List<Pair> pairs = new ArrayList<>();
            for (int x = 0; x < multi.size(); x++) {
                Group a = multi.get(x);
                for (int y = x + 1; y < multi.size(); y++) {
                    Group b = multi.get(y);
                    double link = a.sum.dot(b.sum) / ((double) a.size() * b.size());
                    double thr = mergeThreshold(a.cohesion(), b.cohesion(), p);
                    if (link >= thr && !excludedEither(a, b)) {
                        pairs.add(new Pair(link / thr, a, b));
                    }
                }
            }
            pairs.sort((u, w) -> u.margin() != w.margin() ? Double.compare(w.margin(), u.margin())
                    : (u.a().id + u.b().id).compareTo(w.a().id + w.b().id));
            Set<Group> used = new HashSet<>();
            for (Pair pr : pairs) {
                if (used.contains(pr.a()) || used.contains(pr.b())) {
                    continue;
                }
                used.add(pr.a());
                used.add(pr.b());
                boolean aKeeps = pr.a().size() > pr.b().size()
                        || (pr.a().size() == pr.b().size() && pr.a().id.compareTo(pr.b().id) < 0);
                Group target = aKeeps ? pr.a() : pr.b();
                Group source = aKeeps ? pr.b() : pr.a();
                for (Case m : new ArrayList<>(source.members.values())) {
                    source.remove(m);
                    target.add(m);
                    groupOf.put(m.caseId(), target);
                }
                mergedInto.put(source.id, target.id);
                merges++;
                changed = true;
            }
            if (!changed) {
                break;
            }
        }
        // 3. once the rounds are done: cases left alone join their nearest issue at the looser bound, all decided
        // against the issues as the rounds left them (so the order of the cases does not matter)
        Map<Case, Group> attach = new LinkedHashMap<>();
        for (String caseId : caseIds) {
            Group own = groupOf.get(caseId);
            Case m = own.members.get(caseId);
            if (p.aloneRatio() > 0 && own.size() == 1 && !m.fixed() && !own.confirmed()) {
                Group g = nearestTaking(m, own, groups.values(), p);
                if (g != null) {
                    attach.put(m, g);
                }
            }
        }
        attach.forEach((m, g) -> {
            groupOf.get(m.caseId()).remove(m);
            g.add(m);
            groupOf.put(m.caseId(), g);
        });
        Map<String, String> issueOf = new TreeMap<>();
        int moved = 0;
        for (String caseId : caseIds) {
            String now = groupOf.get(caseId).id;
            issueOf.put(caseId, now);
            if (!now.equals(original.get(caseId))) {
                moved++;
            }
        }
        // a source merged into a group that was later merged again points at the final one
        mergedInto.replaceAll((s, t) -> {
            String x = t;
            for (int k = 0; k < 100 && mergedInto.containsKey(x); k++) {
                x = mergedInto.get(x);
            }
            return x;
        });
        created.removeIf(id -> groups.get(id).size() == 0);
        return new Plan(issueOf, mergedInto, created, moved, merges);
    }

    /**
     * The least average link at which two issues of these cohesions merge: {@code mergeRatio} × the larger cohesion,
     * or, when {@code mergeGeometricRatio} is set and lower, that ratio × the geometric mean of the two; never below
     * {@code mergeMinLink}. A fragment of a problem is often a tight pair or triple telling it in other words beside
     * the problem's looser main issue: measured against the tighter cohesion alone their link falls short, measured
     * against both it may pass (AssignmentReplayTest: recall +0.02 at the same precision with 0.55).
     */
    public static double mergeThreshold(double cohesionA, double cohesionB, Params p) {
        double thr = p.mergeRatio() * Math.max(cohesionA, cohesionB);
        if (p.mergeGeometricRatio() > 0) {
            thr = Math.min(thr, p.mergeGeometricRatio() * Math.sqrt(cohesionA * cohesionB));
        }
        return Math.max(p.mergeMinLink(), thr);
    }

    /**
     * The issue a case left alone joins although it passes no join threshold: its nearest automatic issue of two or
     * more cases (largest link), when that link reaches the looser bound relative to the issue's cohesion. Null: none.
     */
    private static Group nearestTaking(Case m, Group own, Collection<Group> groups, Params p) {
        Group nearest = null;
        double best = 0;
        for (Group g : groups) {
            if (g == own || g.size() < 2 || m.excluded().contains(g.id)) {
                continue;
            }
            double link = g.sum.dot(m.vector()) / g.size();
            if (link > best) {
                nearest = g;
                best = link;
            }
        }
        return nearest != null && !nearest.confirmed()
                && best >= Math.max(p.aloneMinLink(), p.aloneRatio() * nearest.cohesion()) ? nearest : null;
    }

    /** Two issues whose members were moved out of the other stay apart. */
    private static boolean excludedEither(Group a, Group b) {
        return a.members.values().stream().anyMatch(m -> m.excluded().contains(b.id))
                || b.members.values().stream().anyMatch(m -> m.excluded().contains(a.id));
    }

    private static String freshId(String caseId, Map<String, Group> groups) {
        String id = "ri-" + caseId;
        for (int k = 2; groups.containsKey(id); k++) {
            id = "ri-" + caseId + "-" + k;
        }
        return id;
    }
}
