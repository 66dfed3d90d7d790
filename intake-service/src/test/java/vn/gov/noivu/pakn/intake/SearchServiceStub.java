package vn.gov.noivu.pakn.intake;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stands in for search-service's {@code GET /api/v1/search/similar} (another team's service) on a free loopback port.
 * {@link #items} is what it answers; {@link #down} makes it answer 503 like an unavailable service.
 */
public class SearchServiceStub implements QuarkusTestResourceLifecycleManager {

    static volatile String items = "[]";
    static volatile boolean down;
    static volatile String lastAuthorization;
    static volatile String lastText;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/search/similar", exchange -> {
            lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            String q = exchange.getRequestURI().getRawQuery();
            lastText = q == null ? null : java.net.URLDecoder.decode(q, StandardCharsets.UTF_8);
            byte[] body = down ? "{}".getBytes(StandardCharsets.UTF_8)
                    : ("{\"items\":" + items + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(down ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("pakn.search.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
