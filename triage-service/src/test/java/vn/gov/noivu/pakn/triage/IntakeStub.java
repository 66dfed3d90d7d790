package vn.gov.noivu.pakn.triage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.gov.noivu.pakn.testsupport.HttpStub;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for intake-service's attachment download ({@code GET /api/v1/cases/{id}/attachments/{aid}}) in triage's
 * tests: serves the files a test registered and records every call ({@link HttpStub.Request#authorization()}), so a
 * test can check that the liaison page forwards the signed-in user's own token (and that an out-of-scope request
 * never gets here).
 */
public class IntakeStub implements QuarkusTestResourceLifecycleManager {

    public record File(String fileName, String contentType, byte[] bytes) {
    }

    static final Map<String, File> FILES = new ConcurrentHashMap<>();
    private static volatile HttpStub stub;

    public static void put(String caseId, String attachmentId, File file) {
        FILES.put("/api/v1/cases/" + caseId + "/attachments/" + attachmentId, file);
    }

    public static List<HttpStub.Request> calls() {
        return stub.calls();
    }

    @Override
    public Map<String, String> start() {
        stub = HttpStub.start("/", request -> {
            File f = FILES.get(request.path());
            if (f == null) {
                return HttpStub.Response.problem(404);
            }
            return HttpStub.Response.of(200, f.contentType(), f.bytes()).withHeader("Content-Disposition",
                    "attachment; filename=\"tep\"; filename*=UTF-8''"
                            + URLEncoder.encode(f.fileName(), StandardCharsets.UTF_8).replace("+", "%20"));
        });
        return Map.of("pakn.triage.intake-url", stub.url());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
