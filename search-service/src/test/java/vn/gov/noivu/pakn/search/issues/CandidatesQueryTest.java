package vn.gov.noivu.pakn.search.issues;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The candidate search of one case: live issues sharing its heaviest features. */
class CandidatesQueryTest {

    @Test
    void mergedAndExcludedIssuesAreLeftOutAndOnlyTheHeaviestThirtyTermsAsked() {
        Map<String, Double> v = new LinkedHashMap<>();
        for (int k = 0; k < 40; k++) {
            v.put("t" + k, 1.0 / (k + 1));
        }
        JsonNode body = IssueStore.candidatesQuery(new IssueStore.CandidateQuery(v, List.of("ri-a")), 20);
        assertEquals(20, body.path("size").asInt());
        assertFalse(body.path("track_total_hits").asBoolean(true));
        JsonNode bool = body.path("query").path("bool");
        assertFalse(bool.has("filter"));
        assertEquals("MERGED", bool.path("must_not").path(0).path("term").path("status").asText());
        assertEquals("ri-a", bool.path("must_not").path(1).path("ids").path("values").path(0).asText());
        assertEquals(30, bool.path("should").size());
        assertEquals("t0", bool.path("should").path(0).path("term").path("terms").path("value").asText());
        assertEquals(1, bool.path("minimum_should_match").asInt());
        assertNull(IssueStore.candidatesQuery(new IssueStore.CandidateQuery(Map.of(), List.of()), 20),
                "a case without features asks nothing");
    }
}
