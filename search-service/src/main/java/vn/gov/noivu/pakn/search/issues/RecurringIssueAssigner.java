package vn.gov.noivu.pakn.search.issues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.search.config.SearchConfig;
import vn.gov.noivu.pakn.search.indexing.CaseDocument;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Puts every indexed case into at most one recurring issue, right after the consumer wrote it (and, as a safety net,
 * every few seconds for any case still without one):
 * <ol>
 *   <li>the case's TF-IDF unit vector, with document frequencies of the whole index ({@link IssueVectors});</li>
 *   <li>candidate issues: a terms query of its heaviest features against the issues' centroid terms;</li>
 *   <li>exact link to each candidate = average similarity to its members ({@code v·S/n}); the case joins the best
 *       issue whose link is at least {@code joinRatio} × the issue's own cohesion (and {@code minLink}); a single-case
 *       candidate needs {@code pairThreshold}; otherwise the case starts a new candidate {@code ri-<caseId>}, which
 *       becomes a recurring issue (AUTO) when it reaches {@code minSize} cases.</li>
 * </ol>
 * Nothing the decisions depend on is kept in memory between batches (only caches: the consumer's copy of the cases it
 * wrote, and the term statistics of the last 2 s, {@link IssueVectors#bothRecent}, an approximation of the df within
 * its age like the refresh lag): the case document carries {@code recurringIssueId} (written conditionally
 * on the version read; a case another writer changed meanwhile is read again and, if the decision still applies,
 * written again: {@link #writeMemberships}), issue records are read and written with optimistic concurrency, and ids
 * are deterministic, so two replicas (or the sweep and the live path) can run at once. Issues a person moved a case
 * out of ({@code recurringExcluded}) are never offered to it; cases a person placed ({@code recurringPinned}) or that
 * have an issue are left alone.
 *
 * <p><b>Lanes.</b> Each instance runs {@code pakn.search.recurring.assigner-threads} lanes, each with its own thread,
 * pending set and batches, and every case goes to the lane of its topic code (the consumer's copy of the case, or the
 * sweep's search, gives it). Why: one thread does a batch's round trips one after the other (vectors, candidate
 * search, records, two bulks), so Elasticsearch works on one assigner request at a time, and it fell behind at half of
 * intake's saturation (assigned p95 46.7 s at 125 cases/s); lanes run them side by side, which adds throughput where
 * Elasticsearch has cores to spare (not shown on the shared 2-core machine: recurring-issues.md, "Throughput"; the
 * per-stage timers and the DEBUG line per batch of {@link Stages} are there to size them). Why by topic: a problem's
 * cases nearly always share a topic, and cases of one problem in two lanes at once could each start an issue of their
 * own; within a lane, a batch offers the issues its earlier cases created to the later ones, as before. Cases of one
 * problem under two topics (27% of the labelled set's same-problem pairs) can still meet in two lanes, as they can in
 * two replicas: the periodic repair merges what that splits, and every write stays conditional. {@link #reassign} (the
 * evaluation's second order) runs alone, in the order given, with every lane waiting.
 */
@ApplicationScoped
public class RecurringIssueAssigner {

    private static final Logger LOG = Logger.getLogger(RecurringIssueAssigner.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Inject
    EsJson es;

    @Inject
    IssueStore store;

    @Inject
    IssueVectors vectors;

    @Inject
    SearchConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    vn.gov.noivu.pakn.search.indexing.RecentCases recent;

    /** The worker lanes, {@code pakn.search.recurring.assigner-threads} of them (see the class comment). */
    private List<Lane> lanes = List.of();
    /** Lanes' batches share it; {@link #reassign} (the evaluation's second order) holds it alone. */
    private final ReentrantReadWriteLock batches = new ReentrantReadWriteLock();
    private static final int MAX_BATCH = 500;

    @PostConstruct
    void init() {
        int n = Math.max(1, config.recurring().assignerThreads());
        List<Lane> l = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            l.add(new Lane(k));
        }
        lanes = List.copyOf(l);
    }

    void onStop(@Observes ShutdownEvent ev) {
        lanes.forEach(l -> l.thread.shutdownNow());
    }

    /**
     * One worker lane: its own thread, the cases handed over to it and not yet taken (under load, many consumer
     * batches become one assignment), and what it remembers between its batches.
     */
    private final class Lane {
        final int number;
        final ExecutorService thread;
        final Set<String> pending = ConcurrentHashMap.newKeySet();
        final AtomicBoolean draining = new AtomicBoolean();
        /** Cases already given their one more round after a refused membership (bounded; this lane's thread only). */
        final Set<String> retried = new HashSet<>();
        /** The lane's last batch created issues that the candidate search may not see yet. */
        volatile boolean createdUnseen;

        Lane(int number) {
            this.number = number;
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "recurring-issue-assigner-" + number);
                t.setDaemon(true);
                return t;
            });
        }

        void add(Collection<String> ids) {
            pending.addAll(ids);
            if (draining.compareAndSet(false, true)) {
                thread.submit(this::drain);
            }
        }

        /** Takes everything handed over so far (up to MAX_BATCH at a time) until nothing is left. */
        private void drain() {
            try {
                while (!pending.isEmpty()) {
                    List<String> batch = new ArrayList<>();
                    for (Iterator<String> it = pending.iterator(); it.hasNext() && batch.size() < MAX_BATCH; ) {
                        batch.add(it.next());
                        it.remove();
                    }
                    try {
                        assign(this, batch);
                    } catch (RuntimeException e) {
                        LOG.warnf("assignment of %d case(s) deferred to the sweep: %s", batch.size(), e.toString());
                    }
                }
            } finally {
                draining.set(false);
                if (!pending.isEmpty() && draining.compareAndSet(false, true)) {
                    thread.submit(this::drain);
                }
            }
        }
    }

    /**
     * The lane of a topic: every case of one topic goes to one lane, so two lanes never found two issues for one
     * problem at once (a problem's cases nearly always share a topic). No topic known: a lane by the case id.
     */
    private Lane laneOf(String caseId, String topicCode) {
        String key = topicCode == null || topicCode.isBlank() ? caseId : topicCode;
        return lanes.get(Math.floorMod(key.hashCode(), lanes.size()));
    }

    /**
     * Called by the consumer after a batch is in Elasticsearch: assigns those cases on the lanes' threads, each case
     * on the lane of its topic as the consumer's copy of the case gives it.
     */
    public void submit(Collection<String> caseIds) {
        if (!config.recurring().assignEnabled() || caseIds.isEmpty()) {
            return;
        }
        String live = recent.liveIndex().orElse(null);
        Map<String, String> topics = new HashMap<>();
        for (String id : caseIds) {
            topics.put(id, live == null ? null : recent.topicOf(live, id));
        }
        submit(topics);
    }

    /** Hands cases over to the lanes of their topics (topic code by case id; null: not known). */
    public void submit(Map<String, String> topicsByCase) {
        if (!config.recurring().assignEnabled() || topicsByCase.isEmpty()) {
            return;
        }
        Map<Lane, List<String>> byLane = new LinkedHashMap<>();
        topicsByCase.forEach((id, topic) -> byLane.computeIfAbsent(laneOf(id, topic), x -> new ArrayList<>()).add(id));
        byLane.forEach(Lane::add);
    }

    /** The safety net: cases still without an issue (an instance died, Elasticsearch was down, a rebuild). */
    @Scheduled(every = "${pakn.search.recurring.sweep-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!config.recurring().assignEnabled()) {
            return;
        }
        try {
            submit(unassigned(100));
        } catch (Exception e) {
            LOG.debugf("sweep skipped: %s", e.toString());
        }
    }

    /** The oldest cases without an issue, with their topic codes (null: none). */
    Map<String, String> unassigned(int size) {
        ObjectNode body = F.objectNode();
        body.put("size", size);
        body.putArray("_source").add("topicCode");
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").addObject().putObject("exists").put("field", "title");
        bool.putArray("must_not").addObject().putObject("exists").put("field", "recurringIssueId");
        body.putArray("sort").addObject().putObject("submittedAt").put("order", "asc");
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode h : es.ok("POST", "/" + config.index().alias() + "/_search", body).path("hits").path("hits")) {
            JsonNode topic = h.path("_source").path("topicCode");
            out.put(h.path("_id").asText(), topic.isTextual() ? topic.asText() : null);
        }
        return out;
    }

    /** A case as read for assignment, with its version. */
    public record StoredCase(CaseDocument doc, long seqNo, long primaryTerm) {
    }

    public Map<String, StoredCase> readCases(Collection<String> ids) {
        Map<String, StoredCase> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        ObjectNode body = F.objectNode();
        ArrayNode arr = body.putArray("ids");
        ids.forEach(arr::add);
        JsonNode r = es.ok("POST", "/" + config.index().alias() + "/_mget?_source_excludes=answerText", body);
        for (JsonNode d : r.path("docs")) {
            if (d.path("found").asBoolean(false)) {
                out.put(d.path("_id").asText(), new StoredCase(es.convert(d.path("_source"), CaseDocument.class),
                        d.path("_seq_no").asLong(), d.path("_primary_term").asLong()));
            }
        }
        return out;
    }

    /**
     * Writes the case's issue fields if the case is still at the version read; false on a conflict (another writer
     * came first: the caller re-reads).
     */
    public boolean writeMembership(String caseId, StoredCase at, Map<String, Object> fields) {
        ObjectNode body = F.objectNode();
        body.set("doc", es.tree(fields));
        String path = "/" + config.index().alias() + "/_update/" + IssueStore.enc(caseId) + "?if_seq_no=" + at.seqNo()
                + "&if_primary_term=" + at.primaryTerm();
        EsJson.Reply r = es.call("POST", path, body);
        if (r.conflict()) {
            return false;
        }
        if (!r.ok()) {
            throw new EsJson.Unavailable("cannot write case " + caseId + ": " + r.body(), null);
        }
        // the consumer's copy of the case is older now: its next event and the next assignment read the case
        recent.liveIndex().ifPresent(index -> recent.forget(index, caseId));
        return true;
    }

    public IssueMath.Params params() {
        SearchConfig.Recurring r = config.recurring();
        return new IssueMath.Params(r.joinRatio(), r.minLink(), r.pairThreshold(), r.minSize(), r.centroidTerms());
    }

    /** One batch of a lane: the cases it took from the recent copy, those whose membership was refused, its clock. */
    private final class Round {
        final Lane lane;
        final Stages clock;
        /** Cases read from the recent copy (complete documents), with their index. */
        final Map<String, String> fromRecent = new HashMap<>();
        /** Cases whose membership write was refused (409). */
        final Set<String> refused = new LinkedHashSet<>();

        Round(Lane lane, int size) {
            this.lane = lane;
            this.clock = new Stages(registry, lane == null ? -1 : lane.number, size);
        }

        boolean createdUnseen() {
            return lane == null ? true : lane.createdUnseen;
        }

        void createdUnseen(boolean created) {
            if (lane != null) {
                lane.createdUnseen = created;
            } else if (created) {
                lanes.forEach(l -> l.createdUnseen = true);
            }
        }
    }

    /** Assigns the given cases (those without an issue) on this lane; returns how many were assigned. */
    private int assign(Lane lane, List<String> caseIds) {
        Round round = new Round(lane, caseIds.size());
        batches.readLock().lock();
        try {
            Map<String, StoredCase> cases = readForAssignment(round, caseIds);
            round.clock.lap("read");
            return assignInOrder(round, cases.values().stream()
                    .filter(c -> c.doc().title != null && c.doc().recurringIssueId == null)
                    .sorted(Comparator.comparing((StoredCase c) -> c.doc().submittedAt,
                            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(c -> c.doc().caseId))
                    .toList());
        } finally {
            batches.readLock().unlock();
            round.clock.done(round.refused.size(), lane.pending.size());
            if (!round.refused.isEmpty()) {
                // the consumer wrote a newer version of these cases between the read and the membership write (their
                // next event): one more round, from the version it wrote, rather than waiting for the sweep
                List<String> again = round.refused.stream().filter(lane.retried::add).toList();
                if (lane.retried.size() > 10_000) {
                    lane.retried.clear();
                }
                lane.pending.addAll(again);
            }
        }
    }

    /**
     * Cases the consumer wrote a moment ago come from {@link vn.gov.noivu.pakn.search.indexing.RecentCases} (the
     * complete document at the version written), the others from one {@code _mget}: a realtime read of a case written
     * since the last refresh is work for Elasticsearch the copy avoids. A stale copy only makes the conditional
     * membership write fail (409), as a concurrent write would.
     */
    private Map<String, StoredCase> readForAssignment(Round round, List<String> caseIds) {
        Map<String, StoredCase> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        String live = recent.liveIndex().orElse(null);
        for (String id : caseIds) {
            var kept = live == null ? Optional.<vn.gov.noivu.pakn.search.indexing.RecentCases.Entry>empty()
                    : recent.get(live, id);
            // only a case the copy shows as still to assign is taken from it: a copy can be stale (curation, the
            // repair or another replica wrote the case since), and while a stale copy that leads to a write costs a
            // refused conditional write, one that leads to skipping the case (it seems to have an issue already) would
            // leave the case without one, so those are read from Elasticsearch
            if (kept.isPresent() && kept.get().doc().title != null && kept.get().doc().recurringIssueId == null) {
                out.put(id, new StoredCase(kept.get().doc(), kept.get().seqNo(), kept.get().primaryTerm()));
                round.fromRecent.put(id, live);
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            out.putAll(readCases(missing));
        }
        return out;
    }

    /**
     * Assigns these cases again from scratch, one by one in the order given (cases a person pinned keep their issue):
     * their automatic membership is cleared first, and the caller has removed the records of the issues they were in.
     * The evaluation uses it to feed the same cases in another arrival order; the live path and the sweep wait (this
     * method holds the assigner: every lane waits), and find the cases assigned. One sequence, not lanes: the order
     * given is the point.
     */
    public int reassign(List<String> caseIdsInOrder) {
        Round round = new Round(null, caseIdsInOrder.size());
        batches.writeLock().lock();
        try {
            return reassign(round, caseIdsInOrder);
        } finally {
            batches.writeLock().unlock();
            round.clock.done(round.refused.size(), 0);
            Map<String, String> again = new LinkedHashMap<>();
            round.refused.forEach(id -> again.put(id, null));
            submit(again);
        }
    }

    private int reassign(Round round, List<String> caseIdsInOrder) {
        Map<String, StoredCase> cases = readCases(caseIdsInOrder);
        for (StoredCase c : cases.values()) {
            if (!Boolean.TRUE.equals(c.doc().recurringPinned) && c.doc().recurringIssueId != null) {
                Map<String, Object> clear = new HashMap<>();
                clear.put("recurringIssueId", null);
                clear.put("recurringAssignedAt", null);
                clear.put("recurringLink", null);
                if (!writeMembership(c.doc().caseId, c, clear)) {
                    throw new EsJson.Unavailable("case " + c.doc().caseId + " changed during reassignment", null);
                }
            }
        }
        Map<String, StoredCase> fresh = readCases(caseIdsInOrder);
        return assignInOrder(round, caseIdsInOrder.stream().map(fresh::get)
                .filter(c -> c != null && c.doc().title != null && c.doc().recurringIssueId == null).toList());
    }

    /**
     * Assigns a batch with a fixed number of round trips, whatever its size: at most one for the vectors (the features
     * the term-statistics cache lacks; and, after a refresh, one per 25 thin cases), one {@code _msearch}
     * for every case's candidate issues, one {@code _mget} for their records, then the decisions in arrival order in
     * memory (an issue created or grown by an earlier case of the batch is offered to the later ones), one bulk for the
     * memberships (each conditional on the case's version) and one bulk for the issue records (conditional too). An
     * issue record only counts the cases whose membership was written. A refused record write (another replica wrote
     * it meanwhile) is redone from a fresh read for that issue alone; a membership not written (the case got an issue,
     * a pin or an exclusion meanwhile, or kept changing) is not counted.
     */
    private int assignInOrder(Round round, List<StoredCase> todo) {
        Stages clock = round.clock;
        if (todo.isEmpty()) {
            return 0;
        }
        // with the dfs this pod was given in the last moments (pakn.search.recurring.df-cache), asking only for the rest
        Map<String, IssueVectors.Both> both = new HashMap<>(vectors.bothRecent(texts(todo)));
        clock.lap("vectors");
        // The index's term statistics count only refreshed cases (refresh every 1 s). When a case's problem is new to
        // them (a thin vector: its own case and the last ones of its problem are not searchable yet) the first cases
        // of that problem would lose every word of it (df < 2) and each start an issue no later case joins, so the
        // cases alias is refreshed and the batch vectorised again. Issues the last batch created are not searchable
        // before a refresh either: the next cases of a new problem would find no candidate. One refresh request for
        // both, and only when needed: a refresh per batch (10 a second at 10 cases/s) cost more than the assignment.
        boolean thin = both.values().stream().anyMatch(IssueVectors.Both::thin);
        List<String> stale = new ArrayList<>();
        if (thin) {
            stale.add(config.index().alias());
        }
        if (round.createdUnseen()) {
            stale.add(store.index());
            round.createdUnseen(false);
        }
        if (!stale.isEmpty()) {
            // ignore_unavailable: an issue index not created yet does not keep the case index from refreshing
            es.call("POST", "/" + String.join(",", stale) + "/_refresh?ignore_unavailable=true", null);
            registry.counter("pakn_search_assigner_refreshes_total").increment();
            clock.lap("refresh");
        }
        if (thin) {
            // only the thin cases again: the others keep most of their features either way (the refresh adds the
            // batch's own cases to their df), and the vectors are the batch's costliest Elasticsearch work. From
            // Elasticsearch, never from the df cache: the refresh is what they wait for
            both.putAll(vectors.both(texts(todo.stream().filter(c -> both.get(c.doc().caseId).thin()).toList())));
            clock.lap("revectors");
        }
        Map<String, Map<String, Double>> vecs = new HashMap<>();
        both.forEach((id, b) -> vecs.put(id, b.shared()));
        List<List<String>> candidates = store.candidatesOf(todo.stream()
                .map(c -> new IssueStore.CandidateQuery(vecs.get(c.doc().caseId), excluded(c))).toList(),
                config.recurring().candidates());
        clock.lap("candidates");
        Set<String> wanted = new LinkedHashSet<>();
        candidates.forEach(wanted::addAll);
        todo.forEach(c -> wanted.add("ri-" + c.doc().caseId)); // the id a new issue of that case would take
        Map<String, IssueStore.Versioned> known = store.mget(wanted);
        clock.lap("records");

        Map<String, RecurringIssue> working = new LinkedHashMap<>(); // issues of this batch, as the decisions leave them
        Map<String, RecurringIssue> copies = new HashMap<>(); // one working copy per record read, not one per case
        List<Decision> decisions = new ArrayList<>();
        Instant now = Instant.now();
        for (int k = 0; k < todo.size(); k++) {
            StoredCase c = todo.get(k);
            Map<String, Double> v = vecs.get(c.doc().caseId);
            Map<String, RecurringIssue> offered = new LinkedHashMap<>();
            for (String id : candidates.get(k)) {
                RecurringIssue i = working.containsKey(id) ? working.get(id)
                        : known.containsKey(id) ? copies.computeIfAbsent(id, x -> copy(known.get(x).issue())) : null;
                if (i != null) {
                    offered.put(id, i);
                }
            }
            working.forEach(offered::putIfAbsent);
            IssueMath.Choice choice = IssueMath.choose(v, offered.values(), excluded(c), params());
            if (LOG.isDebugEnabled()) {
                LOG.debugf("case %s (%d features, %d as a seed): %s (offered %s)", c.doc().caseId, v.size(),
                        both.get(c.doc().caseId).seed().size(), choice == null ? "new issue"
                        : choice.issue().issueId + " link " + choice.link() + " threshold " + choice.threshold(),
                        offered.keySet());
                if (choice == null) {
                    // why each offered issue was passed over (first cases of a new problem: LeaderUiBrowserTest)
                    offered.values().forEach(i -> LOG.debugf("  passed over %s: status %s, size %d, centroid %d terms, "
                                    + "link %s, threshold %s, shared terms %d", i.issueId, i.status, i.size,
                            i.centroid == null ? 0 : i.centroid.size(), i.link(v), IssueMath.threshold(i, params()),
                            i.centroid == null ? 0 : v.keySet().stream().filter(i.centroid::containsKey).count()));
                }
            }
            if (choice == null) {
                Map<String, Double> seed = both.get(c.doc().caseId).seed();
                RecurringIssue i = newIssue(c.doc(), seed, now);
                i.issueId = freeId(i.issueId, known.keySet(), working.keySet());
                working.put(i.issueId, i);
                decisions.add(new Decision(c, seed, i.issueId, null));
            } else {
                RecurringIssue i = choice.issue();
                working.put(i.issueId, i);
                join(i, c.doc(), v, choice.link());
                decisions.add(new Decision(c, v, i.issueId, choice.link()));
            }
        }

        clock.lap("decide");
        List<Decision> written = writeMemberships(round, decisions, now);
        clock.lap("memberships");
        // the records again, from what was read, with only the members whose membership is written
        Map<String, RecurringIssue> created = new LinkedHashMap<>();
        Map<String, IssueStore.Versioned> updated = new LinkedHashMap<>();
        Map<String, List<Decision>> membersOf = new LinkedHashMap<>();
        for (Decision d : written) {
            membersOf.computeIfAbsent(d.issueId(), x -> new ArrayList<>()).add(d);
            IssueStore.Versioned read = known.get(d.issueId());
            if (read != null) {
                IssueStore.Versioned v = updated.computeIfAbsent(d.issueId(), x -> new IssueStore.Versioned(
                        copy(read.issue()), read.seqNo(), read.primaryTerm()));
                join(v.issue(), d.c().doc(), d.v(), d.link() == null ? 0 : d.link());
            } else if (created.containsKey(d.issueId())) {
                join(created.get(d.issueId()), d.c().doc(), d.v(), d.link() == null ? 0 : d.link());
            } else {
                RecurringIssue i = newIssue(d.c().doc(), d.v(), now);
                i.issueId = d.issueId();
                created.put(i.issueId, i);
            }
        }
        Set<String> refusedWrites = store.writeAll(created.values(), updated.values());
        round.createdUnseen(!created.isEmpty());
        clock.lap("issues");
        if (!refusedWrites.isEmpty()) {
            redo(refusedWrites, membersOf);
            clock.lap("redo");
        }
        clock.assigned(written.size(), created.size());
        return written.size();
    }

    /**
     * Where a batch's time goes: one timer per stage ({@code pakn_search_assigner_stage_seconds{stage=...}}), one for
     * the whole batch, the batch sizes, and one log line per batch (cases, assigned, issues created, ms per stage).
     */
    static final class Stages {
        private final MeterRegistry registry;
        private final int lane;
        private final int size;
        private final long start = System.nanoTime();
        private long last = start;
        private final StringBuilder line = new StringBuilder();
        private int assigned;
        private int created;

        Stages(MeterRegistry registry, int lane, int size) {
            this.registry = registry;
            this.lane = lane;
            this.size = size;
        }

        void lap(String stage) {
            long now = System.nanoTime();
            registry.timer("pakn_search_assigner_stage", "stage", stage).record(now - last, TimeUnit.NANOSECONDS);
            line.append(' ').append(stage).append('=').append((now - last) / 1_000_000);
            last = now;
        }

        void assigned(int assigned, int created) {
            this.assigned = assigned;
            this.created = created;
        }

        void done(int refused, int backlog) {
            long ns = System.nanoTime() - start;
            registry.timer("pakn_search_assigner_batch").record(ns, TimeUnit.NANOSECONDS);
            registry.summary("pakn_search_assigner_batch_cases").record(size);
            // DEBUG: at low load every case is a batch of its own; the timers above carry the figures
            LOG.debugf("assigner batch (lane %s): %d case(s), %d assigned, %d new issue(s), %d refused, %d pending;"
                    + " %d ms:%s",
                    lane < 0 ? "reassign" : String.valueOf(lane), size, assigned, created, refused, backlog,
                    ns / 1_000_000, line);
        }
    }

    /**
     * Another writer came first (another lane whose case joined the same issue, another replica, curation): adds this
     * batch's members to those records as they are now, all of them in one {@code _mget} and one bulk per round. One
     * read and one write per record, one after the other, took 1.8–6.5 s a batch with two lanes under load.
     */
    private void redo(Set<String> refusedWrites, Map<String, List<Decision>> membersOf) {
        Set<String> again = refusedWrites;
        for (int attempt = 0; attempt < 10 && !again.isEmpty(); attempt++) {
            Map<String, IssueStore.Versioned> fresh = store.mget(again);
            List<IssueStore.Versioned> updated = new ArrayList<>();
            for (String id : again) {
                IssueStore.Versioned v = fresh.get(id);
                if (v == null) {
                    LOG.warnf("issue %s vanished while %d case(s) joined it; the repair job will regroup them", id,
                            membersOf.get(id).size());
                    continue;
                }
                membersOf.get(id).forEach(d -> join(v.issue(), d.c().doc(), d.v(), d.link() == null ? 0 : d.link()));
                updated.add(v);
            }
            again = store.writeAll(List.of(), updated);
        }
        if (!again.isEmpty()) {
            throw new IssueStore.Conflict(again.iterator().next());
        }
    }

    private static List<IssueVectors.Text> texts(List<StoredCase> todo) {
        return todo.stream()
                .map(c -> new IssueVectors.Text(c.doc().caseId, c.doc().title, c.doc().description,
                        c.doc().topicCode)).toList();
    }

    private record Decision(StoredCase c, Map<String, Double> v, String issueId, Double link) {
    }

    private static List<String> excluded(StoredCase c) {
        return c.doc().recurringExcluded == null ? List.of() : c.doc().recurringExcluded;
    }

    /** {@code ri-<caseId>}, or the next free {@code ri-<caseId>-2}, {@code -3}, … when a record has that id. */
    private static String freeId(String base, Set<String> stored, Set<String> batch) {
        String id = base;
        for (int k = 2; stored.contains(id) || batch.contains(id); k++) {
            id = base + "-" + k;
        }
        return id;
    }

    private RecurringIssue copy(RecurringIssue i) {
        return es.convert(es.tree(i), RecurringIssue.class);
    }

    /** Rounds of {@link #writeMemberships} for the memberships refused because the case changed meanwhile. */
    static final int MEMBERSHIP_ATTEMPTS = 3;

    /**
     * Bulks of membership writes, each conditional on the case's version ({@code if_seq_no}/{@code if_primary_term}):
     * the whole document where the consumer's copy gives it, a partial update otherwise ({@link MembershipOps}); the
     * decisions written. A refused one (409) is read again and, if the case still has no issue, is not pinned and
     * was not moved out of the issue decided, written again with the same decision at the version read, up to
     * {@value #MEMBERSHIP_ATTEMPTS} bulks. Why: the consumer writes the case's next event (ROUTED, within a second of
     * SUBMITTED) between the read and this write, which changes nothing the decision depends on; deciding again from
     * scratch cost the case a second vectorisation, candidate search and decision (36 of 39 memberships of one batch
     * were refused in the first measurement under load), and a case refused twice waited for the sweep.
     */
    private List<Decision> writeMemberships(Round round, List<Decision> decisions, Instant now) {
        List<Decision> written = new ArrayList<>();
        List<Decision> todo = decisions;
        for (int attempt = 1; !todo.isEmpty(); attempt++) {
            List<Decision> conflicts = writeMembershipsOnce(round, todo, now, written);
            if (conflicts.isEmpty()) {
                break;
            }
            if (attempt == MEMBERSHIP_ATTEMPTS) {
                conflicts.forEach(d -> round.refused.add(d.c().doc().caseId));
                break;
            }
            Map<String, StoredCase> fresh = readCases(conflicts.stream().map(d -> d.c().doc().caseId).toList());
            todo = new ArrayList<>();
            for (Decision d : conflicts) {
                StoredCase c = fresh.get(d.c().doc().caseId);
                // read without answerText: not a complete document for the consumer's copy
                round.fromRecent.remove(d.c().doc().caseId);
                if (c != null && c.doc().recurringIssueId == null && !Boolean.TRUE.equals(c.doc().recurringPinned)
                        && !excluded(c).contains(d.issueId())) {
                    todo.add(new Decision(c, d.v(), d.issueId(), d.link()));
                }
            }
        }
        return written;
    }

    /**
     * One bulk of conditional membership writes ({@link MembershipOps}: the complete document where the consumer's copy
     * gives it, a partial update otherwise): adds those written to {@code written}; returns those refused.
     */
    private List<Decision> writeMembershipsOnce(Round round, List<Decision> decisions, Instant now,
            List<Decision> written) {
        StringBuilder nd = new StringBuilder();
        for (Decision d : decisions) {
            nd.append(MembershipOps.lines(d.c().doc(), d.c().seqNo(), d.c().primaryTerm(),
                    round.fromRecent.get(d.c().doc().caseId), d.issueId(), d.link(), now, es::tree));
        }
        JsonNode items = es.ok("POST", "/" + config.index().alias() + "/_bulk", nd.toString()).path("items");
        List<Decision> conflicts = new ArrayList<>();
        for (int k = 0; k < decisions.size(); k++) {
            JsonNode r = MembershipOps.result(items.path(k));
            int status = r.path("status").asInt(500);
            Decision d = decisions.get(k);
            String index = round.fromRecent.get(d.c().doc().caseId);
            if (status < 300) {
                written.add(d);
                if (index != null && index.equals(r.path("_index").asText()) && r.has("_seq_no")) {
                    // the complete document as it is now, for the case's next event and a later round
                    recent.put(index, d.c().doc().caseId,
                            MembershipOps.withMembership(d.c().doc(), d.issueId(), d.link(), now),
                            r.path("_seq_no").asLong(), r.path("_primary_term").asLong());
                }
            } else if (status == 409) {
                conflicts.add(d);
                if (index != null) {
                    // the copy was stale (unless the consumer has put a newer one since)
                    recent.forget(index, d.c().doc().caseId, d.c().seqNo(), d.c().primaryTerm());
                }
            } else {
                LOG.warnf("membership of case %s not written (%d): %s; the sweep tries again",
                        d.c().doc().caseId, status, r.path("error"));
            }
        }
        return conflicts;
    }

    public RecurringIssue newIssue(CaseDocument d, Map<String, Double> v, Instant now) {
        RecurringIssue i = new RecurringIssue();
        i.issueId = "ri-" + d.caseId;
        i.label = d.title;
        i.status = config.recurring().minSize() <= 1 ? RecurringIssue.Status.AUTO : RecurringIssue.Status.CANDIDATE;
        i.size = 1;
        i.sumNorm2 = 1;
        i.centroid = IssueVectors.truncate(new LinkedHashMap<>(v), config.recurring().centroidTerms());
        i.terms = IssueVectors.top(v, 30);
        i.representativeCaseId = d.caseId;
        i.representativeLink = 0.0;
        i.topicCode = d.topicCode;
        i.responsibleUnitCode = d.responsibleUnitCode;
        i.responsibleUnitName = d.responsibleUnitName;
        i.createdAt = now;
        i.updatedAt = now;
        return i;
    }

    /** Adds a member's vector to the issue's sum (conditional write, re-read on conflict). */
    public Optional<RecurringIssue> addMember(String issueId, CaseDocument d, Map<String, Double> v, double link) {
        return store.modify(issueId, i -> {
            join(i, d, v, link);
            return true;
        });
    }

    /** A member joins an issue in memory: its vector into the sum; the best-linked member names the issue. */
    void join(RecurringIssue i, CaseDocument d, Map<String, Double> v, double link) {
        IssueMath.add(i, v, +1, params());
        if (link > (i.representativeLink == null ? 0 : i.representativeLink) && !Boolean.TRUE.equals(i.labelByHuman)) {
            i.representativeCaseId = d.caseId;
            i.representativeLink = link;
            i.label = d.title;
        }
        if (i.responsibleUnitCode == null && d.responsibleUnitCode != null) {
            i.responsibleUnitCode = d.responsibleUnitCode;
            i.responsibleUnitName = d.responsibleUnitName;
        }
    }

}
