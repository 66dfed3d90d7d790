package vn.gov.noivu.pakn.intake.similar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/** search-service's read-only API (base URL {@code pakn.search.url}); short timeouts, see application.properties. */
@RegisterRestClient(configKey = "search")
@Path("/api/v1/search")
public interface SearchClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SimilarItem(String caseId, String code, String title, String topicCode, String status, Integer supporters,
            Boolean answered, String answerExcerpt, Double score, IssueAnswer issueAnswer) {
    }

    /**
     * The answer the Ministry published for the recurring issue a similar case belongs to (no person, no place), shown
     * to the commune before it submits.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record IssueAnswer(String issueId, String issueLabel, String text, String task, String deliverable,
            String authorityLevel, String responsibleUnitName, java.time.LocalDate dueDate,
            java.time.Instant publishedAt) {

        static final java.time.format.DateTimeFormatter DMY = java.time.format.DateTimeFormatter
                .ofPattern("dd/MM/yyyy");

        public String publishedDate() {
            return publishedAt == null ? null : DMY.withZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).format(publishedAt);
        }

        public String due() {
            return dueDate == null ? null : DMY.format(dueDate);
        }

        public String authority() {
            try {
                return authorityLevel == null ? null
                        : vn.gov.noivu.pakn.events.AuthorityLevel.valueOf(authorityLevel).labelVi();
            } catch (IllegalArgumentException e) {
                return authorityLevel;
            }
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SimilarResponse(List<SimilarItem> items) {
    }

    @GET
    @Path("/similar")
    @Produces(MediaType.APPLICATION_JSON)
    SimilarResponse similar(@QueryParam("text") String text, @QueryParam("limit") int limit,
            @HeaderParam("Authorization") String authorization);
}
