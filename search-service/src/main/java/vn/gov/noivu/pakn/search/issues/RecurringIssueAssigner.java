package vn.gov.noivu.pakn.search.issues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
 * Nothing is kept in memory between batches: the case document carries {@code recurringIssueId} (written
 * conditionally on the version read), issue records are read and written with optimistic concurrency, and ids are
 * deterministic, so two replicas (or the sweep and the live path) can run at once. Issues a person moved a case out
 * of ({@code recurringExcluded}) are never offered to it; cases a person placed ({@code recurringPinned}) or that
 * have an issue are left alone.
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
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    vn.gov.noivu.pakn.search.indexing.RecentCases recent;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "recurring-issue-assigner");
        t.setDaemon(true);
        return t;
    });
    /** Cases handed over and not yet taken by the worker: under load, many consumer batches become one assignment. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();
    private static final int MAX_BATCH = 500;

    void onStop(@Observes ShutdownEvent ev) {
        worker.shutdownNow();
    }

    /** Called by the consumer after a batch is in Elasticsearch: assigns those cases on the assigner's thread. */
    public void submit(Collection<String> caseIds) {
        if (!config.recurring().assignEnabled() || caseIds.isEmpty()) {
            return;
        }
        pending.addAll(caseIds);
        if (draining.compareAndSet(false, true)) {
            worker.submit(this::drain);
        }
    }

    /** Takes everything handed over so far (up to MAX_BATCH at a time) until nothing is left. */
    private void drain() {
        try {
            while (!pending.isEmpty()) {
                List<String> batch = new ArrayList<>();
                for (java.util.Iterator<String> it = pending.iterator(); it.hasNext() && batch.size() < MAX_BATCH; ) {
                    batch.add(it.next());
                    it.remove();
                }
                try {
                    assign(batch);
                } catch (RuntimeException e) {
                    LOG.warnf("assignment of %d case(s) deferred to the sweep: %s", batch.size(), e.toString());
                }
            }
        } finally {
            draining.set(false);
            if (!pending.isEmpty() && draining.compareAndSet(false, true)) {
                worker.submit(this::drain);
            }
        }
    }

    /** The safety net: cases still without an issue (an instance died, Elasticsearch was down, a rebuild). */
    @Scheduled(every = "${pakn.search.recurring.sweep-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!config.recurring().assignEnabled()) {
            return;
        }
        try {
            List<String> ids = unassigned(100);
            if (!ids.isEmpty()) {
                worker.submit(() -> assign(ids)).get();
            }
        } catch (Exception e) {
            LOG.debugf("sweep skipped: %s", e.toString());
        }
    }

    List<String> unassigned(int size) {
        ObjectNode body = F.objectNode();
        body.put("size", size);
        body.put("_source", false);
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").addObject().putObject("exists").put("field", "title");
        bool.putArray("must_not").addObject().putObject("exists").put("field", "recurringIssueId");
        body.putArray("sort").addObject().putObject("submittedAt").put("order", "asc");
        List<String> out = new ArrayList<>();
        for (JsonNode h : es.ok("POST", "/" + config.index().alias() + "/_search", body).path("hits").path("hits")) {
            out.add(h.path("_id").asText());
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

    /** Assigns the given cases (those without an issue); returns how many were assigned. */
    public synchronized int assign(List<String> caseIds) {
        Map<String, StoredCase> cases = readForAssignment(caseIds);
        try {
            return assignInOrder(cases.values().stream()
                    .filter(c -> c.doc().title != null && c.doc().recurringIssueId == null)
                    .sorted(Comparator.comparing((StoredCase c) -> c.doc().submittedAt,
                            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(c -> c.doc().caseId))
                    .toList());
        } finally {
            fromRecent.clear();
            if (!refused.isEmpty()) {
                // the consumer wrote a newer version of these cases between the read and the membership write (their
                // next event): one more round, from the version it wrote, rather than waiting for the sweep
                List<String> again = refused.stream().filter(retried::add).toList();
                refused.clear();
                if (retried.size() > 10_000) {
                    retried.clear();
                }
                pending.addAll(again);
            }
        }
    }

    /**
     * Cases the consumer wrote a moment ago come from {@link vn.gov.noivu.pakn.search.indexing.RecentCases} (the
     * complete document at the version written), the others from one {@code _mget}: a realtime read of a case written
     * since the last refresh is work for Elasticsearch the copy avoids. A stale copy only makes the conditional
     * membership write fail (409), as a concurrent write would.
     */
    private Map<String, StoredCase> readForAssignment(List<String> caseIds) {
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
                fromRecent.put(id, live);
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            out.putAll(readCases(missing));
        }
        return out;
    }

    /** Cases of the running {@link #assign} read from the recent copy (complete documents), with their index. */
    private final Map<String, String> fromRecent = new HashMap<>();
    /** Cases of the running {@link #assign} whose membership write was refused (409). */
    private final Set<String> refused = new LinkedHashSet<>();
    /** Cases already given their one more round after a refused membership (bounded). */
    private final Set<String> retried = new java.util.HashSet<>();

    /**
     * Assigns these cases again from scratch, one by one in the order given (cases a person pinned keep their issue):
     * their automatic membership is cleared first, and the caller has removed the records of the issues they were in.
     * The evaluation uses it to feed the same cases in another arrival order; the live path and the sweep wait (this
     * method holds the assigner), and find the cases assigned.
     */
    public synchronized int reassign(List<String> caseIdsInOrder) {
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
        return assignInOrder(caseIdsInOrder.stream().map(fresh::get)
                .filter(c -> c != null && c.doc().title != null && c.doc().recurringIssueId == null).toList());
    }

    /**
     * Assigns a batch with a fixed number of round trips, whatever its size: one for the vectors, one {@code _msearch}
     * for every case's candidate issues, one {@code _mget} for their records, then the decisions in arrival order in
     * memory (an issue created or grown by an earlier case of the batch is offered to the later ones), one bulk for the
     * memberships (each conditional on the case's version) and one bulk for the issue records (conditional too). An
     * issue record only counts the cases whose membership was written. A refused record write (another replica wrote
     * it meanwhile) is redone from a fresh read for that issue alone; a refused membership leaves the case to the sweep.
     */
    private int assignInOrder(List<StoredCase> todo) {
        if (todo.isEmpty()) {
            return 0;
        }
        Map<String, IssueVectors.Both> both = vectorsOf(todo);
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
        if (createdUnseen) {
            stale.add(store.index());
            createdUnseen = false;
        }
        if (!stale.isEmpty()) {
            // ignore_unavailable: an issue index not created yet does not keep the case index from refreshing
            es.call("POST", "/" + String.join(",", stale) + "/_refresh?ignore_unavailable=true", null);
            registry.counter("pakn_search_assigner_refreshes_total").increment();
        }
        if (thin) {
            both = vectorsOf(todo);
        }
        Map<String, Map<String, Double>> vecs = new HashMap<>();
        both.forEach((id, b) -> vecs.put(id, b.shared()));
        List<List<String>> candidates = store.candidatesOf(todo.stream()
                .map(c -> new IssueStore.CandidateQuery(vecs.get(c.doc().caseId), excluded(c))).toList(),
                config.recurring().candidates());
        Set<String> wanted = new LinkedHashSet<>();
        candidates.forEach(wanted::addAll);
        todo.forEach(c -> wanted.add("ri-" + c.doc().caseId)); // the id a new issue of that case would take
        Map<String, IssueStore.Versioned> known = store.mget(wanted);

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

        List<Decision> written = writeMemberships(decisions, now);
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
        createdUnseen = !created.isEmpty();
        for (String refused : refusedWrites) {
            // another writer came first: add this batch's members to the record as it is now
            store.modify(refused, i -> {
                membersOf.get(refused).forEach(d -> join(i, d.c().doc(), d.v(), d.link() == null ? 0 : d.link()));
                return true;
            }).orElseGet(() -> {
                LOG.warnf("issue %s vanished while %d case(s) joined it; the repair job will regroup them", refused,
                        membersOf.get(refused).size());
                return null;
            });
        }
        return written.size();
    }

    /** The last batch created issues that the candidate search may not see yet (the assigner runs one batch at a time). */
    private volatile boolean createdUnseen;

    private Map<String, IssueVectors.Both> vectorsOf(List<StoredCase> todo) {
        return vectors.both(todo.stream()
                .map(c -> new IssueVectors.Text(c.doc().caseId, c.doc().title, c.doc().description,
                        c.doc().topicCode)).toList());
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

    /** One bulk of conditional membership updates; the decisions whose case was still at the version read. */
    private List<Decision> writeMemberships(List<Decision> decisions, Instant now) {
        StringBuilder nd = new StringBuilder();
        for (Decision d : decisions) {
            ObjectNode op = F.objectNode();
            op.putObject("update").put("_id", d.c().doc().caseId).put("if_seq_no", d.c().seqNo())
                    .put("if_primary_term", d.c().primaryTerm());
            ObjectNode body = F.objectNode();
            body.set("doc", es.tree(membership(d.issueId(), d.link(), now)));
            nd.append(op).append('\n').append(body).append('\n');
        }
        JsonNode items = es.ok("POST", "/" + config.index().alias() + "/_bulk", nd.toString()).path("items");
        List<Decision> written = new ArrayList<>();
        for (int k = 0; k < decisions.size(); k++) {
            JsonNode r = items.path(k).path("update");
            int status = r.path("status").asInt(500);
            if (status < 300) {
                Decision d = decisions.get(k);
                written.add(d);
                String index = fromRecent.get(d.c().doc().caseId);
                if (index != null && index.equals(r.path("_index").asText()) && r.has("_seq_no")) {
                    // the complete document as it is now, for the case's next event and a later round
                    CaseDocument doc = d.c().doc().copy();
                    doc.recurringIssueId = d.issueId();
                    doc.recurringAssignedAt = now;
                    doc.recurringLink = d.link() == null ? null : Math.round(d.link() * 10000) / 10000.0;
                    recent.put(index, doc.caseId, doc, r.path("_seq_no").asLong(), r.path("_primary_term").asLong());
                }
            } else if (status == 409) {
                StoredCase c = decisions.get(k).c();
                refused.add(c.doc().caseId);
                String index = fromRecent.get(c.doc().caseId);
                if (index != null) {
                    // the copy was stale (unless the consumer has put a newer one since): the next round reads
                    recent.forget(index, c.doc().caseId, c.seqNo(), c.primaryTerm());
                }
            } else {
                LOG.warnf("membership of case %s not written (%d): %s; the sweep tries again",
                        decisions.get(k).c().doc().caseId, status, r.path("error"));
            }
        }
        return written;
    }

    static Map<String, Object> membership(String issueId, Double link, Instant at) {
        Map<String, Object> m = new HashMap<>();
        m.put("recurringIssueId", issueId);
        m.put("recurringAssignedAt", at.toString());
        m.put("recurringLink", link == null ? null : Math.round(link * 10000) / 10000.0);
        return m;
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
