package vn.gov.noivu.pakn.search.issues;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.commons.id.Ids;
import vn.gov.noivu.pakn.search.config.SearchConfig;
import vn.gov.noivu.pakn.search.query.Scope;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The periodic repair of incremental assignment (one instance at a time across replicas: a lock document in the issue
 * index, taken and released with conditional writes). Incremental assignment depends on arrival order: a case that
 * came before its problem had formed stays a candidate of its own, two halves of one problem grow side by side, an
 * early loose issue absorbs a neighbour's cases. A pass takes the issues updated within {@code repair-window}, in
 * neighbourhoods (with the issues nearest to each, up to {@code repair-max-cases} cases in memory), reads their
 * members, computes their vectors with the current IDF and applies {@link IssueRepair}'s plan: members move to the
 * issue they fit best (or start their own), automatic issues whose link is strong relative to both cohesions merge
 * (the source is kept as MERGED with {@code mergedInto}, so links to it still lead somewhere), and every issue touched
 * gets its sum, size, terms and representative recomputed from its members (no drift from IDF changes or curation).
 * It never moves a pinned case or a member of a confirmed issue, never renumbers, merges or renames a confirmed issue
 * and never offers a case an issue it was moved out of. Empty automatic issues are deleted.
 */
@ApplicationScoped
public class IssueMaintenance {

    private static final Logger LOG = Logger.getLogger(IssueMaintenance.class);
    private static final String LOCK = "recluster";
    /** Members read per issue; a bigger issue keeps its incrementally kept sums (its members are not moved). */
    private static final int MAX_MEMBERS = 2000;
    /** Nearest issues added to the neighbourhood of each issue repaired. */
    private static final int NEIGHBOURS = 5;

    @Inject
    IssueStore store;

    @Inject
    RecurringIssueAssigner assigner;

    @Inject
    IssueVectors vectors;

    @Inject
    RecurringIssueService service;

    @Inject
    EsJson es;

    @Inject
    SearchConfig config;

    private final String holder = Ids.nextString();

    @Scheduled(every = "${pakn.search.recurring.recluster-every:10m}", delayed = "${pakn.search.recurring.recluster-delay:2m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.recurring().assignEnabled()) {
            return;
        }
        try {
            run(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warnf("re-clustering skipped: %s", e.toString());
        }
    }

    /**
     * Result of one pass: issues and cases looked at, cases moved to another issue, issues merged, empty issues
     * removed, issues whose sums were recomputed.
     */
    public record Pass(int issues, int cases, int moved, int merged, int removed, int recomputed) {
    }

    /** One pass; issues created less than {@code settle} ago are left out (they may still grow live). */
    public Pass run(Duration settle) {
        if (!store.lock(LOCK, holder, config.recurring().lockTtl())) {
            return new Pass(0, 0, 0, 0, 0, 0);
        }
        try {
            return repair(settle);
        } finally {
            store.unlock(LOCK, holder);
        }
    }

    public IssueRepair.Params params() {
        SearchConfig.Recurring r = config.recurring();
        return new IssueRepair.Params(assigner.params(), r.mergeRatio(), r.mergeMinLink(), r.repairRounds());
    }

    private Pass repair(Duration settle) {
        Instant now = Instant.now();
        Instant settled = now.minus(settle);
        Set<String> done = new HashSet<>();
        int[] totals = new int[6];
        List<RecurringIssue> chunk = new ArrayList<>();
        String after = null;
        while (true) {
            List<RecurringIssue> page = store.live(after, 200, null, now.minus(config.recurring().repairWindow()));
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).issueId;
            for (RecurringIssue i : page) {
                if (done.contains(i.issueId) || i.createdAt == null || i.createdAt.isAfter(settled)) {
                    continue;
                }
                chunk.add(i);
                if (chunk.stream().mapToInt(x -> x.size).sum() >= config.recurring().repairMaxCases() / 2) {
                    add(totals, neighbourhood(chunk, done, settled));
                    chunk.clear();
                }
            }
        }
        if (!chunk.isEmpty()) {
            add(totals, neighbourhood(chunk, done, settled));
        }
        Pass pass = new Pass(totals[0], totals[1], totals[2], totals[3], totals[4], totals[5]);
        if (pass.moved() + pass.merged() + pass.removed() > 0) {
            LOG.infof("recurring-issue repair: %s", pass);
        }
        return pass;
    }

    private static void add(int[] totals, int[] x) {
        for (int k = 0; k < totals.length; k++) {
            totals[k] += x[k];
        }
    }

    /** Repairs the given issues with their nearest neighbours; returns the counters of {@link Pass}. */
    private int[] neighbourhood(List<RecurringIssue> seeds, Set<String> done, Instant settled) {
        Map<String, RecurringIssue> issues = new TreeMap<>();
        int budget = config.recurring().repairMaxCases();
        int cases = 0;
        for (RecurringIssue i : seeds) {
            if (done.add(i.issueId)) {
                issues.put(i.issueId, i);
                cases += i.size;
            }
        }
        for (RecurringIssue i : seeds) {
            if (cases >= budget) {
                break;
            }
            Set<String> skip = new HashSet<>(done);
            for (IssueStore.Versioned n : store.mget(store.candidates(i.centroid, skip, NEIGHBOURS)).values()) {
                RecurringIssue x = n.issue();
                if (x.live() && x.createdAt != null && !x.createdAt.isAfter(settled) && done.add(x.issueId)) {
                    issues.put(x.issueId, x);
                    cases += x.size;
                }
            }
        }
        // members, as stored now, with vectors of the current IDF
        Map<String, List<String>> memberIds = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        for (RecurringIssue i : issues.values()) {
            List<String> ids = service.memberIds(i.issueId, Scope.all(), MAX_MEMBERS + 1);
            if (ids.size() > MAX_MEMBERS) {
                continue; // too big to hold: keeps its members and incremental sums
            }
            memberIds.put(i.issueId, ids);
            all.addAll(ids);
        }
        Map<String, RecurringIssueAssigner.StoredCase> stored = assigner.readCases(all);
        Map<String, Map<String, Double>> vecs = vectors.vectors(stored.values().stream()
                .map(c -> new IssueVectors.Text(c.doc().caseId, c.doc().title, c.doc().description,
                        c.doc().topicCode)).toList());
        List<IssueRepair.Issue> input = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : memberIds.entrySet()) {
            List<IssueRepair.Member> members = new ArrayList<>();
            for (String id : e.getValue()) {
                RecurringIssueAssigner.StoredCase c = stored.get(id);
                if (c == null || !e.getKey().equals(c.doc().recurringIssueId)) {
                    continue; // moved meanwhile
                }
                members.add(new IssueRepair.Member(id, vecs.getOrDefault(id, Map.of()),
                        Boolean.TRUE.equals(c.doc().recurringPinned),
                        c.doc().recurringExcluded == null ? List.of() : c.doc().recurringExcluded));
            }
            input.add(new IssueRepair.Issue(e.getKey(), issues.get(e.getKey()).status, members));
        }
        IssueRepair.Plan plan = IssueRepair.plan(input, params());
        int[] out = new int[6];
        out[0] = input.size();
        out[1] = input.stream().mapToInt(i -> i.members().size()).sum();
        out[3] = plan.merges();

        // new candidates for cases that fit nowhere: their own id, or the next free one
        Set<String> touched = new TreeSet<>(memberIds.keySet());
        Instant now = Instant.now();
        Map<String, String> idOf = new HashMap<>();
        for (String planned : plan.created()) {
            String caseId = plan.issueOf().entrySet().stream().filter(x -> x.getValue().equals(planned))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            RecurringIssueAssigner.StoredCase c = stored.get(caseId);
            RecurringIssue fresh = assigner.newIssue(c.doc(), vecs.getOrDefault(caseId, Map.of()), now);
            fresh.size = 0; // counted when recomputed below
            idOf.put(planned, store.createFresh(fresh));
        }
        touched.addAll(idOf.values()); // an empty one (its case changed meanwhile) is deleted below
        // moves: conditional on the version read (a case changed meanwhile is left for the next pass)
        Set<String> stillHolding = new HashSet<>();
        for (Map.Entry<String, String> e : plan.issueOf().entrySet()) {
            RecurringIssueAssigner.StoredCase c = stored.get(e.getKey());
            String target = idOf.getOrDefault(e.getValue(), e.getValue());
            if (c == null || target.equals(c.doc().recurringIssueId)) {
                continue;
            }
            if (assigner.writeMembership(e.getKey(), c, RecurringIssueAssigner.membership(target, null, now))) {
                out[2]++;
                touched.add(target);
            } else {
                stillHolding.add(c.doc().recurringIssueId);
            }
        }
        // a merged issue becomes MERGED only once all its cases left (else it stays live and the next pass goes on)
        plan.mergedInto().entrySet().stream().filter(e -> !stillHolding.contains(e.getKey()))
                .forEach(e -> mergeRecord(e.getKey(), e.getValue()));
        // sums, sizes, terms and representatives from the members as they are now
        es.call("POST", "/" + config.index().alias() + "/_refresh", null);
        for (String id : touched) {
            List<String> ids = service.memberIds(id, Scope.all(), MAX_MEMBERS + 1);
            if (ids.size() > MAX_MEMBERS) {
                continue;
            }
            List<String> missing = ids.stream().filter(x -> !vecs.containsKey(x)).toList();
            if (!missing.isEmpty()) {
                Map<String, RecurringIssueAssigner.StoredCase> more = assigner.readCases(missing);
                stored.putAll(more);
                vecs.putAll(vectors.vectors(more.values().stream()
                        .map(c -> new IssueVectors.Text(c.doc().caseId, c.doc().title, c.doc().description,
                        c.doc().topicCode)).toList()));
            }
            if (ids.isEmpty()) {
                Optional<IssueStore.Versioned> v = store.get(id);
                if (v.isPresent() && (v.get().issue().status == RecurringIssue.Status.CANDIDATE
                        || v.get().issue().status == RecurringIssue.Status.AUTO)) {
                    store.delete(id);
                    out[4]++;
                }
                continue;
            }
            store.modify(id, i -> recompute(i, ids, vecs, stored));
            out[5]++;
        }
        store.refresh();
        return out;
    }

    private void mergeRecord(String source, String target) {
        store.modify(source, i -> {
            if (i.status == RecurringIssue.Status.CONFIRMED) {
                return false;
            }
            i.status = RecurringIssue.Status.MERGED;
            i.mergedInto = target;
            return true;
        });
    }

    /** Sets an issue's sum, size, terms and (unless a person named it) label from its members. */
    private boolean recompute(RecurringIssue i, List<String> ids, Map<String, Map<String, Double>> vecs,
            Map<String, RecurringIssueAssigner.StoredCase> stored) {
        if (i.status == RecurringIssue.Status.MERGED) {
            return false;
        }
        Map<String, Double> sum = new HashMap<>();
        for (String id : ids) {
            vecs.getOrDefault(id, Map.of()).forEach((k, x) -> sum.merge(k, x, Double::sum));
        }
        double norm2 = IssueVectors.dot(sum, sum);
        String best = ids.get(0);
        double bestLink = -1;
        for (String id : ids) {
            double l = ids.size() < 2 ? 0 : (IssueVectors.dot(vecs.getOrDefault(id, Map.of()), sum) - 1) / (ids.size() - 1);
            if (l > bestLink + 1e-12) {
                best = id;
                bestLink = l;
            }
        }
        i.size = ids.size();
        i.sumNorm2 = norm2;
        i.centroid = IssueVectors.truncate(sum, config.recurring().centroidTerms());
        i.terms = IssueVectors.top(i.centroid, 30);
        if (i.status == RecurringIssue.Status.CANDIDATE && i.size >= config.recurring().minSize()) {
            i.status = RecurringIssue.Status.AUTO;
        } else if (i.status == RecurringIssue.Status.AUTO && i.size < config.recurring().minSize()) {
            i.status = RecurringIssue.Status.CANDIDATE;
        }
        i.representativeCaseId = best;
        i.representativeLink = Math.max(0, bestLink);
        RecurringIssueAssigner.StoredCase rep = stored.get(best);
        if (!Boolean.TRUE.equals(i.labelByHuman) && rep != null) {
            i.label = rep.doc().title;
        }
        return true;
    }
}
