package vn.gov.noivu.pakn.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The search benchmark: a generated corpus bulk-indexed straight into the alias search-service created (its settings
 * and mappings; the raw bulk rate is the Elasticsearch baseline), then typical leader queries and the recurring-issues
 * query through search-service's API.
 */
final class SearchBench {

    static final String ALIAS = "pakn-cases";

    private final Http http;
    private final String esUrl;
    private final Corpus corpus;
    private final Log log;

    SearchBench(Http http, String esUrl, Corpus corpus, Log log) {
        this.http = http;
        this.esUrl = esUrl;
        this.corpus = corpus;
        this.log = log;
    }

    record BulkResult(long docs, double seconds, long bytes, long itemErrors, boolean complete, Corpus.Stats stats,
            Lat.Summary bulkLatency) {
        double docsPerSecond() {
            return docs / seconds;
        }

        double mbPerSecond() {
            return bytes / seconds / 1e6;
        }
    }

    /** Live index behind the alias, as search-service created it. */
    String liveIndex() throws Exception {
        JsonNode r = http.es("GET", esUrl + "/_alias/" + ALIAS, null, Duration.ofSeconds(10));
        if (!r.fieldNames().hasNext()) {
            throw new IllegalStateException("alias " + ALIAS + " does not exist: search-service did not create it");
        }
        return r.fieldNames().next();
    }

    /**
     * Bulk-indexes {@code total} documents in batches of {@code batch} with {@code senders} requests in flight;
     * stops early (complete = false) when {@code budget} runs out.
     */
    BulkResult bulk(long total, int batch, int senders, Duration budget) throws Exception {
        long batches = (total + batch - 1) / batch;
        AtomicLong nextBatch = new AtomicLong();
        AtomicLong docs = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong itemErrors = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Corpus.Stats stats = new Corpus.Stats();
        Lat lat = new Lat();
        long t0 = System.nanoTime();
        long deadline = t0 + budget.toNanos();
        String url = esUrl + "/" + ALIAS + "/_bulk";
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> futures = new ArrayList<>();
        AtomicLong lastReport = new AtomicLong(t0);
        for (int s = 0; s < senders; s++) {
            futures.add(pool.submit(() -> {
                StringBuilder sb = new StringBuilder(batch * 2200);
                long b;
                while (!stop.get() && (b = nextBatch.getAndIncrement()) < batches) {
                    if (System.nanoTime() > deadline) {
                        stop.set(true);
                        break;
                    }
                    SplittableRandom r = new SplittableRandom(0x5EED_0000L + b);
                    Corpus.Stats local = new Corpus.Stats();
                    sb.setLength(0);
                    long from = b * batch;
                    long to = Math.min(total, from + batch);
                    for (long i = from; i < to; i++) {
                        UUID id = new UUID((r.nextLong() & ~0xF000L) | 0x4000L,
                                (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
                        String doc = corpus.document(corpus.next(r), id.toString(), i, r, local);
                        sb.append("{\"index\":{\"_id\":\"").append(id).append("\"}}\n").append(doc).append('\n');
                    }
                    byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
                    long s0 = System.nanoTime();
                    HttpResponse<String> resp = http.client.send(HttpRequest.newBuilder(Http.uri(url))
                                    .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/x-ndjson")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    lat.recordNanos(System.nanoTime() - s0);
                    if (resp.statusCode() >= 300) {
                        stop.set(true);
                        throw new IllegalStateException("bulk -> " + resp.statusCode() + ": "
                                + resp.body().substring(0, Math.min(500, resp.body().length())));
                    }
                    if (resp.body().contains("\"errors\":true")) {
                        JsonNode rj = Http.JSON.readTree(resp.body());
                        for (JsonNode item : rj.path("items")) {
                            JsonNode err = item.path("index").path("error");
                            if (!err.isMissingNode()) {
                                if (itemErrors.getAndIncrement() == 0) {
                                    log.say("bulk item error: " + err);
                                }
                            }
                        }
                        if (itemErrors.get() > 1000) {
                            stop.set(true);
                            throw new IllegalStateException("too many bulk item errors");
                        }
                    }
                    docs.addAndGet(to - from);
                    bytes.addAndGet(body.length);
                    stats.add(local);
                    long now = System.nanoTime();
                    long last = lastReport.get();
                    if (now - last > 30_000_000_000L && lastReport.compareAndSet(last, now)) {
                        double sec = (now - t0) / 1e9;
                        log.say(String.format("bulk: %,d docs in %.0f s (%.0f docs/s)", docs.get(), sec,
                                docs.get() / sec));
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new BulkResult(docs.get(), seconds, bytes.get(), itemErrors.get(), docs.get() == total, stats,
                lat.summary());
    }

    record IndexSize(String index, long docs, long storeBytes, long segments) {
    }

    IndexSize indexSize(String index) throws Exception {
        http.es("POST", esUrl + "/" + ALIAS + "/_refresh", null, Duration.ofMinutes(5));
        JsonNode cat = http.es("GET", esUrl + "/_cat/indices/" + index + "?bytes=b&format=json", null,
                Duration.ofSeconds(30));
        JsonNode row = cat.get(0);
        JsonNode seg = http.es("GET", esUrl + "/" + index + "/_stats/segments", null, Duration.ofSeconds(30));
        long segments = seg.path("_all").path("primaries").path("segments").path("count").asLong();
        return new IndexSize(index, row.path("docs.count").asLong(), row.path("store.size").asLong(), segments);
    }

    // ------------------------------------------------------------------------------------------------- queries

    record QueryResult(String name, String example, Lat.Summary latency, long errors, double avgTotalHits) {
    }

    /** Runs one query type {@code n} times in sequence (after {@code warmup} unrecorded runs), bounded by {@code budget}. */
    QueryResult run(String name, String baseUrl, String token, int warmup, int n, Duration budget,
            Function<SplittableRandom, String> pathFor) throws Exception {
        return run(name, baseUrl, token, warmup, n, budget, Duration.ofSeconds(60), pathFor);
    }

    QueryResult run(String name, String baseUrl, String token, int warmup, int n, Duration budget, Duration timeout,
            Function<SplittableRandom, String> pathFor) throws Exception {
        SplittableRandom r = new SplittableRandom(name.hashCode());
        Lat lat = new Lat();
        long errors = 0;
        double totalHits = 0;
        long counted = 0;
        String example = null;
        long deadline = System.nanoTime() + budget.toNanos();
        for (int i = 0; i < warmup + n && System.nanoTime() < deadline; i++) {
            String path = pathFor.apply(r);
            if (example == null) {
                example = path;
            }
            long s = System.nanoTime();
            HttpResponse<String> resp;
            try {
                resp = http.get(baseUrl + path, token, timeout);
            } catch (java.net.http.HttpTimeoutException ex) {
                errors++;
                log.say(name + ": no answer within " + timeout.toSeconds() + " s");
                break;
            } catch (java.io.IOException ex) {
                errors++;
                log.say(name + ": " + ex);
                break;
            }
            long e = System.nanoTime();
            if (i < warmup) {
                continue;
            }
            if (resp.statusCode() != 200) {
                if (errors++ == 0) {
                    log.say(name + ": " + resp.statusCode() + " " + resp.body().substring(0, Math.min(300,
                            resp.body().length())));
                }
                continue;
            }
            lat.recordNanos(e - s);
            // beyond the exactly counted matches the API's total is a bound ("gte"): its estimate says more
            int ti = resp.body().indexOf("\"totalEstimate\":");
            int skip = 16;
            if (ti < 0) {
                ti = resp.body().indexOf("\"total\":");
                skip = 8;
            }
            if (ti >= 0) {
                int end = ti + skip;
                while (end < resp.body().length() && Character.isDigit(resp.body().charAt(end))) {
                    end++;
                }
                if (end > ti + skip) {
                    totalHits += Long.parseLong(resp.body().substring(ti + skip, end));
                    counted++;
                }
            }
        }
        return new QueryResult(name, example, lat.summary(), errors, counted == 0 ? Double.NaN : totalHits / counted);
    }

    /** search_after paging: each walk follows nextCursor; pages after the first are measured. */
    QueryResult deepPages(String baseUrl, String token, int walks, int pages, Duration budget) throws Exception {
        Lat lat = new Lat();
        long errors = 0;
        String example = null;
        List<String> broad = List.of("sap xep", "can bo cong chuc", "kinh phi", "huong dan", "uy ban nhan dan",
                "tham quyen", "tru so");
        long deadline = System.nanoTime() + budget.toNanos();
        for (int w = 0; w < walks && System.nanoTime() < deadline; w++) {
            String q = URLEncoder.encode(broad.get(w % broad.size()), StandardCharsets.UTF_8);
            String base = "/api/v1/search?q=" + q + "&sort=newest&size=20";
            String cursor = null;
            for (int p = 1; p <= pages && System.nanoTime() < deadline; p++) {
                String path = cursor == null ? base : base + "&after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
                long s = System.nanoTime();
                HttpResponse<String> resp = http.get(baseUrl + path, token, Duration.ofSeconds(60));
                long e = System.nanoTime();
                if (resp.statusCode() != 200) {
                    errors++;
                    log.say("deep page: " + resp.statusCode() + " " + resp.body().substring(0, Math.min(300,
                            resp.body().length())));
                    break;
                }
                if (p > 1 && w > 0) { // the first walk warms up
                    lat.recordNanos(e - s);
                    if (example == null && p > 2) {
                        example = base + "&after=<nextCursor of page " + (p - 1) + ">";
                    }
                }
                cursor = Http.JSON.readTree(resp.body()).path("nextCursor").asText(null);
                if (cursor == null) {
                    break;
                }
            }
        }
        return new QueryResult("deep page (search_after)", example, lat.summary(), errors, Double.NaN);
    }

    // --------------------------------------------------------------------------------------------- query shapes

    static final List<String> OPEN = List.of("ROUTED", "CLAIMED", "NEEDS_INFO", "ESCALATED", "REOPENED");

    Map<String, Function<SplittableRandom, String>> leaderQueries(List<Integer> provinceCodes, LocalDate today) {
        List<String> phrases = corpus.leaderQueries();
        Map<String, Function<SplittableRandom, String>> m = new LinkedHashMap<>();
        m.put("full text without diacritics + filters + facets", r -> {
            int i = r.nextInt(phrases.size());
            StringBuilder sb = new StringBuilder("/api/v1/search?q=")
                    .append(URLEncoder.encode(phrases.get(i), StandardCharsets.UTF_8));
            if (r.nextInt(10) < 5) {
                sb.append("&topic=").append(corpus.topicOfQuery(i));
            }
            if (r.nextInt(10) < 4) {
                for (String s : OPEN.subList(0, 2 + r.nextInt(3))) {
                    sb.append("&status=").append(s);
                }
            }
            if (r.nextInt(10) < 3) {
                sb.append("&from=").append(today.minusDays(90 + r.nextInt(90)));
            }
            if (r.nextInt(10) < 2) {
                sb.append("&overdue=true");
            }
            return sb.toString();
        });
        m.put("province filter, newest first + facets", r -> {
            StringBuilder sb = new StringBuilder("/api/v1/search?province=")
                    .append(provinceCodes.get(r.nextInt(provinceCodes.size()))).append("&sort=newest");
            if (r.nextBoolean()) {
                for (String s : OPEN) {
                    sb.append("&status=").append(s);
                }
            }
            return sb.toString();
        });
        m.put("all cases, newest first + facets (landing page)", r -> "/api/v1/search?sort=newest");
        return m;
    }
}
