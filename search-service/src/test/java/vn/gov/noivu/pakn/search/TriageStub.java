package vn.gov.noivu.pakn.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for triage-service's recurring-answer API ({@code POST /api/v1/recurring-answers}) in search's tests:
 * records every call (Authorization header and JSON body) and answers every listed case except those a test marked
 * as refused (reported skipped with triage's reason); {@link #down} makes it fail with 503.
 */
public class TriageStub implements QuarkusTestResourceLifecycleManager {

    public record Call(String authorization, JsonNode body) {
    }

    static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    /** caseId → [reason, detail] of a case triage will not answer. */
    static final Map<String, String[]> REFUSED = new ConcurrentHashMap<>();
    static volatile boolean down;
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    public static void refuse(String caseId, String reason, String detail) {
        REFUSED.put(caseId, new String[] {reason, detail});
    }

    public static List<Call> calls() {
        return List.copyOf(CALLS);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/recurring-answers", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            CALLS.add(new Call(exchange.getRequestHeaders().getFirst("Authorization"), body));
            byte[] out;
            int status;
            if (down) {
                status = 503;
                out = "{\"status\":503}".getBytes();
            } else {
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
                status = 200;
                out = JSON.writeValueAsBytes(r);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        return Map.of("pakn.search.triage.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static Set<String> ids(JsonNode body) {
        Set<String> out = new java.util.LinkedHashSet<>();
        body.path("caseIds").forEach(n -> out.add(n.asText()));
        return out;
    }
}
