package vn.gov.noivu.pakn.search.issues;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.search.config.SearchConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * triage-service's recurring-answer API ({@code POST /api/v1/recurring-answers}), called with the signed-in user's own
 * access token: triage decides which cases that user may answer (search never holds a credential of its own for
 * triage and never touches its database). One call per 500 cases (triage's limit).
 */
@ApplicationScoped
public class TriageAnswers {

    private static final Logger LOG = Logger.getLogger(TriageAnswers.class);
    public static final int BATCH = 500;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(List<String> caseIds, String answer, String recurringIssueId, String task,
            String deliverable, Instant dueAt, String unitCode, String authorityLevel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Skipped(String caseId, String reason, String detail) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Result(List<String> answered, List<Skipped> skipped) {
    }

    /** triage could not be reached or failed (5xx, timeout): nothing or only part was answered. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    @Inject
    SearchConfig config;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(3)).build();

    /**
     * @throws Unavailable when triage cannot be reached or fails
     * @throws ProblemException triage's refusal of the request itself (4xx), with its status and detail
     */
    public Result answer(Request request, String accessToken) {
        URI uri = URI.create(config.triage().url().replaceAll("/+$", "") + "/api/v1/recurring-answers");
        try {
            HttpRequest r = HttpRequest.newBuilder(uri).timeout(config.triage().timeout())
                    .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request))).build();
            HttpResponse<byte[]> response = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status == 200) {
                return json.readValue(response.body(), Result.class);
            }
            if (status >= 400 && status < 500) {
                String detail = null;
                try {
                    detail = json.readTree(response.body()).path("detail").asText(null);
                } catch (IOException e) {
                    // not a problem document
                }
                LOG.infof("triage-service refused a recurring answer (%d): %s", status, detail);
                throw new ProblemException(status == 401 ? 403 : status, "triage-refused",
                        "Hệ thống xử lý từ chối trả lời", detail == null ? "hệ thống xử lý từ chối yêu cầu" : detail);
            }
            throw new Unavailable("triage-service answered " + status);
        } catch (IOException e) {
            LOG.warnf("triage-service not reachable for a recurring answer: %s", e.toString());
            throw new Unavailable(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }
}
