package vn.gov.noivu.pakn.intake;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stands in for notification-service's {@code GET /api/v1/inbox/unread-count} (another team's service) on a free
 * loopback port, for the header's "Thông báo" link. {@link #unread} is what it answers; {@link #status} another status;
 * {@link #delayMillis} makes it slow.
 */
public class NotificationServiceStub implements QuarkusTestResourceLifecycleManager {

    static volatile int unread;
    static volatile int status = 200;
    static volatile long delayMillis;
    static volatile String lastAuthorization;
    static volatile String base;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/api/v1/inbox/unread-count", exchange -> {
            lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = status == 200 ? ("{\"unread\":" + unread + "}").getBytes(StandardCharsets.UTF_8)
                    : "{\"status\":503}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (IOException e) {
                // the caller gave up (its timeout)
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("pakn.notification.url", base);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
