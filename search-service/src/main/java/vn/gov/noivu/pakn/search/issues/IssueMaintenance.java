package vn.gov.noivu.pakn.search.issues;

import io.quarkus.scheduler.Scheduled;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
     * removed, issues whose sums were recomputed, records written (only those that changed), how long it took and
     * how many Elasticsearch requests it made.
     */
    public record Pass(int issues, int cases, int moved, int merged, int removed, int recomputed, int written,
            long millis, int requests) {
    }

    /** One pass; issues created less than {@code settle} ago are left out (they may still grow live). */
    public Pass run(Duration settle) {
        long start = System.nanoTime();
        int requests = es.requestsOfThisThread();
        if (!store.lock(LOCK, holder, config.recurring().lockTtl())) {
            return new Pass(0, 0, 0, 0, 0, 0, 0, (System.nanoTime() - start) / 1_000_000,
                    es.requestsOfThisThread() - requests);
        }
        int[] totals;
        try {
            totals = repair(settle);
        } finally {
            store.unlock(LOCK, holder);
        }
        Pass pass = new Pass(totals[0], totals[1], totals[2], totals[3], totals[4], totals[5], totals[6],
                (System.nanoTime() - start) / 1_000_000, es.requestsOfThisThread() - requests);
        LOG.infof("recurring-issue repair: %d issues, %d cases looked at; %d cases moved, %d merges, %d empty issues"
                + " removed, %d recomputed, %d records written; %d ms, %d Elasticsearch requests", pass.issues(),
                pass.cases(), pass.moved(), pass.merged(), pass.removed(), pass.recomputed(), pass.written(),
                pass.millis(), pass.requests());
        return pass;
    }

    public IssueRepair.Params params() {
        SearchConfig.Recurring r = config.recurring();
        return new IssueRepair.Params(assigner.params(), r.mergeRatio(), r.mergeMinLink(), r.aloneRatio(),
                r.aloneMinLink(), r.repairRounds(), r.mergeGeometricRatio());
    }

    private int[] repair(Duration settle) {
        Instant now = Instant.now();
        Instant settled = now.minus(settle);
        Set<String> done = new HashSet<>();
        int[] totals = new int[7];
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
        return totals;
    }

    private static void add(int[] totals, int[] x) {
        for (int k = 0; k < totals.length; k++) {
            totals[k] += x[k];
        }
    }

    /**
     * Repairs the given issues with their nearest neighbours; returns the counters of {@link Pass}. Its Elasticsearch
     * requests do not grow with the number of issues: one {@code _msearch} of the seeds' neighbours and one {@code
     * _mget} of their records, one {@code _msearch} of every issue's members, one {@code _mget} of the cases and
     * their term vectors, one {@code _bulk} of the moves, a refresh, the same reads again for the issues as the moves
     * left them, one {@code _bulk} of the records that changed; only a new candidate (a create each) and a record
     * somebody else wrote meanwhile (redone alone) cost a request of their own.
     */
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
        if (cases < budget) {
            cases = addNeighbours(seeds, issues, done, settled, cases, budget);
        }
        // members, as stored now, with vectors of the current IDF
        Map<String, List<String>> found = service.memberIdsOf(issues.keySet(), Scope.all(), MAX_MEMBERS + 1);
        Map<String, List<String>> memberIds = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        for (String issueId : issues.keySet()) {
            List<String> ids = found.getOrDefault(issueId, List.of());
            if (ids.size() > MAX_MEMBERS) {
                continue; // too big to hold: keeps its members and incremental sums
            }
            memberIds.put(issueId, ids);
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
        int[] out = new int[7];
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
        // moves: one bulk, each conditional on the version read (a case changed meanwhile is left for the next pass)
        Map<String, String> moves = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : plan.issueOf().entrySet()) {
            RecurringIssueAssigner.StoredCase c = stored.get(e.getKey());
            String target = idOf.getOrDefault(e.getValue(), e.getValue());
            if (c != null && !target.equals(c.doc().recurringIssueId)) {
                moves.put(e.getKey(), target);
            }
        }
        Set<String> moved = writeMoves(moves, stored, now);
        Set<String> stillHolding = new HashSet<>();
        for (Map.Entry<String, String> e : moves.entrySet()) {
            if (moved.contains(e.getKey())) {
                out[2]++;
                touched.add(e.getValue());
            } else {
                stillHolding.add(stored.get(e.getKey()).doc().recurringIssueId);
            }
        }
        // a merged issue becomes MERGED only once all its cases left (else it stays live and the next pass goes on)
        Map<String, String> merged = new HashMap<>();
        plan.mergedInto().forEach((source, target) -> {
            if (!stillHolding.contains(source)) {
                merged.put(source, target);
            }
        });
        // sums, sizes, terms and representatives from the members as they are now
        es.call("POST", "/" + config.index().alias() + "/_refresh", null);
        Map<String, List<String>> current = service.memberIdsOf(touched, Scope.all(), MAX_MEMBERS + 1);
        List<String> missing = current.values().stream().filter(ids -> ids.size() <= MAX_MEMBERS)
                .flatMap(List::stream).filter(x -> !vecs.containsKey(x)).distinct().toList();
        if (!missing.isEmpty()) {
            Map<String, RecurringIssueAssigner.StoredCase> more = assigner.readCases(missing);
            stored.putAll(more);
            vecs.putAll(vectors.vectors(more.values().stream()
                    .map(c -> new IssueVectors.Text(c.doc().caseId, c.doc().title, c.doc().description,
                            c.doc().topicCode)).toList()));
        }
        Map<String, IssueStore.Versioned> records = store.mget(touched);
        List<IssueStore.Versioned> writes = new ArrayList<>();
        List<IssueStore.Versioned> deletes = new ArrayList<>();
        for (String id : touched) {
            IssueStore.Versioned v = records.get(id);
            List<String> ids = current.getOrDefault(id, List.of());
            if (v == null) {
                continue; // gone meanwhile
            }
            RecurringIssue i = v.issue();
            if (merged.containsKey(id) && i.status != RecurringIssue.Status.CONFIRMED) {
                if (i.status != RecurringIssue.Status.MERGED || !merged.get(id).equals(i.mergedInto)) {
                    i.status = RecurringIssue.Status.MERGED;
                    i.mergedInto = merged.get(id);
                    writes.add(v);
                }
                continue;
            }
            if (ids.size() > MAX_MEMBERS) {
                continue;
            }
            if (ids.isEmpty()) {
                if (i.status == RecurringIssue.Status.CANDIDATE || i.status == RecurringIssue.Status.AUTO) {
                    deletes.add(v);
                }
                continue;
            }
            RecurringIssue before = copy(i);
            if (recompute(i, ids, vecs, stored)) {
                out[5]++;
                if (changed(before, i)) {
                    writes.add(v);
                }
            }
        }
        Set<String> refused = store.writeBack(writes, deletes);
        out[6] = writes.size();
        out[4] = deletes.size();
        for (IssueStore.Versioned v : writes) {
            String id = v.issue().issueId;
            if (refused.contains(id)) {
                // somebody else wrote it since it was read: this one again, alone, from a fresh read
                List<String> ids = current.getOrDefault(id, List.of());
                if (merged.containsKey(id)) {
                    mergeRecord(id, merged.get(id));
                } else {
                    store.modify(id, i -> recompute(i, ids, vecs, stored));
                }
            }
        }
        for (IssueStore.Versioned v : deletes) {
            String id = v.issue().issueId;
            if (refused.contains(id)) {
                out[4]--;
                Optional<IssueStore.Versioned> fresh = store.get(id);
                if (fresh.isPresent() && (fresh.get().issue().status == RecurringIssue.Status.CANDIDATE
                        || fresh.get().issue().status == RecurringIssue.Status.AUTO)
                        && service.memberIds(id, Scope.all(), 1).isEmpty()) {
                    store.delete(id);
                    out[4]++;
                }
            }
        }
        store.refresh();
        return out;
    }

    /**
     * Adds to {@code issues} up to {@value #NEIGHBOURS} nearest issues of each seed (live, settled, not yet repaired
     * in this pass), seed by seed until {@code budget} cases; returns the number of cases then. The candidate searches
     * of all seeds go in {@code _msearch} round trips, each asking for a few more than it may take (the nearest
     * issues of a seed are often other seeds, repaired already), and the records in one {@code _mget}.
     */
    private int addNeighbours(List<RecurringIssue> seeds, Map<String, RecurringIssue> issues, Set<String> done,
            Instant settled, int cases, int budget) {
        List<List<String>> near = new ArrayList<>();
        for (int from = 0; from < seeds.size(); from += NEIGHBOUR_SEARCHES) {
            near.addAll(store.candidatesOf(seeds.subList(from, Math.min(seeds.size(), from + NEIGHBOUR_SEARCHES))
                    .stream().map(i -> new IssueStore.CandidateQuery(i.centroid, List.of())).toList(),
                    NEIGHBOURS + NEIGHBOUR_SLACK));
        }
        // the first NEIGHBOURS of each seed that are not repaired yet (nor picked by an earlier seed)
        List<List<String>> picked = new ArrayList<>();
        Set<String> taken = new HashSet<>(done);
        Set<String> wanted = new java.util.LinkedHashSet<>();
        for (List<String> hits : near) {
            List<String> mine = hits.stream().filter(taken::add).limit(NEIGHBOURS).toList();
            picked.add(mine);
            wanted.addAll(mine);
        }
        Map<String, IssueStore.Versioned> records = store.mget(wanted);
        for (List<String> mine : picked) {
            if (cases >= budget) {
                break;
            }
            for (String id : mine) {
                IssueStore.Versioned n = records.get(id);
                RecurringIssue x = n == null ? null : n.issue();
                if (x != null && x.live() && x.createdAt != null && !x.createdAt.isAfter(settled)
                        && done.add(x.issueId)) {
                    issues.put(x.issueId, x);
                    cases += x.size;
                }
            }
        }
        return cases;
    }

    /** One bulk of conditional membership updates; the ids of the cases written (others changed meanwhile). */
    private Set<String> writeMoves(Map<String, String> moves, Map<String, RecurringIssueAssigner.StoredCase> stored,
            Instant now) {
        Set<String> written = new HashSet<>();
        if (moves.isEmpty()) {
            return written;
        }
        StringBuilder nd = new StringBuilder();
        List<String> order = new ArrayList<>(moves.keySet());
        for (String caseId : order) {
            RecurringIssueAssigner.StoredCase c = stored.get(caseId);
            ObjectNode op = JsonNodeFactory.instance.objectNode();
            op.putObject("update").put("_id", caseId).put("if_seq_no", c.seqNo())
                    .put("if_primary_term", c.primaryTerm());
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.set("doc", es.tree(MembershipOps.fields(moves.get(caseId), null, now)));
            nd.append(op).append('\n').append(body).append('\n');
        }
        JsonNode items = es.ok("POST", "/" + config.index().alias() + "/_bulk", nd.toString()).path("items");
        for (int k = 0; k < order.size(); k++) {
            JsonNode r = items.path(k).path("update");
            int status = r.path("status").asInt(500);
            if (status < 300) {
                written.add(order.get(k));
            } else if (status != 409) {
                LOG.warnf("repair: case %s not moved (%d): %s; the next pass tries again", order.get(k), status,
                        r.path("error"));
            }
        }
        return written;
    }

    /**
     * Whether a recomputed record differs enough from the stored one to be written: its size, status, label,
     * representative, or a sum that moved by more than {@value #DRIFT} of its length (IDF drift alone moves every
     * sum a little as cases arrive). An issue nobody changed is then left as it is, keeps its {@code updatedAt} and
     * leaves the {@code repair-window}, so a pass costs what changed, not every issue it ever repaired.
     */
    static boolean changed(RecurringIssue before, RecurringIssue after) {
        if (before.size != after.size || before.status != after.status
                || !java.util.Objects.equals(before.label, after.label)
                || !java.util.Objects.equals(before.representativeCaseId, after.representativeCaseId)) {
            return true;
        }
        if (Math.abs(after.sumNorm2 - before.sumNorm2) > DRIFT * Math.max(before.sumNorm2, 1e-12)) {
            return true;
        }
        Map<String, Double> a = before.centroid == null ? Map.of() : before.centroid;
        Map<String, Double> b = after.centroid == null ? Map.of() : after.centroid;
        double diff2 = 0;
        for (Map.Entry<String, Double> e : b.entrySet()) {
            double d = e.getValue() - a.getOrDefault(e.getKey(), 0.0);
            diff2 += d * d;
        }
        for (Map.Entry<String, Double> e : a.entrySet()) {
            if (!b.containsKey(e.getKey())) {
                diff2 += e.getValue() * e.getValue();
            }
        }
        return diff2 > DRIFT * DRIFT * Math.max(IssueVectors.dot(a, a), 1e-12);
    }

    /** Relative change of an issue's sum below which a recomputed record is not written again. */
    static final double DRIFT = 0.01;
    /** Candidate searches per {@code _msearch} round trip. */
    private static final int NEIGHBOUR_SEARCHES = 500;
    /** Nearest issues asked for beyond {@link #NEIGHBOURS} (some are repaired already). */
    private static final int NEIGHBOUR_SLACK = 15;

    private RecurringIssue copy(RecurringIssue i) {
        return es.convert(es.tree(i), RecurringIssue.class);
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
