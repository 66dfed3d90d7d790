package vn.gov.noivu.pakn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Small JSON-over-HTTP helpers (Elasticsearch, service APIs), loopback only. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient client;

    Http() {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static URI uri(String url) {
        URI u = URI.create(url);
        if (!"127.0.0.1".equals(u.getHost())) {
            throw new IllegalArgumentException("benchmarks only talk to 127.0.0.1, not " + url);
        }
        return u;
    }

    HttpResponse<String> get(String url, String bearer, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(url)).timeout(timeout).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        b.header("Accept", "application/json");
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(String method, String url, String contentType, String body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(url)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Elasticsearch JSON call; throws on a status >= 300. */
    JsonNode es(String method, String url, String body, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> r = send(method, url, body == null ? null : "application/json", body, timeout);
        if (r.statusCode() >= 300) {
            throw new IOException(method + " " + url + " -> " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(500, r.body().length())));
        }
        return JSON.readTree(r.body());
    }
}
