package vn.gov.noivu.pakn.intake.similar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.List;

/** Similar existing cases for the new-case form; when search-service is down the form simply shows none. */
@ApplicationScoped
public class SimilarCases {

    private static final Logger LOG = Logger.getLogger(SimilarCases.class);

    public record Result(List<SearchClient.SimilarItem> items, boolean available) {
    }

    @Inject
    @RestClient
    SearchClient client;

    public Result find(String text, int limit, String bearerToken) {
        if (text == null || text.isBlank()) {
            return new Result(List.of(), true);
        }
        try {
            SearchClient.SimilarResponse r = client.similar(text, limit, "Bearer " + bearerToken);
            return new Result(r == null || r.items() == null ? List.of() : r.items(), true);
        } catch (RuntimeException e) {
            LOG.infof("search-service unavailable for similar cases: %s", e.toString());
            return new Result(List.of(), false);
        }
    }
}
