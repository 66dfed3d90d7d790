package vn.gov.noivu.pakn.search.issues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.search.config.SearchConfig;
import vn.gov.noivu.pakn.search.config.SynonymTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * The recurring-issue records ({@code pakn-issues}) and the curation audit ({@code pakn-issue-audit}) in
 * Elasticsearch. Every write of a record is conditional on the version read ({@code if_seq_no}/{@code
 * if_primary_term}) or a create of a deterministic id, so two instances never lose each other's changes.
 */
@ApplicationScoped
public class IssueStore {

    private static final Logger LOG = Logger.getLogger(IssueStore.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Inject
    EsJson es;

    @Inject
    SearchConfig config;

    @Inject
    ObjectMapper mapper;

    /** A record with the version it was read at. */
    public record Versioned(RecurringIssue issue, long seqNo, long primaryTerm) {
    }

    /** Another writer changed the record since it was read. */
    public static class Conflict extends RuntimeException {
        public Conflict(String id) {
            super("recurring issue " + id + " changed meanwhile");
        }
    }

    void onStart(@Observes StartupEvent ev) {
        try {
            ensureIndices();
        } catch (RuntimeException e) {
            LOG.warnf("recurring-issue indices not ready at startup (%s); created on first use", e.toString());
        }
    }

    private volatile boolean ensured;

    public void ensureIndices() {
        if (ensured) {
            return;
        }
        create(index(), "elasticsearch/issues-mappings.json");
        create(config.recurring().auditIndex(), "elasticsearch/audit-mappings.json");
        ensured = true;
    }

    private void create(String name, String mappingResource) {
        if (es.call("HEAD", "/" + name, null).ok()) {
            return;
        }
        try {
            ObjectNode body = F.objectNode();
            ObjectNode settings = SynonymTable.indexSettings(mapper);
            settings.put("number_of_shards", 1);
            settings.put("number_of_replicas", config.index().replicas());
            settings.put("refresh_interval", config.index().refreshInterval());
            body.set("settings", settings);
            body.set("mappings", mapper.readTree(resource(mappingResource)));
            EsJson.Reply r = es.call("PUT", "/" + name, body);
            if (!r.ok() && !r.body().toString().contains("resource_already_exists_exception")) {
                throw new EsJson.Unavailable("cannot create " + name + ": " + r.body(), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String index() {
        return config.recurring().issuesIndex();
    }

    public Optional<Versioned> get(String id) {
        ensureIndices();
        EsJson.Reply r = es.call("GET", "/" + index() + "/_doc/" + enc(id), null);
        if (r.status() == 404 || !r.body().path("found").asBoolean(false)) {
            return Optional.empty();
        }
        return Optional.of(versioned(r.body()));
    }

    /** Realtime multi-get: records just written are seen at once (no refresh needed). */
    public Map<String, Versioned> mget(Collection<String> ids) {
        Map<String, Versioned> out = new LinkedHashMap<>();
        for (JsonNode d : docs(ids, "")) {
            if (d.path("found").asBoolean(false)) {
                Versioned v = versioned(d);
                out.put(v.issue().issueId, v);
            }
        }
        return out;
    }

    /**
     * The records of the given issues without their vectors ({@code centroid}, {@code terms}): what pages and lists show
     * (label, status, size, cohesion, unit, answer). The vectors are most of a record's bytes; the list over all history
     * reads up to {@code MAX_ISSUES} records per request. Read-only: never write a summary back.
     */
    public Map<String, RecurringIssue> summaries(Collection<String> ids) {
        Map<String, RecurringIssue> out = new LinkedHashMap<>();
        for (JsonNode d : docs(ids, "?_source_excludes=centroid,terms&filter_path=docs._source")) {
            if (d.path("_source").isObject()) {
                RecurringIssue i = es.convert(d.path("_source"), RecurringIssue.class);
                out.put(i.issueId, i);
            }
        }
        return out;
    }

    private JsonNode docs(Collection<String> ids, String params) {
        if (ids.isEmpty()) {
            return F.arrayNode();
        }
        ensureIndices();
        ObjectNode body = F.objectNode();
        ArrayNode arr = body.putArray("ids");
        ids.forEach(arr::add);
        return es.ok("POST", "/" + index() + "/_mget" + params, body).path("docs");
    }

    private Versioned versioned(JsonNode d) {
        return new Versioned(es.convert(d.path("_source"), RecurringIssue.class), d.path("_seq_no").asLong(),
                d.path("_primary_term").asLong());
    }

    /** Creates a record with its deterministic id; false when it exists already (another instance made it). */
    public boolean create(RecurringIssue issue) {
        ensureIndices();
        EsJson.Reply r = es.call("PUT", "/" + index() + "/_create/" + enc(issue.issueId), issue);
        if (r.conflict()) {
            return false;
        }
        if (!r.ok()) {
            throw new EsJson.Unavailable("cannot create issue " + issue.issueId + ": " + r.body(), null);
        }
        return true;
    }

    /**
     * Creates a record under its deterministic id ({@code ri-<caseId>}) or, when that id is taken (the case's first
     * issue lives on with other members, or was merged), the next free {@code ri-<caseId>-2}, {@code -3}, …; sets and
     * returns the id used.
     */
    public String createFresh(RecurringIssue issue) {
        String base = issue.issueId;
        for (int k = 2; !create(issue); k++) {
            issue.issueId = base + "-" + k;
        }
        return issue.issueId;
    }

    /** Writes a record read at {@code v}; {@link Conflict} when somebody else wrote it since. */
    public void put(Versioned v) {
        v.issue().updatedAt = Instant.now();
        EsJson.Reply r = es.call("PUT", "/" + index() + "/_doc/" + enc(v.issue().issueId) + "?if_seq_no=" + v.seqNo()
                + "&if_primary_term=" + v.primaryTerm(), v.issue());
        if (r.conflict()) {
            throw new Conflict(v.issue().issueId);
        }
        if (!r.ok()) {
            throw new EsJson.Unavailable("cannot write issue " + v.issue().issueId + ": " + r.body(), null);
        }
    }

    /** Reads, changes and writes back a record, again from a fresh read when another writer came in between. */
    public Optional<RecurringIssue> modify(String id, java.util.function.Predicate<RecurringIssue> change) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Versioned> v = get(id);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            if (!change.test(v.get().issue())) {
                return v.map(Versioned::issue);
            }
            try {
                put(v.get());
                return v.map(Versioned::issue);
            } catch (Conflict c) {
                // re-read
            }
        }
        throw new Conflict(id);
    }

    public void delete(String id) {
        es.call("DELETE", "/" + index() + "/_doc/" + enc(id), null);
    }

    /**
     * Issues that may take a case: live ones sharing its heaviest features (each term boosted by the case's weight;
     * Elasticsearch's scoring adds how rare the term is among issues), best first.
     */
    public List<String> candidates(Map<String, Double> vector, Collection<String> excluded, int size) {
        return candidatesOf(List.of(new CandidateQuery(vector, excluded)), size).get(0);
    }

    /** What one case asks for: its vector, and the issues a person moved it out of. */
    public record CandidateQuery(Map<String, Double> vector, Collection<String> excluded) {
    }

    /**
     * {@link #candidates} of many cases in one round trip ({@code _msearch}), in the order of the queries. Identical
     * queries (cases of the same text and exclusions, e.g. one case sent by many communes) are sent once.
     */
    public List<List<String>> candidatesOf(List<CandidateQuery> queries, int size) {
        ensureIndices();
        List<List<String>> out = new ArrayList<>();
        Map<String, List<Integer>> askedBy = new LinkedHashMap<>(); // query body -> the queries it answers
        for (int k = 0; k < queries.size(); k++) {
            out.add(new ArrayList<>());
            ObjectNode body = candidatesQuery(queries.get(k), size);
            if (body != null) {
                askedBy.computeIfAbsent(body.toString(), x -> new ArrayList<>()).add(k);
            }
        }
        if (askedBy.isEmpty()) {
            return out;
        }
        StringBuilder nd = new StringBuilder();
        askedBy.keySet().forEach(body -> nd.append("{}\n").append(body).append('\n'));
        // only the ids (and errors) back: not every hit's index, score and type
        JsonNode responses = es.ok("POST", "/" + index() + "/_msearch?filter_path=responses.hits.hits._id,responses.error",
                nd.toString()).path("responses");
        int j = 0;
        for (List<Integer> asked : askedBy.values()) {
            JsonNode r = responses.path(j++);
            if (r.has("error")) {
                throw new EsJson.Unavailable("candidate search failed: " + r.path("error"), null);
            }
            for (JsonNode h : r.path("hits").path("hits")) {
                asked.forEach(k -> out.get(k).add(h.path("_id").asText()));
            }
        }
        return out;
    }

    /**
     * One case's candidate search. Live issues are those not MERGED, written as a {@code must_not} (checked only for the
     * issues the terms match) rather than a filter of the four live statuses (a disjunction over nearly every record
     * that each match is intersected with); the lock document has no terms, so it never matches either way.
     */
    static ObjectNode candidatesQuery(CandidateQuery q, int size) {
        ObjectNode body = F.objectNode();
        body.put("size", size);
        body.put("_source", false);
        // no hit count: only the best `size` issues are wanted, and counting every issue that shares one common word
        // (the topic feature, "cán bộ") keeps Lucene from skipping the blocks that cannot reach the top
        body.put("track_total_hits", false);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode mustNot = bool.putArray("must_not");
        mustNot.addObject().putObject("term").put("status", RecurringIssue.Status.MERGED.name());
        if (!q.excluded().isEmpty()) {
            ArrayNode ids = mustNot.addObject().putObject("ids").putArray("values");
            q.excluded().forEach(ids::add);
        }
        ArrayNode should = bool.putArray("should");
        for (String t : IssueVectors.top(q.vector(), 30)) {
            ObjectNode term = should.addObject().putObject("term").putObject("terms");
            term.put("value", t);
            term.put("boost", Math.max(0.01, q.vector().get(t)));
        }
        bool.put("minimum_should_match", 1);
        return should.isEmpty() ? null : body;
    }

    /**
     * Writes many records in one bulk request: {@code created} must not exist yet, {@code updated} must still be at the
     * version read. Returns the ids whose write was refused (a conflict: another writer came first).
     */
    public Set<String> writeAll(Collection<RecurringIssue> created, Collection<Versioned> updated) {
        return bulk(created, updated, List.of());
    }

    /**
     * Writes and deletes many records read before in one bulk request, each conditional on the version read. Returns
     * the ids refused (a conflict: another writer came first; the caller redoes those one by one).
     */
    public Set<String> writeBack(Collection<Versioned> updated, Collection<Versioned> deleted) {
        return bulk(List.of(), updated, deleted);
    }

    /** One bulk request: creates, conditional writes and conditional deletes; the ids refused by a conflict. */
    private Set<String> bulk(Collection<RecurringIssue> created, Collection<Versioned> updated,
            Collection<Versioned> deleted) {
        Set<String> refused = new java.util.LinkedHashSet<>();
        if (created.isEmpty() && updated.isEmpty() && deleted.isEmpty()) {
            return refused;
        }
        ensureIndices();
        StringBuilder nd = new StringBuilder();
        List<String> order = new ArrayList<>();
        Instant now = Instant.now();
        for (RecurringIssue i : created) {
            i.updatedAt = now;
            ObjectNode op = F.objectNode();
            op.putObject("create").put("_id", i.issueId);
            nd.append(op).append('\n').append(es.tree(i)).append('\n');
            order.add(i.issueId);
        }
        for (Versioned v : updated) {
            v.issue().updatedAt = now;
            nd.append(conditional("index", v)).append('\n').append(es.tree(v.issue())).append('\n');
            order.add(v.issue().issueId);
        }
        for (Versioned v : deleted) {
            nd.append(conditional("delete", v)).append('\n');
            order.add(v.issue().issueId);
        }
        JsonNode items = es.ok("POST", "/" + index() + "/_bulk", nd.toString()).path("items");
        for (int k = 0; k < order.size(); k++) {
            JsonNode item = items.path(k);
            String action = item.fieldNames().hasNext() ? item.fieldNames().next() : "index";
            JsonNode result = item.path(action);
            int status = result.path("status").asInt(500);
            if (status == 409 || (status == 404 && "delete".equals(action))) {
                refused.add(order.get(k));
            } else if (status >= 300) {
                throw new EsJson.Unavailable("cannot write issue " + order.get(k) + ": " + result.path("error"), null);
            }
        }
        return refused;
    }

    private static ObjectNode conditional(String action, Versioned v) {
        ObjectNode op = F.objectNode();
        op.putObject(action).put("_id", v.issue().issueId).put("if_seq_no", v.seqNo())
                .put("if_primary_term", v.primaryTerm());
        return op;
    }

    /** Live issues, any page (search_after on issueId): the re-clustering job walks them. */
    public List<RecurringIssue> live(String after, int size, Integer maxSize) {
        return live(after, size, maxSize, null);
    }

    /** Live issues updated at or after {@code updatedSince} (null: any), by issueId. */
    public List<RecurringIssue> live(String after, int size, Integer maxSize, Instant updatedSince) {
        ensureIndices();
        ObjectNode body = F.objectNode();
        body.put("size", size);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("terms").putArray("status").add("CANDIDATE").add("AUTO").add("CONFIRMED");
        if (maxSize != null) {
            filter.addObject().putObject("range").putObject("size").put("lte", maxSize);
        }
        if (updatedSince != null) {
            filter.addObject().putObject("range").putObject("updatedAt").put("gte", updatedSince.toString());
        }
        body.putArray("sort").addObject().put("issueId", "asc");
        if (after != null) {
            body.putArray("search_after").add(after);
        }
        List<RecurringIssue> out = new ArrayList<>();
        for (JsonNode h : es.ok("POST", "/" + index() + "/_search", body).path("hits").path("hits")) {
            out.add(es.convert(h.path("_source"), RecurringIssue.class));
        }
        return out;
    }

    public void refresh() {
        es.call("POST", "/" + index() + "/_refresh", null);
    }

    // ---------------------------------------------------------------- audit

    public record AuditEntry(String issueId, String action, String actorId, String actorName, String actorRole,
            Instant at, String detail, List<String> caseIds, String otherIssueId) {
    }

    public void audit(AuditEntry e) {
        ensureIndices();
        es.ok("POST", "/" + config.recurring().auditIndex() + "/_doc?refresh=wait_for", e);
    }

    public List<AuditEntry> auditOf(String issueId, int size) {
        ensureIndices();
        ObjectNode body = F.objectNode();
        body.put("size", size);
        body.putObject("query").putObject("bool").putArray("should")
                .add(F.objectNode().set("term", F.objectNode().put("issueId", issueId)))
                .add(F.objectNode().set("term", F.objectNode().put("otherIssueId", issueId)));
        body.putArray("sort").addObject().put("at", "desc");
        List<AuditEntry> out = new ArrayList<>();
        for (JsonNode h : es.ok("POST", "/" + config.recurring().auditIndex() + "/_search", body).path("hits").path("hits")) {
            out.add(es.convert(h.path("_source"), AuditEntry.class));
        }
        return out;
    }

    // ---------------------------------------------------------------- lock of the re-clustering job

    /**
     * Takes (or renews) the lock document for {@code ttl}: created if missing, taken over when expired, always by a
     * conditional write, so exactly one instance holds it at a time.
     */
    public boolean lock(String name, String holder, java.time.Duration ttl) {
        ensureIndices();
        String id = "lock-" + name;
        Instant now = Instant.now();
        ObjectNode doc = F.objectNode();
        doc.put("issueId", id);
        doc.put("status", "LOCK");
        doc.put("holder", holder);
        doc.put("expiresAt", now.plus(ttl).toString());
        EsJson.Reply r = es.call("PUT", "/" + index() + "/_create/" + id, doc);
        if (r.ok()) {
            return true;
        }
        if (!r.conflict()) {
            return false;
        }
        EsJson.Reply cur = es.call("GET", "/" + index() + "/_doc/" + id, null);
        if (!cur.ok()) {
            return false;
        }
        JsonNode src = cur.body().path("_source");
        boolean mine = holder.equals(src.path("holder").asText());
        boolean expired = Instant.parse(src.path("expiresAt").asText(now.toString())).isBefore(now);
        if (!mine && !expired) {
            return false;
        }
        return es.call("PUT", "/" + index() + "/_doc/" + id + "?if_seq_no=" + cur.body().path("_seq_no").asLong()
                + "&if_primary_term=" + cur.body().path("_primary_term").asLong(), doc).ok();
    }

    public void unlock(String name, String holder) {
        String id = "lock-" + name;
        EsJson.Reply cur = es.call("GET", "/" + index() + "/_doc/" + id, null);
        if (cur.ok() && holder.equals(cur.body().path("_source").path("holder").asText())) {
            es.call("DELETE", "/" + index() + "/_doc/" + id + "?if_seq_no=" + cur.body().path("_seq_no").asLong()
                    + "&if_primary_term=" + cur.body().path("_primary_term").asLong(), null);
        }
    }

    static String enc(String id) {
        return java.net.URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static String resource(String path) {
        try (InputStream in = IssueStore.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
