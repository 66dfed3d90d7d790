package vn.gov.noivu.pakn.intake;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.gov.noivu.pakn.testsupport.HttpStub;

import java.util.Map;

/**
 * Stands in for search-service's {@code GET /api/v1/search/similar} (another team's service) on a free loopback port.
 * {@link #items} is what it answers; {@link #down} makes it answer 503 like an unavailable service.
 */
public class SearchServiceStub implements QuarkusTestResourceLifecycleManager {

    static volatile String items = "[]";
    static volatile boolean down;
    static volatile String lastAuthorization;
    static volatile String lastText;
    private HttpStub stub;

    @Override
    public Map<String, String> start() {
        stub = HttpStub.start("/api/v1/search/similar", request -> {
            lastAuthorization = request.authorization();
            lastText = request.decodedQuery();
            return down ? HttpStub.Response.json(503, "{}") : HttpStub.Response.json(200, "{\"items\":" + items + "}");
        });
        return Map.of("pakn.search.url", stub.url());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
