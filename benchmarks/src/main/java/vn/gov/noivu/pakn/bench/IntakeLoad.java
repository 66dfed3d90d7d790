package vn.gov.noivu.pakn.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Load on {@code POST /api/v1/cases}: each request a generated Vietnamese case for a commune, with that commune's
 * token and a fresh Idempotency-Key. Closed loop (N workers, each sends its next request when the previous answered)
 * for the concurrency sweep; open loop (fixed arrival rate, latency from the intended send time, so a stall is not
 * hidden by coordinated omission) for the end-to-end runs.
 */
final class IntakeLoad {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Open loop: more requests in flight than this are counted as dropped instead of piling up without bound. */
    static final int MAX_IN_FLIGHT = 4000;

    private final Http http;
    private final String submitUrl;
    private final Corpus corpus;
    private final List<ReferenceData.Commune> communes;
    private final List<String> tokens;
    private final AtomicLong seeds = new AtomicLong(1);
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong requestsSent = new AtomicLong();

    IntakeLoad(Http http, String intakeUrl, Corpus corpus, List<ReferenceData.Commune> communes, List<String> tokens) {
        this.http = http;
        this.submitUrl = intakeUrl + "/api/v1/cases";
        this.corpus = corpus;
        this.communes = communes;
        this.tokens = tokens;
    }

    record Outcome(int status, String caseId) {
    }

    private HttpRequest request(SplittableRandom r) {
        int i = r.nextInt(communes.size());
        Corpus.Case c = corpus.next(r, communes.get(i));
        String body = corpus.submitJson(c);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        bytesSent.addAndGet(bytes.length);
        requestsSent.incrementAndGet();
        return HttpRequest.newBuilder(Http.uri(submitUrl)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + tokens.get(i))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    }

    private Outcome send(HttpRequest req) {
        try {
            HttpResponse<String> r = http.client.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() == 201) {
                return new Outcome(201, caseId(r.body()));
            }
            return new Outcome(r.statusCode(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, null);
        } catch (Exception e) {
            return new Outcome(-1, null);
        }
    }

    static String caseId(String body) {
        int i = body.indexOf("\"id\":\"");
        return i < 0 ? null : body.substring(i + 6, body.indexOf('"', i + 6));
    }

    record StepResult(int concurrency, double seconds, long ok, long errors, Map<Integer, Long> errorCodes,
            Lat.Summary latency) {
        double rps() {
            return ok / seconds;
        }
    }

    /** One step of the sweep: warm-up, then a measured window of fixed length; requests are bounded by the window. */
    StepResult closedLoop(int concurrency, Duration warmup, Duration measure) throws InterruptedException {
        long t0 = System.nanoTime();
        long measureFrom = t0 + warmup.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        Lat lat = new Lat();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Map<Integer, Long> codes = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int w = 0; w < concurrency; w++) {
            SplittableRandom r = new SplittableRandom(seeds.getAndIncrement() * 7919);
            Thread.ofVirtual().name("intake-load-" + w).start(() -> {
                try {
                    while (System.nanoTime() < measureTo) {
                        HttpRequest req = request(r);
                        long s = System.nanoTime();
                        Outcome o = send(req);
                        long e = System.nanoTime();
                        if (e >= measureFrom && e <= measureTo) { // completions inside the window
                            if (o.status() == 201) {
                                ok.incrementAndGet();
                                lat.recordNanos(e - s);
                            } else {
                                errors.incrementAndGet();
                                codes.merge(o.status(), 1L, Long::sum);
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        if (!done.await(warmup.toSeconds() + measure.toSeconds() + REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("load workers did not finish");
        }
        return new StepResult(concurrency, measure.toNanos() / 1e9, ok.get(), errors.get(), Map.copyOf(codes),
                lat.summary());
    }

    record OpenResult(double rate, double seconds, long ok, long errors, long dropped, Map<Integer, Long> errorCodes,
            Lat.Summary latency) {
        double rps() {
            return ok / seconds;
        }
    }

    /**
     * Fixed arrival rate for a fixed time. {@code accepted} gets (case id, intended send time in System.nanoTime)
     * of every 201.
     */
    OpenResult openLoop(double rate, Duration duration, BiConsumer<String, Long> accepted) throws InterruptedException {
        Lat lat = new Lat();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        AtomicInteger inFlight = new AtomicInteger();
        Map<Integer, Long> codes = new ConcurrentHashMap<>();
        long start = System.nanoTime() + 50_000_000L;
        long end = start + duration.toNanos();
        double interval = 1e9 / rate;
        SplittableRandom seedSource = new SplittableRandom(seeds.getAndIncrement() * 104729);
        for (long i = 0; ; i++) {
            long intended = start + (long) (i * interval);
            if (intended >= end) {
                break;
            }
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                dropped.incrementAndGet();
                continue;
            }
            inFlight.incrementAndGet();
            SplittableRandom r = seedSource.split();
            Thread.ofVirtual().start(() -> {
                try {
                    Outcome o = send(request(r));
                    long e = System.nanoTime();
                    if (o.status() == 201) {
                        ok.incrementAndGet();
                        lat.recordNanos(e - intended);
                        if (o.caseId() != null) {
                            accepted.accept(o.caseId(), intended);
                        }
                    } else {
                        errors.incrementAndGet();
                        codes.merge(o.status(), 1L, Long::sum);
                    }
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos() + 5_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return new OpenResult(rate, duration.toNanos() / 1e9, ok.get(), errors.get(), dropped.get(), Map.copyOf(codes),
                lat.summary());
    }
}
