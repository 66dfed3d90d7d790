package vn.gov.noivu.pakn.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.stack.demo.DemoPlan.CaseSpec;
import vn.gov.noivu.pakn.stack.demo.DemoPlan.Fate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Loads the demo data set through the services' public APIs, as the real users would: the administrator imports the
 * cases communes sent before the system ({@code receivedAt}, intake's historical import), commune officials submit
 * today's cases, support others' cases, reply and accept or reopen answers; each province's liaison claims, asks for
 * information, escalates to a ministry unit and answers; department heads answer what was escalated to them. Every
 * step is skipped when the case already shows it (submissions by idempotency key, later steps by the case's timeline),
 * so running it twice adds nothing.
 */
public final class DemoLoader {

    /** Where the services and Keycloak are, and how to get a user's token. */
    public interface Stack {
        String intakeUrl();

        String triageUrl();

        String searchUrl();

        /** A bearer token of the demo user for the role and scope (created on first use). */
        String token(String role, String scope) throws IOException, InterruptedException;
    }

    /** Counts of one run. */
    public record Result(int cases, int submitted, int replayed, int actions, int skipped, int failed,
            Map<Fate, Integer> fates) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);

    private final Stack stack;
    private final Consumer<String> say;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Future<String>> tokens = new ConcurrentHashMap<>();
    private final ExecutorService tokenPool = Executors.newFixedThreadPool(16);
    private final AtomicInteger submitted = new AtomicInteger();
    private final AtomicInteger replayed = new AtomicInteger();
    private final AtomicInteger actions = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    public DemoLoader(Stack stack, Consumer<String> say) {
        this.stack = stack;
        this.say = say;
    }

    /** The communes of every province, from intake's public reference API. */
    public List<DemoPlan.Commune> communes() throws IOException, InterruptedException {
        List<DemoPlan.Commune> all = new ArrayList<>();
        for (JsonNode p : call("GET", stack.intakeUrl() + "/api/v1/provinces", null, null, null).body()) {
            int code = p.path("code").asInt();
            for (JsonNode c : call("GET", stack.intakeUrl() + "/api/v1/communes?province=" + code, null, null, null)
                    .body()) {
                all.add(new DemoPlan.Commune(c.path("code").asInt(), c.path("name").asText(), code,
                        p.path("name").asText()));
            }
        }
        return all;
    }

    /** The ministry's units (escalation targets), from triage's admin API. */
    public List<String> units() throws IOException, InterruptedException {
        List<String> units = new ArrayList<>();
        for (JsonNode u : call("GET", stack.triageUrl() + "/api/v1/admin/units", token(Identity.ADMIN, null), null,
                null).body()) {
            if (u.path("active").asBoolean(true)) {
                units.add(u.path("code").asText());
            }
        }
        return units;
    }

    /** Loads cases 1..count of the plan with {@code threads} cases in flight; prints progress. */
    public Result load(DemoPlan plan, int count, int threads) throws InterruptedException {
        List<CaseSpec> specs = new ArrayList<>();
        Map<Fate, Integer> fates = new EnumMap<>(Fate.class);
        for (int n = 1; n <= count; n++) {
            CaseSpec s = plan.spec(n);
            specs.add(s);
            fates.merge(s.fate(), 1, Integer::sum);
        }
        // users in the order they are needed (created on first use, in the background): every province's liaison,
        // then the communes that act, in case order
        for (int p : specs.stream().map(s -> s.commune().provinceCode()).distinct().sorted().toList()) {
            tokenAsync(Identity.LIAISON, "" + p);
        }
        for (CaseSpec s : specs) {
            if (s.receivedAt() == null || actsAsCommune(s.fate())) {
                tokenAsync(Identity.COMMUNE_OFFICIAL, "" + s.commune().code());
            }
            s.supporters().forEach(c -> tokenAsync(Identity.COMMUNE_OFFICIAL, "" + c.code()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (CaseSpec s : specs) {
                futures.add(pool.submit(() -> {
                    try {
                        process(s);
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        if (failures.size() < 20) {
                            failures.add(s.key() + ": " + e.getMessage());
                        }
                    }
                    int d = done.incrementAndGet();
                    if (d % 100 == 0 || d == count) {
                        double secs = (System.nanoTime() - t0) / 1e9;
                        say.accept(String.format("%d/%d hồ sơ (%d mới, %d đã có, %d thao tác, %d lỗi) — %.0f hồ sơ/phút",
                                d, count, submitted.get(), replayed.get(), actions.get(), failed.get(),
                                d / secs * 60));
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (String f : failures) {
            say.accept("  lỗi: " + f);
        }
        return new Result(count, submitted.get(), replayed.get(), actions.get(), skipped.get(), failed.get(), fates);
    }

    private void process(CaseSpec s) throws IOException, InterruptedException {
        String liaison = token(Identity.LIAISON, "" + s.commune().provinceCode());
        String id = submit(s);
        JsonNode c = await(stack.triageUrl() + "/api/v1/cases/" + id, liaison, n -> true, "định tuyến");
        try {
            work(s, id, liaison, c);
        } finally {
            for (DemoPlan.Commune supporter : s.supporters()) {
                Resp r = call("POST", stack.intakeUrl() + "/api/v1/cases/" + id + "/support",
                        token(Identity.COMMUNE_OFFICIAL, "" + supporter.code()), null, null);
                count(r, "support");
            }
        }
    }

    static boolean actsAsCommune(Fate f) {
        return f == Fate.INFO_REPLIED || f == Fate.ACCEPTED || f == Fate.REOPENED;
    }

    /** The steps of the case's fate that it does not show yet (the liaison's claim first, before any wait). */
    private void work(CaseSpec s, String id, String liaison, JsonNode c) throws IOException, InterruptedException {
        if (s.fate() == Fate.UNCLAIMED) {
            return;
        }
        String commune = null;
        Set<String> done = steps(c);
        String triage = stack.triageUrl() + "/api/v1/cases/" + id;
        if (!done.contains("CLAIMED")) {
            c = act(triage + "/claim", liaison, null, "claim");
        }
        if (s.fate() == Fate.CLAIMED) {
            return;
        }
        if (s.fate() == Fate.NEEDS_INFO || s.fate() == Fate.INFO_REPLIED) {
            if (!done.contains("INFO_REQUESTED")) {
                act(triage + "/request-info", liaison, Map.of("question", s.question()), "request-info");
            }
            if (s.fate() == Fate.INFO_REPLIED && !done.contains("INFO_PROVIDED")) {
                commune = token(Identity.COMMUNE_OFFICIAL, "" + s.commune().code());
                communeStep(id, commune, "INFO_PROVIDED", "info-reply", "/info-replies", Map.of("text", s.reply()));
            }
            return;
        }
        if (!c.path("missingSixClear").isEmpty() && !done.contains("ASSIGNMENT_CHANGED")) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("task", "Trả lời kiến nghị của xã: " + s.title());
            a.put("deliverable", "Văn bản trả lời của Bộ Nội vụ");
            a.put("unitCode", "VP-BO");
            a.put("authorityLevel", "MINISTRY");
            a.put("reason", "Bổ sung đủ 6 rõ trước khi trả lời");
            act(triage + "/assign", liaison, a, "assign");
        }
        if (s.fate() == Fate.ESCALATED || s.fate() == Fate.ESCALATED_ANSWERED) {
            if (!done.contains("ESCALATED_BY_PERSON")) {
                act(triage + "/escalate", liaison, Map.of("target", "MINISTRY", "targetUnit", s.escalationUnit(),
                        "reason", s.escalationReason()), "escalate");
            }
            if (s.fate() == Fate.ESCALATED_ANSWERED && !done.contains("ANSWERED")) {
                act(triage + "/answer", token(Identity.DEPARTMENT_HEAD, s.escalationUnit()),
                        Map.of("answer", s.answer()), "answer (head)");
            }
            return;
        }
        if (!done.contains("ANSWERED")) {
            act(triage + "/answer", liaison, Map.of("answer", s.answer()), "answer");
        }
        if (s.fate() == Fate.ANSWERED || done.contains("CLOSED") || done.contains("REOPENED")) {
            return;
        }
        commune = token(Identity.COMMUNE_OFFICIAL, "" + s.commune().code());
        if (s.fate() == Fate.ACCEPTED) {
            communeStep(id, commune, "ANSWER_ACCEPTED", "accept", "/accept", null);
        } else {
            communeStep(id, commune, "REOPEN_REQUESTED", "reopen", "/reopen", Map.of("reason", s.reopenReason()));
        }
    }

    /**
     * A commune's step on its case: skipped when intake's timeline already has it (a second run, before triage has
     * caught up), else sent once intake allows it (triage's step has reached intake).
     */
    private void communeStep(String id, String commune, String eventType, String action, String path, Object body)
            throws IOException, InterruptedException {
        String url = stack.intakeUrl() + "/api/v1/cases/" + id;
        JsonNode c = await(url, commune, n -> allows(n, action) || has(n, eventType), action + " được phép");
        if (has(c, eventType)) {
            skipped.incrementAndGet();
            return;
        }
        count(call("POST", url + path, commune, body, null), action);
    }

    private static boolean has(JsonNode intakeCase, String eventType) {
        for (JsonNode e : intakeCase.path("timeline")) {
            if (eventType.equals(e.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Submits (imported by the admin, or live by the commune) under the case's idempotency key; the case id. */
    private String submit(CaseSpec s) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("commune", s.commune().code());
        body.put("topic", s.topic());
        body.put("kind", s.kind());
        body.put("title", s.title());
        body.put("description", s.description());
        body.put("urgency", s.urgency());
        body.put("contact", Map.of("name", s.contactName(), "phone", s.contactPhone()));
        String token;
        if (s.receivedAt() != null) {
            body.put("receivedAt", s.receivedAt().toString());
            token = token(Identity.ADMIN, null);
        } else {
            token = token(Identity.COMMUNE_OFFICIAL, "" + s.commune().code());
        }
        Resp r = call("POST", stack.intakeUrl() + "/api/v1/cases", token, body, s.key());
        if (r.status() != 201) {
            throw new IOException("submission answered " + r.status() + ": " + r.text());
        }
        (r.replayed() ? replayed : submitted).incrementAndGet();
        return r.body().path("id").asText();
    }

    /** Step types already on the case's timeline; a person's escalation is told apart from the SLA monitor's. */
    private static Set<String> steps(JsonNode detail) {
        Set<String> done = new HashSet<>();
        for (JsonNode e : detail.path("timeline")) {
            String type = e.path("type").asText();
            done.add(type);
            if (type.equals("ESCALATED") && !"system".equals(e.path("actorRole").asText())) {
                done.add("ESCALATED_BY_PERSON");
            }
        }
        return done;
    }

    private static boolean allows(JsonNode intakeCase, String action) {
        if (intakeCase.path("awaitingTriage").asBoolean()) {
            return false;
        }
        for (JsonNode a : intakeCase.path("allowedActions")) {
            if (a.asText().equals(action)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode act(String url, String token, Object body, String what) throws IOException, InterruptedException {
        Resp r = call("POST", url, token, body, null);
        if (r.status() != 200) {
            throw new IOException(what + " answered " + r.status() + ": " + r.text());
        }
        actions.incrementAndGet();
        return r.body();
    }

    /** A commune step: 2xx done; 409 (already done, or triage has not caught up with a step already sent) skipped. */
    private void count(Resp r, String what) throws IOException {
        if (r.status() / 100 == 2) {
            actions.incrementAndGet();
        } else if (r.status() == 409) {
            skipped.incrementAndGet();
        } else {
            throw new IOException(what + " answered " + r.status() + ": " + r.text());
        }
    }

    /** Polls a GET until it answers 200 with a body the condition accepts. */
    private JsonNode await(String url, String token, Predicate<JsonNode> ready, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        long sleep = 20;
        while (true) {
            Resp r = call("GET", url, token, null, null);
            if (r.status() == 200 && ready.test(r.body())) {
                return r.body();
            }
            if (r.status() != 200 && r.status() != 404) {
                throw new IOException("GET " + url + " answered " + r.status() + ": " + r.text());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("timed out waiting for " + what + " (" + url + ")");
            }
            Thread.sleep(sleep);
            sleep = Math.min(500, sleep * 2);
        }
    }

    private String token(String role, String scope) throws IOException, InterruptedException {
        try {
            return tokenAsync(role, scope).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("token for " + role + " " + scope + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private Future<String> tokenAsync(String role, String scope) {
        return tokens.computeIfAbsent(role + "/" + scope, k -> tokenPool.submit(() -> stack.token(role, scope)));
    }

    record Resp(int status, JsonNode body, String text, boolean replayed) {
    }

    Resp call(String method, String url, String token, Object body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            b.header("Content-Type", "application/json; charset=UTF-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body),
                            StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = b.build();
        IOException last = null;
        for (int attempt = 1; attempt <= 4; attempt++) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if ((r.statusCode() == 503 || r.statusCode() == 429 || r.statusCode() == 502) && attempt < 4) {
                    Thread.sleep(500L * attempt);
                    continue;
                }
                String text = r.body() == null ? "" : r.body();
                JsonNode json = text.isBlank() ? JSON.nullNode() : parse(text);
                return new Resp(r.statusCode(), json, text.length() > 300 ? text.substring(0, 300) : text,
                        r.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false));
            } catch (IOException e) {
                last = e;
                Thread.sleep(500L * attempt);
            }
        }
        throw last == null ? new IOException(method + " " + url + " kept failing") : last;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    /** Waits until search has indexed at least {@code expected} cases (or a minute passed); the count it saw. */
    public long awaitIndexed(long expected) throws IOException, InterruptedException {
        String leader = token(Identity.LEADER, null);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long total = 0;
        while (System.nanoTime() < deadline) {
            Resp r = call("GET", stack.searchUrl() + "/api/v1/search?size=1", leader, null, null);
            total = r.body().path("total").asLong();
            if (total >= expected) {
                break;
            }
            Thread.sleep(1000);
        }
        return total;
    }

    /** What the leaders' APIs show now: cases per status (search facets) and per month (trends). */
    public Map<String, Map<String, Long>> summary(Instant from, Instant to) throws IOException, InterruptedException {
        String leader = token(Identity.LEADER, null);
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        JsonNode search = call("GET", stack.searchUrl() + "/api/v1/search?size=1", leader, null, null).body();
        Map<String, Long> statuses = new LinkedHashMap<>();
        for (JsonNode f : search.path("facets").path("status")) {
            statuses.put(f.path("label").asText(f.path("key").asText()), f.path("count").asLong());
        }
        out.put("trạng thái", statuses);
        Map<String, Long> overdue = new LinkedHashMap<>();
        for (JsonNode f : search.path("facets").path("overdue")) {
            overdue.put(f.path("label").asText(f.path("key").asText()), f.path("count").asLong());
        }
        out.put("quá hạn", overdue);
        JsonNode trends = call("GET", stack.searchUrl() + "/api/v1/trends?interval=month&from="
                + from.atZone(DemoPlan.VN).toLocalDate() + "&to=" + to.atZone(DemoPlan.VN).toLocalDate(), leader,
                null, null).body();
        Map<String, Long> months = new TreeMap<>();
        for (JsonNode point : trends.path("overall")) {
            String period = point.path("period").asText();
            months.merge(period.length() >= 7 ? period.substring(0, 7) : period, point.path("count").asLong(),
                    Long::sum);
        }
        out.put("theo tháng", months);
        Map<String, Long> sla = new LinkedHashMap<>();
        trends.path("sla").fields().forEachRemaining(e -> sla.put(e.getKey(), e.getValue().asLong()));
        out.put("SLA", sla);
        JsonNode recurring = call("GET", stack.searchUrl() + "/api/v1/recurring-issues", leader, null, null).body();
        Map<String, Long> issues = new LinkedHashMap<>();
        JsonNode groups = recurring.path("groups");
        issues.put("vấn đề", (long) groups.size());
        issues.put("hồ sơ xét", recurring.path("candidates").asLong());
        out.put("vấn đề lặp lại", issues);
        Map<String, Long> top = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode g : groups) {
            if (i++ >= 5) {
                break;
            }
            top.put(g.path("label").asText() + " [" + g.path("provinces").size() + " tỉnh]", g.path("size").asLong());
        }
        out.put("lớn nhất", top);
        return out;
    }

    /** Shuts the token pool down. */
    public void close() {
        tokenPool.shutdownNow();
        try {
            tokenPool.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
