package vn.gov.noivu.pakn.triage;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for intake-service's attachment download ({@code GET /api/v1/cases/{id}/attachments/{aid}}) in triage's
 * tests: serves the files a test registered and records the Authorization header of every call, so a test can check
 * that the liaison page forwards the signed-in user's own token (and that an out-of-scope request never gets here).
 */
public class IntakeStub implements QuarkusTestResourceLifecycleManager {

    public record File(String fileName, String contentType, byte[] bytes) {
    }

    /** Each call: path and Authorization header. */
    public record Call(String path, String authorization) {
    }

    static final Map<String, File> FILES = new ConcurrentHashMap<>();
    static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    public static void put(String caseId, String attachmentId, File file) {
        FILES.put("/api/v1/cases/" + caseId + "/attachments/" + attachmentId, file);
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
            File f = FILES.get(path);
            if (f == null) {
                byte[] body = "{\"status\":404}".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", f.contentType());
            exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"tep\"; filename*=UTF-8''"
                    + java.net.URLEncoder.encode(f.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"));
            exchange.sendResponseHeaders(200, f.bytes().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(f.bytes());
            }
        });
        server.start();
        return Map.of("pakn.triage.intake-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
