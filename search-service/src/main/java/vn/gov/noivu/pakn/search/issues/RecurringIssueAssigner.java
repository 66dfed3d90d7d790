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
import vn.gov.noivu.pakn.search.entity.CaseDocument;

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

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "recurring-issue-assigner");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    void onStop(@Observes ShutdownEvent ev) {
        worker.shutdownNow();
    }

    /** Called by the consumer after a batch is in Elasticsearch: assigns those cases on the assigner's thread. */
    public void submit(Collection<String> caseIds) {
        if (!config.recurring().assignEnabled() || caseIds.isEmpty()) {
            return;
        }
        List<String> fresh = caseIds.stream().filter(queued::add).toList();
        if (fresh.isEmpty()) {
            return;
        }
        worker.submit(() -> {
            fresh.forEach(queued::remove);
            try {
                assign(fresh);
            } catch (RuntimeException e) {
                LOG.warnf("assignment of %d case(s) deferred to the sweep: %s", fresh.size(), e.toString());
            }
        });
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
        return true;
    }

    public IssueMath.Params params() {
        SearchConfig.Recurring r = config.recurring();
        return new IssueMath.Params(r.joinRatio(), r.minLink(), r.pairThreshold(), r.minSize(), r.centroidTerms());
    }

    /** Assigns the given cases (those without an issue); returns how many were assigned. */
    public synchronized int assign(List<String> caseIds) {
        Map<String, StoredCase> cases = readCases(caseIds);
        return assignInOrder(cases.values().stream()
                .filter(c -> c.doc().title != null && c.doc().recurringIssueId == null)
                .sorted(Comparator.comparing((StoredCase c) -> c.doc().submittedAt,
                        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(c -> c.doc().caseId))
                .toList());
    }

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

    private int assignInOrder(List<StoredCase> todo) {
        if (todo.isEmpty()) {
            return 0;
        }
        Map<String, Map<String, Double>> vecs = vectors.vectors(todo.stream()
                .map(c -> new IssueVectors.Text(c.doc().caseId, c.doc().title, c.doc().description,
                        c.doc().topicCode)).toList());
        // issues created or grown by this batch: not yet searchable (refresh), read by id instead
        Set<String> touched = new LinkedHashSet<>();
        int assigned = 0;
        for (StoredCase c : todo) {
            Map<String, Double> v = vecs.get(c.doc().caseId);
            if (assignOne(c, v, touched)) {
                assigned++;
            }
        }
        return assigned;
    }

    private boolean assignOne(StoredCase c, Map<String, Double> v, Set<String> touched) {
        List<String> excluded = c.doc().recurringExcluded == null ? List.of() : c.doc().recurringExcluded;
        Set<String> ids = new LinkedHashSet<>(store.candidates(v, excluded, config.recurring().candidates()));
        ids.addAll(touched);
        Map<String, IssueStore.Versioned> found = store.mget(ids);
        IssueMath.Choice choice = IssueMath.choose(v, found.values().stream().map(IssueStore.Versioned::issue).toList(),
                excluded, params());
        String caseId = c.doc().caseId;
        Instant now = Instant.now();
        if (choice == null) {
            RecurringIssue i = newIssue(c.doc(), v, now);
            store.createFresh(i); // its own id, or the next free one (never another issue's record)
            if (!writeMembership(caseId, c, membership(i.issueId, null, now))) {
                return false; // changed meanwhile: the next sweep looks again
            }
            touched.add(i.issueId);
            return true;
        }
        if (!writeMembership(caseId, c, membership(choice.issue().issueId, choice.link(), now))) {
            return false;
        }
        addMember(choice.issue().issueId, c.doc(), v, choice.link());
        touched.add(choice.issue().issueId);
        return true;
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
            IssueMath.add(i, v, +1, params());
            if (link > (i.representativeLink == null ? 0 : i.representativeLink)
                    && !Boolean.TRUE.equals(i.labelByHuman)) {
                i.representativeCaseId = d.caseId;
                i.representativeLink = link;
                i.label = d.title;
            }
            if (i.responsibleUnitCode == null && d.responsibleUnitCode != null) {
                i.responsibleUnitCode = d.responsibleUnitCode;
                i.responsibleUnitName = d.responsibleUnitName;
            }
            return true;
        });
    }

}
