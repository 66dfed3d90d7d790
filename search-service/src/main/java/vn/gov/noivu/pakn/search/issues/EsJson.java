package vn.gov.noivu.pakn.search.issues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON in, JSON out over Elasticsearch's low-level client, for the recurring-issue code: term vectors with index
 * statistics, conditional partial updates and nested aggregations read more plainly as the query DSL itself.
 */
@ApplicationScoped
public class EsJson {

    @Inject
    RestClient rest;

    @Inject
    ObjectMapper mapper;

    /** An answer: HTTP status and body (null when empty). 4xx answers are returned, not thrown. */
    public record Reply(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public boolean conflict() {
            return status == 409;
        }
    }

    /** Elasticsearch is unreachable or answered 5xx. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Requests made by each thread (one per {@link #call}): the repair reports how many a pass needed. */
    private static final ThreadLocal<int[]> REQUESTS = ThreadLocal.withInitial(() -> new int[1]);

    /** How many requests this thread has made so far; the difference of two readings is what happened between. */
    public int requestsOfThisThread() {
        return REQUESTS.get()[0];
    }

    public Reply call(String method, String path, Object body) {
        REQUESTS.get()[0]++;
        Request r = new Request(method, path);
        try {
            if (body != null) {
                r.setJsonEntity(body instanceof String s ? s : mapper.writeValueAsString(body));
            }
            Response resp = rest.performRequest(r);
            return new Reply(resp.getStatusLine().getStatusCode(), read(resp));
        } catch (ResponseException e) {
            Response resp = e.getResponse();
            int status = resp.getStatusLine().getStatusCode();
            if (status >= 500) {
                throw new Unavailable(method + " " + path + ": " + status, e);
            }
            try {
                return new Reply(status, read(resp));
            } catch (IOException io) {
                return new Reply(status, null);
            }
        } catch (IOException e) {
            throw new Unavailable(method + " " + path + ": " + e, e);
        }
    }

    /** Like {@link #call} but any non-2xx answer is an error. */
    public JsonNode ok(String method, String path, Object body) {
        Reply r = call(method, path, body);
        if (!r.ok()) {
            throw new Unavailable(method + " " + path + " answered " + r.status() + ": " + r.body(), null);
        }
        return r.body();
    }

    public <T> T convert(JsonNode n, Class<T> type) {
        try {
            return mapper.treeToValue(n, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode tree(Object o) {
        return mapper.valueToTree(o);
    }

    private JsonNode read(Response resp) throws IOException {
        if (resp.getEntity() == null) {
            return null;
        }
        String s = EntityUtils.toString(resp.getEntity(), java.nio.charset.StandardCharsets.UTF_8);
        return s.isBlank() ? null : mapper.readTree(s);
    }
}
