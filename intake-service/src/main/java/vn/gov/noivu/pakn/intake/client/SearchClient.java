package vn.gov.noivu.pakn.intake.client;

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
            Boolean answered, String answerExcerpt, Double score) {
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
