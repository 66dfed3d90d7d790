package vn.gov.noivu.pakn.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.gov.noivu.pakn.testsupport.HttpStub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for triage-service's recurring-answer API ({@code POST /api/v1/recurring-answers}) in search's tests:
 * records every call (Authorization header and JSON body) and answers every listed case except those a test marked
 * as refused (reported skipped with triage's reason); {@link #down} makes it fail with 503.
 */
public class TriageStub implements QuarkusTestResourceLifecycleManager {

    public record Call(String authorization, JsonNode body) {
    }

    /** caseId → [reason, detail] of a case triage will not answer. */
    static final Map<String, String[]> REFUSED = new ConcurrentHashMap<>();
    static volatile boolean down;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile HttpStub stub;

    public static void refuse(String caseId, String reason, String detail) {
        REFUSED.put(caseId, new String[] {reason, detail});
    }

    public static List<Call> calls() {
        return stub.calls().stream().map(r -> new Call(r.authorization(), json(r.body()))).toList();
    }

    @Override
    public Map<String, String> start() {
        stub = HttpStub.start("/api/v1/recurring-answers", request -> {
            if (down) {
                return HttpStub.Response.json(503, "{\"status\":503}");
            }
            JsonNode body = json(request.body());
            ObjectNode r = JSON.createObjectNode();
            r.put("recurringIssueId", body.path("recurringIssueId").asText());
            ArrayNode answered = r.putArray("answered");
            ArrayNode skipped = r.putArray("skipped");
            for (JsonNode id : body.path("caseIds")) {
                String[] why = REFUSED.get(id.asText());
                if (why == null) {
                    answered.add(id.asText());
                } else {
                    skipped.addObject().put("caseId", id.asText()).put("reason", why[0]).put("detail", why[1]);
                }
            }
            return HttpStub.Response.of(200, "application/json", JSON.writeValueAsBytes(r));
        });
        return Map.of("pakn.search.triage.url", stub.url());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    static Set<String> ids(JsonNode body) {
        Set<String> out = new LinkedHashSet<>();
        body.path("caseIds").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
