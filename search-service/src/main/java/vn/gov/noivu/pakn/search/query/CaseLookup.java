package vn.gov.noivu.pakn.search.query;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.search.indexing.CaseDocument;

import java.util.Optional;
import java.util.UUID;

/**
 * One case's document for the read-only case view, with the caller's {@link Scope} inside the query like every
 * search: a case outside the scope is not found, exactly as one that does not exist.
 */
@ApplicationScoped
public class CaseLookup {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Inject
    SearchService search;

    public Optional<CaseDocument> find(String caseId, Scope scope) {
        if (scope.anonymised()) {
            return Optional.empty();
        }
        try {
            UUID.fromString(caseId);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        ObjectNode body = F.objectNode();
        ArrayNode filter = scope.filters();
        filter.addObject().putObject("ids").putArray("values").add(caseId);
        body.putObject("query").putObject("bool").set("filter", filter);
        body.put("size", 1);
        SearchResponse<CaseDocument> r = search.execute(body);
        return r.hits().hits().stream().findFirst().map(h -> h.source());
    }
}
