package vn.gov.noivu.pakn.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace for one case across the whole system (issue 14, docs/tracing.md): the test submits a case through
 * intake's API with a W3C {@code traceparent} of its own choosing, lets triage route it, search index it and
 * notification-service tell the liaison, and then reads that trace back from the system's Zipkin
 * ({@code GET /api/v2/trace/{traceId}}): intake's HTTP span continues the caller's span, intake's SQL is in it, and the
 * consumers of all four services, including search-service's Elasticsearch requests, continue the same trace because
 * the CloudEvents carry it ({@code traceparent}). Intake's log line of the submission carries the trace id.
 */
class TraceIT {

    static final Duration EVENTUAL = Duration.ofSeconds(90);
    static final List<String> SERVICES = List.of("intake-service", "triage-service", "search-service",
            "notification-service");
    // Phường Ba Đình (commune 4) in Thành phố Hà Nội (province 1)
    static final int COMMUNE = 4;
    static final int PROVINCE = 1;

    static SystemUnderTest sut;
    static String zipkin;

    @BeforeAll
    static void up() {
        sut = SystemUnderTest.get();
        zipkin = sut.layout.zipkin().url();
    }

    @Test
    void oneCaseIsOneTraceThroughEveryService() throws IOException {
        SecureRandom random = new SecureRandom();
        String traceId = HexFormat.of().formatHex(random.generateSeed(16));
        String parentSpanId = HexFormat.of().formatHex(random.generateSeed(8));
        String traceparent = "00-" + traceId + "-" + parentSpanId + "-01";

        Map<String, Object> body = Map.of(
                "commune", COMMUNE, "topic", "T08", "kind", "DIFFICULTY", "urgency", "NORMAL",
                "title", "Chưa có hướng dẫn lưu trữ hồ sơ của các xã cũ sau khi sáp nhập",
                "description", "Hồ sơ, tài liệu của ba xã cũ đang để tạm ở hội trường, chưa có hướng dẫn phân loại, "
                        + "bàn giao và lưu trữ. Đề nghị Bộ hướng dẫn để xã thực hiện thống nhất.",
                "contact", Map.of("name", "Trần Văn Bình", "phone", "0912345679"));
        String caseId = given().auth().oauth2(sut.token("commune-official", COMMUNE))
                .header("traceparent", traceparent).contentType(ContentType.JSON).body(body)
                .post(sut.url("intake-service") + "/api/v1/cases").then().statusCode(201).extract().path("id");
        assertNotNull(caseId);

        // the flow itself, seen from the users' side: routed (triage), indexed (search)
        Poll.until("case routed by triage", EVENTUAL,
                () -> given().auth().oauth2(sut.token("liaison", PROVINCE))
                        .get(sut.url("triage-service") + "/api/v1/cases/" + caseId)
                        .then().statusCode(200).extract().jsonPath(),
                j -> "ROUTED".equals(j.getString("status")));
        Poll.until("case indexed by search", EVENTUAL,
                () -> given().auth().oauth2(sut.token("leader", null)).queryParam("q", "luu tru ho so xa cu sap nhap")
                        .get(sut.url("search-service") + "/api/v1/search").then().statusCode(200).extract().jsonPath(),
                j -> j.getList("items.findAll { it.caseId == '" + caseId + "' }").size() == 1);

        // first intake's part of the trace (spans arrive in batches, every few seconds from each service): its server
        // span continues the caller's span, its SQL is under it, and the log line of the submission names the trace
        List<Map<String, Object>> intakeSpans = Poll.until("intake-service's spans of trace " + traceId + " in Zipkin",
                EVENTUAL, () -> new Trace(trace(traceId)), t -> t.spans().stream().anyMatch(isSubmit(parentSpanId))).spans();
        Map<String, Object> submit = intakeSpans.stream().filter(isSubmit(parentSpanId)).findFirst().orElseThrow();
        assertEquals("post", String.valueOf(tags(submit).get("http.request.method")).toLowerCase(), describe(intakeSpans));
        assertEquals("201", String.valueOf(tags(submit).get("http.response.status_code")), describe(intakeSpans));
        assertTrue(intakeSpans.stream().anyMatch(s -> "intake-service".equals(service(s)) && isDb(s, "postgresql")
                        && submit.get("id").equals(s.get("parentId"))),
                "intake's SQL under its server span: " + describe(intakeSpans));
        String log = Files.readString(sut.part("intake-service").logFile());
        assertTrue(log.lines().anyMatch(l -> l.contains("\"traceId\":\"" + traceId + "\"")),
                "a line of intake-service's log with traceId " + traceId);

        // then the whole trace: the events carried it to the consumers of all four services
        List<Map<String, Object>> spans = Poll.until("one trace " + traceId + " through " + SERVICES + " in Zipkin",
                EVENTUAL, () -> new Trace(trace(traceId)), t -> complete(t.spans(), parentSpanId)).spans();
        Set<String> services = spans.stream().map(TraceIT::service).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(services.containsAll(SERVICES), "services in the trace: " + services);
        assertTrue(spans.stream().anyMatch(s -> "search-service".equals(service(s)) && isDb(s, "elasticsearch")),
                "search-service's Elasticsearch requests in the trace: " + describe(spans));
        assertTrue(spans.stream().anyMatch(s -> caseId.equals(tags(s).get("pakn.case.id"))),
                "the case id on the trace's spans (Zipkin's tag search pakn.case.id=" + caseId + "): " + describe(spans));
    }

    static Predicate<Map<String, Object>> isSubmit(String parentSpanId) {
        return s -> "intake-service".equals(service(s)) && "SERVER".equals(s.get("kind"))
                && parentSpanId.equals(s.get("parentId"));
    }

    /** The spans of a trace, shown as a short list when a wait for it times out. */
    record Trace(List<Map<String, Object>> spans) {
        @Override
        public String toString() {
            return describe(spans);
        }
    }

    /** The spans Zipkin holds for a trace (an empty list while it has none). */
    static List<Map<String, Object>> trace(String traceId) {
        Response r = given().get(zipkin + "/api/v2/trace/" + traceId);
        if (r.statusCode() == 404) {
            return List.of();
        }
        assertEquals(200, r.statusCode(), r.asString());
        return new JsonPath(r.asString()).getList("$");
    }

    /** Every part of the expected trace is there (the assertions above then say which one is not, if one is not). */
    static boolean complete(List<Map<String, Object>> spans, String parentSpanId) {
        return spans.stream().anyMatch(isSubmit(parentSpanId))
                && spans.stream().anyMatch(s -> isDb(s, "elasticsearch"))
                && spans.stream().map(TraceIT::service).collect(Collectors.toSet()).containsAll(SERVICES);
    }

    static String service(Map<String, Object> span) {
        Object endpoint = span.get("localEndpoint");
        return endpoint instanceof Map<?, ?> m ? String.valueOf(m.get("serviceName")) : null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tags(Map<String, Object> span) {
        Object tags = span.get("tags");
        return tags instanceof Map<?, ?> ? (Map<String, Object>) tags : Map.of();
    }

    /** A client span of a database system (semantic conventions: db.system, newer db.system.name). */
    static boolean isDb(Map<String, Object> span, String system) {
        Map<String, Object> tags = tags(span);
        return system.equals(tags.get("db.system")) || system.equals(tags.get("db.system.name"));
    }

    static String describe(List<Map<String, Object>> spans) {
        return spans.size() + " spans: " + spans.stream().map(s -> service(s) + " " + s.get("kind") + " '" + s.get("name")
                + "'").sorted().collect(Collectors.joining(", "));
    }
}
