package vn.gov.noivu.pakn.search.issues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.search.indexing.CaseDocument;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which bulk operation writes a membership, and what it carries. */
class MembershipOpsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant AT = Instant.parse("2026-12-03T22:00:00Z");

    private static CaseDocument kept() {
        CaseDocument d = new CaseDocument();
        d.caseId = "c-1";
        d.title = "Kinh phí sửa chữa trụ sở";
        d.description = "Trụ sở cũ xuống cấp.";
        d.intakeVersion = 1;
        d.communeName = "Phường Ba Đình";
        CaseDocument.TimelineEntry e = new CaseDocument.TimelineEntry();
        e.eventId = "e-1";
        e.type = "SUBMITTED";
        d.timeline = new ArrayList<>(List.of(e));
        return d;
    }

    private static JsonNode[] lines(String ndjson) throws Exception {
        String[] parts = ndjson.split("\n");
        assertEquals(2, parts.length, ndjson);
        assertTrue(ndjson.endsWith("\n"));
        return new JsonNode[] {JSON.readTree(parts[0]), JSON.readTree(parts[1])};
    }

    @Test
    void aCaseKeptWholeIsIndexedWholeAtItsVersionInItsIndex() throws Exception {
        CaseDocument doc = kept();
        JsonNode[] l = lines(MembershipOps.lines(doc, 7, 2, "pakn-cases-v3", "ri-x", 0.412345, AT, JSON::valueToTree));
        JsonNode op = l[0].path("index");
        assertEquals("pakn-cases-v3", op.path("_index").asText());
        assertEquals("c-1", op.path("_id").asText());
        assertEquals(7, op.path("if_seq_no").asLong());
        assertEquals(2, op.path("if_primary_term").asLong());
        CaseDocument written = JSON.treeToValue(l[1], CaseDocument.class);
        assertEquals("ri-x", written.recurringIssueId);
        assertEquals(AT, written.recurringAssignedAt);
        assertEquals(0.4123, written.recurringLink);
        // everything the consumer wrote is in the document
        assertEquals(doc.title, written.title);
        assertEquals(doc.description, written.description);
        assertEquals(doc.communeName, written.communeName);
        assertEquals(1, written.intakeVersion);
        assertEquals("e-1", written.timeline.get(0).eventId);
        // the document given is not changed (it is the consumer's copy)
        assertNull(doc.recurringIssueId);
    }

    @Test
    void aCaseReadWithoutItsAnswerTextIsUpdatedPartially() throws Exception {
        JsonNode[] l = lines(MembershipOps.lines(kept(), 7, 2, null, "ri-x", null, AT, JSON::valueToTree));
        assertFalse(l[0].has("index"));
        JsonNode op = l[0].path("update");
        assertFalse(op.has("_index"), "through the alias the bulk is sent to");
        assertEquals(7, op.path("if_seq_no").asLong());
        assertEquals(2, op.path("if_primary_term").asLong());
        JsonNode doc = l[1].path("doc");
        assertEquals("ri-x", doc.path("recurringIssueId").asText());
        assertEquals(AT.toString(), doc.path("recurringAssignedAt").asText());
        assertTrue(doc.has("recurringLink") && doc.path("recurringLink").isNull(), "cleared explicitly: " + doc);
        assertFalse(doc.has("title"), "only the issue fields: " + doc);
    }

    @Test
    void theResultOfEitherOperation() throws Exception {
        assertEquals(201, MembershipOps.result(JSON.readTree("{\"index\":{\"status\":201}}")).path("status").asInt());
        assertEquals(409, MembershipOps.result(JSON.readTree("{\"update\":{\"status\":409}}")).path("status").asInt());
    }
}
