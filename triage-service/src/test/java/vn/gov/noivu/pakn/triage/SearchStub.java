package vn.gov.noivu.pakn.triage;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for search-service's {@code GET /api/v1/recurring-issues/by-case/{id}/answer} in triage's tests: answers
 * the JSON a test registered for a case (404 otherwise, as search does for a case without a published answer), fails
 * with 500 for the cases a test marked as failing, and records the Authorization header of every call.
 */
public class SearchStub implements QuarkusTestResourceLifecycleManager {

    public record Call(String path, String authorization) {
    }

    static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();
    static final java.util.Set<String> FAILING = ConcurrentHashMap.newKeySet();
    static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    static String path(String caseId) {
        return "/api/v1/recurring-issues/by-case/" + caseId + "/answer";
    }

    /** Registers the published answer of the case's issue. */
    public static void answer(String caseId, String issueId, String label, String text) {
        ANSWERS.put(path(caseId), """
                {"caseId":"%s","issueId":"%s","issueLabel":"%s","answer":{"text":"%s","task":"Hướng dẫn chung cho các xã",
                "deliverable":"Công văn hướng dẫn","authorityLevel":"PROVINCE_PEOPLES_COMMITTEE",
                "responsibleUnitName":"Vụ Chính quyền địa phương","dueDate":"2030-12-31","publishedBy":"leader",
                "publishedByName":"Lãnh đạo Bộ","publishedAt":"2026-12-01T03:00:00Z","delivered":true}}"""
                .formatted(caseId, issueId, label, text));
    }

    public static void fail(String caseId) {
        FAILING.add(path(caseId));
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
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            CALLS.add(new Call(path, exchange.getRequestHeaders().getFirst("Authorization")));
            String body = ANSWERS.get(path);
            int status = FAILING.contains(path) ? 500 : body == null ? 404 : 200;
            byte[] out = (status == 200 ? body : "{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json"
                    : "application/problem+json");
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        return Map.of("pakn.triage.search-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
