package vn.gov.noivu.pakn.triage.handling;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.triage.config.TriageConfig;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The published answer of the recurring issue a case belongs to, from search-service
 * ({@code GET /api/v1/recurring-issues/by-case/{id}/answer}) with the signed-in user's own access token (search
 * applies its own scope: a liaison sees the cases of its provinces). Only a suggestion: when search-service is slow,
 * down or failing, the case page is shown without it (timeout, circuit breaker, fallback to none).
 */
@ApplicationScoped
public class SuggestedAnswers {

    private static final Logger LOG = Logger.getLogger(SuggestedAnswers.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Answer(String text, String task, String deliverable, String authorityLevel,
            String responsibleUnitName, LocalDate dueDate, String publishedByName, Instant publishedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Suggestion(String caseId, String issueId, String issueLabel, Answer answer) {
    }

    @Inject
    TriageConfig config;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(1)).build();

    /** @return the suggestion, or empty (no published answer, out of scope, or search-service unavailable) */
    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000)
    @Fallback(fallbackMethod = "none")
    public Optional<Suggestion> forCase(String caseId, String accessToken) {
        URI uri = URI.create(config.searchUrl().replaceAll("/+$", "") + "/api/v1/recurring-issues/by-case/"
                + URLEncoder.encode(caseId, StandardCharsets.UTF_8).replace("+", "%20") + "/answer");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.searchTimeout())
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("search-service not reachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (r.statusCode() == 404 || r.statusCode() == 403) {
            return Optional.empty(); // no published answer, or not this caller's: a normal answer
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("search-service answered " + r.statusCode());
        }
        try {
            Suggestion s = json.readValue(r.body(), Suggestion.class);
            return s.answer() == null || s.answer().text() == null ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable suggestion: " + e, e);
        }
    }

    Optional<Suggestion> none(String caseId, String accessToken) {
        LOG.infof("no suggested answer for case %s: search-service unavailable", caseId);
        return Optional.empty();
    }
}
