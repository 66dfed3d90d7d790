package vn.gov.noivu.pakn.search.issues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.gov.noivu.pakn.search.indexing.CaseDocument;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The bulk operation that writes one case's membership, always conditional on the version the case was read at
 * ({@code if_seq_no}/{@code if_primary_term}):
 * <ul>
 *   <li>the case's <b>complete document</b> is known (the consumer's copy of what it wrote a moment ago,
 *       {@code indexing.RecentCases}): an {@code index} of that document with the issue fields set, to the concrete
 *       index the copy belongs to. Elasticsearch writes it as it comes;</li>
 *   <li>otherwise (the case was read with {@code _mget}, without its answer text): a partial {@code update} of the issue
 *       fields, which makes Elasticsearch read the stored case and merge the change into it first.</li>
 * </ul>
 * Why: a partial update costs Elasticsearch a realtime read and a merge of the stored source per case before the same
 * indexing a full write does, and most cases the assigner writes were written by the consumer a moment before (the
 * membership bulk was 10.9 ms per case at half saturation, recurring-issues.md, "Throughput"). Both are refused (409)
 * when the case changed since that version, so a stale copy costs what a concurrent write did before: the case is
 * read again and, if the decision still applies, written again.
 */
final class MembershipOps {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private MembershipOps() {
    }

    /** The issue fields of a membership (the partial update's document). */
    static Map<String, Object> fields(String issueId, Double link, Instant at) {
        Map<String, Object> m = new HashMap<>();
        m.put("recurringIssueId", issueId);
        m.put("recurringAssignedAt", at.toString());
        m.put("recurringLink", rounded(link));
        return m;
    }

    /** The case as it is once the membership is written: a copy of {@code doc} with the issue fields set. */
    static CaseDocument withMembership(CaseDocument doc, String issueId, Double link, Instant at) {
        CaseDocument c = doc.copy();
        c.recurringIssueId = issueId;
        c.recurringAssignedAt = at;
        c.recurringLink = rounded(link);
        return c;
    }

    private static Double rounded(Double link) {
        return link == null ? null : Math.round(link * 10000) / 10000.0;
    }

    /**
     * The two NDJSON lines of one membership: with {@code completeIn} (the concrete index whose document {@code doc}
     * is, complete, at that version) a full {@code index}, else a partial {@code update} through the alias the bulk is
     * sent to. {@code json} turns a document into JSON the way the consumer writes it.
     */
    static String lines(CaseDocument doc, long seqNo, long primaryTerm, String completeIn, String issueId, Double link,
            Instant at, Function<Object, JsonNode> json) {
        ObjectNode op = F.objectNode();
        JsonNode body;
        if (completeIn != null) {
            op.putObject("index").put("_index", completeIn).put("_id", doc.caseId).put("if_seq_no", seqNo)
                    .put("if_primary_term", primaryTerm);
            body = json.apply(withMembership(doc, issueId, link, at));
        } else {
            op.putObject("update").put("_id", doc.caseId).put("if_seq_no", seqNo).put("if_primary_term", primaryTerm);
            ObjectNode partial = F.objectNode();
            partial.set("doc", json.apply(fields(issueId, link, at)));
            body = partial;
        }
        return op + "\n" + body + "\n";
    }

    /** The result of one bulk item, whichever operation it was ({@code index} or {@code update}). */
    static JsonNode result(JsonNode item) {
        return item.has("index") ? item.path("index") : item.path("update");
    }
}
