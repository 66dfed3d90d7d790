package vn.gov.noivu.pakn.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fake HTTP service on a free loopback port (the JDK's {@code com.sun.net.httpserver}), standing in for another
 * team's service in a test: every request under {@code path} is recorded ({@link #calls()}) and answered by the
 * test's {@link Handler}. A service's test resource wraps one and points its client's URL property at {@link #url()}:
 *
 * <pre>{@code
 * stub = HttpStub.start("/api/v1/search/similar", request -> HttpStub.Response.json(200, "{\"items\":[]}"));
 * return Map.of("pakn.search.url", stub.url());
 * }</pre>
 *
 * Requests are served on their own threads, so a handler may be slow (to test a caller's timeout); a caller that gave
 * up is ignored. A handler that throws answers 500.
 */
public final class HttpStub implements AutoCloseable {

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws Exception;
    }

    /** A request as the stub received it. */
    public record Request(String method, String path, String query, Map<String, String> headers, byte[] body) {

        /** The first value of a header (case-insensitive name), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public String authorization() {
            return header("Authorization");
        }

        /** The query string decoded (null without one). */
        public String decodedQuery() {
            return query == null ? null : URLDecoder.decode(query, StandardCharsets.UTF_8);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer: status, content type, body and any other headers. */
    public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

        public static Response of(int status, String contentType, byte[] body) {
            return new Response(status, contentType, body, Map.of());
        }

        public static Response json(int status, String json) {
            return of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        /** An RFC 9457 problem with only its status, as a failing service answers. */
        public static Response problem(int status) {
            return of(status, "application/problem+json",
                    ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8));
        }

        public Response withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, contentType, body, Map.copyOf(h));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "http-stub");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> calls = new CopyOnWriteArrayList<>();

    private HttpStub(String path, Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext(path, exchange -> serve(exchange, handler));
        server.start();
    }

    /** Starts a stub answering every request whose path starts with {@code path} ("/" for all). */
    public static HttpStub start(String path, Handler handler) {
        try {
            return new HttpStub(path, handler);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port for the HTTP stub", e);
        }
    }

    /** {@code http://127.0.0.1:port}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request received so far, oldest first. */
    public List<Request> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0));
                }
            });
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(headers),
                    exchange.getRequestBody().readAllBytes());
            calls.add(request);
            Response response;
            try {
                response = handler.handle(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                e.printStackTrace();
                response = Response.problem(500);
            }
            exchange.getResponseHeaders().add("Content-Type", response.contentType());
            response.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1
                    : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (IOException e) {
            // the caller gave up (its timeout) or the stub is closing
        }
    }
}
