package vn.gov.noivu.pakn.triage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.gov.noivu.pakn.testsupport.HttpStub;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for search-service's {@code GET /api/v1/recurring-issues/by-case/{id}/answer} in triage's tests: answers
 * the JSON a test registered for a case (404 otherwise, as search does for a case without a published answer), fails
 * with 500 for the cases a test marked as failing, and records every call.
 */
public class SearchStub implements QuarkusTestResourceLifecycleManager {

    static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();
    static final Set<String> FAILING = ConcurrentHashMap.newKeySet();
    private static volatile HttpStub stub;

    static String path(String caseId) {
        return "/api/v1/recurring-issues/by-case/" + caseId + "/answer";
    }

    /** Registers the published answer of the case's issue. */
    public static void answer(String caseId, String issueId, String label, String text) {
        ANSWERS.put(path(caseId), """
                {"caseId":"%s","issueId":"%s","issueLabel":"%s","answer":{"text":"%s","task":"Hướng dẫn chung cho các xã",
                "deliverable":"Công văn hướng dẫn","authorityLevel":"PROVINCE_PEOPLES_COMMITTEE",
                "responsibleUnitName":"Vụ Chính quyền địa phương","dueDate":"2030-12-31","publishedBy":"leader",
                "publishedByName":"Lãnh đạo Bộ","publishedAt":"2026-12-01T03:00:00Z","delivered":true}}"""
                .formatted(caseId, issueId, label, text));
    }

    public static void fail(String caseId) {
        FAILING.add(path(caseId));
    }

    public static List<HttpStub.Request> calls() {
        return stub.calls();
    }

    @Override
    public Map<String, String> start() {
        stub = HttpStub.start("/", request -> {
            String body = ANSWERS.get(request.path());
            if (FAILING.contains(request.path())) {
                return HttpStub.Response.problem(500);
            }
            return body == null ? HttpStub.Response.problem(404) : HttpStub.Response.json(200, body);
        });
        return Map.of("pakn.triage.search-url", stub.url());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
