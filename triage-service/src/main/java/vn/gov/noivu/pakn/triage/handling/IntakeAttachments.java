package vn.gov.noivu.pakn.triage.handling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.triage.config.TriageConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Downloads a case's attachment from intake-service's API ({@code GET /api/v1/cases/{id}/attachments/{aid}}) with
 * the signed-in user's own access token: intake applies its own scope rules (a liaison of another province gets
 * 404 there too), triage never holds a credential of its own for intake. The body is streamed, never buffered.
 */
@ApplicationScoped
public class IntakeAttachments {

    private static final Logger LOG = Logger.getLogger(IntakeAttachments.class);

    /** Intake's answer: 200 with the body, or the status it refused with (404 out of scope or unknown). */
    public record Download(int status, String contentType, String contentDisposition, Long length,
            InputStream body) {
        public boolean ok() {
            return status == 200;
        }
    }

    @Inject
    TriageConfig config;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();

    /** @return the download, or empty when intake-service cannot be reached. */
    public Optional<Download> fetch(String caseId, String attachmentId, String accessToken) {
        URI uri = URI.create(config.intakeUrl().replaceAll("/+$", "") + "/api/v1/cases/" + encode(caseId)
                + "/attachments/" + encode(attachmentId));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.intakeTimeout())
                .header("Authorization", "Bearer " + accessToken).GET().build();
        try {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                return Optional.of(new Download(r.statusCode(), null, null, null, null));
            }
            Long length = r.headers().firstValueAsLong("Content-Length").stream().boxed().findFirst().orElse(null);
            return Optional.of(new Download(200, r.headers().firstValue("Content-Type").orElse(
                    "application/octet-stream"), r.headers().firstValue("Content-Disposition").orElse(null), length,
                    r.body()));
        } catch (IOException e) {
            LOG.warnf("intake-service not reachable for attachment %s of case %s: %s", attachmentId, caseId,
                    e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
