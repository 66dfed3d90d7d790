package vn.gov.noivu.pakn.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import vn.gov.noivu.pakn.events.Topics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code ./bench}: runs every benchmark of the system on this machine in one go and writes docs/benchmarks.md.
 * Phases: start the stack; intake concurrency sweep (closed loop) until throughput stops rising; one profiled step
 * at the best concurrency (JFR); end-to-end latencies at normal load, at half and near saturation (open loop); the
 * Kafka producer and pgbench baselines; the 1,000,000-case corpus bulk-indexed into Elasticsearch (the ES baseline);
 * leader queries and recurring issues (profiled); memory and CPU of every process; stop everything.
 */
public final class Bench {

    final Path root;
    final Profile profile;
    final Log log;
    final Path outDir;
    final Instant startedAt = Instant.now();
    final boolean goFlag;
    final String loadAtStart;
    BenchStack stack;
    Resources resources;
    Exception failure;
    final List<String> notes = new ArrayList<>();

    // results
    final List<IntakeLoad.StepResult> steps = new ArrayList<>();
    final Map<Integer, PgWaits.Result> stepWaits = new LinkedHashMap<>();
    final Map<Integer, Resources.Usage> stepCpu = new LinkedHashMap<>();
    IntakeLoad.StepResult best;
    IntakeLoad.StepResult profiledStep;
    /** Intake with the asynchronous side paused: closed loop at the best concurrency, open loop at half saturation. */
    IntakeLoad.StepResult aloneStep;
    IntakeLoad.OpenResult aloneOpen;
    Resources.Usage aloneStepCpu;
    Resources.Usage aloneOpenCpu;
    QuietResult afterAlone;
    QuietResult afterSweep;
    final List<Profiler.Summary> profiles = new ArrayList<>();
    final List<IntakeLoad.OpenResult> openRuns = new ArrayList<>();
    final List<EndToEnd.Result> e2eRuns = new ArrayList<>();
    final List<String> e2eLabels = new ArrayList<>();
    final List<Resources.Usage> e2eCpu = new ArrayList<>();
    /** Per end-to-end run: how much Elasticsearch's and search-service's counters grew during the load and drain. */
    final List<Map<String, Long>> e2eCounters = new ArrayList<>();
    Baselines.KafkaRun kafka;
    Baselines.Samples samples;
    final List<Baselines.PgbenchRun> pgbench = new ArrayList<>();
    final Map<Integer, PgWaits.Result> pgbenchWaits = new LinkedHashMap<>();
    Baselines.PgbenchRun pgbenchBest;
    String pgbenchNote;
    Baselines.Schema pgSchema;
    SearchBench.BulkResult bulk;
    Resources.Usage bulkCpu;
    SearchBench.IndexSize indexSize;
    long docsBeforeBulk;
    final List<SearchBench.QueryResult> queries = new ArrayList<>();
    Resources.Usage queryCpu;
    final List<SearchBench.QueryResult> recurring = new ArrayList<>();
    Resources.Usage recurringCpu;
    SearchBench.QueryResult recurringDefault;
    boolean recurringDefaultOom;
    String recurringHeap;
    List<Resources.Memory> totals;
    List<String> leftovers = List.of();
    Map<String, Double> startSeconds = Map.of();
    double runSeconds;
    Map<String, String> serviceSettings = new LinkedHashMap<>();
    int tokenCommunes;
    String gitHead = "?";
    List<String> dirtyServiceFiles = List.of();

    /** Read-only git: the commit and the uncommitted files of the services that were packaged. */
    private void readGit() {
        try {
            Process p = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true).start();
            String head = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                gitHead = head;
            }
            p = new ProcessBuilder("git", "-C", root.toString(), "status", "--porcelain", "--", "intake-service/src/main",
                    "triage-service/src/main", "search-service/src/main", "case-events/src/main",
                    "service-commons/src/main").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                dirtyServiceFiles = out.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
            }
        } catch (Exception e) {
            // not a git checkout: nothing to record
        }
    }

    Bench(Path root, Profile profile) throws Exception {
        this.root = root;
        this.profile = profile;
        this.outDir = root.resolve("benchmarks/target/bench-results");
        BenchStack.deleteTree(outDir); // results of an earlier run
        Files.createDirectories(outDir);
        this.log = new Log(outDir.resolve("bench.log"));
        this.goFlag = Files.exists(root.resolve(".bench-go"));
        this.loadAtStart = ProcStats.loadAvg();
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("pakn.root", ".")).toAbsolutePath().normalize();
        Profile profile = Profile.from(args);
        if (System.getProperty("pakn.es.heap") == null && System.getenv("PAKN_ES_HEAP") == null) {
            System.setProperty("pakn.es.heap", "2g");
        }
        Bench b = new Bench(root, profile);
        int code = b.run();
        System.exit(code);
    }

    /**
     * BENCH_HOLD_MINUTES=N: after the phases, keeps the stack (and the loaded index) running for up to N minutes, or
     * until the file benchmarks/target/bench-results/release exists, to profile queries by hand (e.g. Elasticsearch's
     * profile API) against the same data.
     */
    private void hold() throws InterruptedException {
        String v = System.getenv("BENCH_HOLD_MINUTES");
        if (v == null || v.isBlank()) {
            return;
        }
        long until = System.nanoTime() + Duration.ofMinutes(Long.parseLong(v.strip())).toNanos();
        Path release = outDir.resolve("release");
        log.say("holding the stack for " + v + " min (touch " + release + " to stop): elasticsearch " + stack.esUrl()
                + ", search-service " + stack.url("search-service"));
        while (System.nanoTime() < until && !Files.exists(release)) {
            Thread.sleep(2000);
        }
    }

    String esHeap() {
        String p = System.getProperty("pakn.es.heap");
        return p != null ? p : System.getenv("PAKN_ES_HEAP");
    }

    int run() {
        log.say("profile " + profile.name() + "; machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + ProcStats.meminfoTotal() + ", load " + loadAtStart + (goFlag ? "" : "; .bench-go absent (shared machine)"));
        Path state = root.resolve("benchmarks/target/bench-stack");
        Thread hook = new Thread(() -> {
            if (stack != null) {
                stack.stopAll();
            }
        }, "bench-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stack = new BenchStack(root, state, Path.of(System.getProperty("java.home")), log);
            readServiceSettings();
            readGit();
            stack.wipe();
            Resources.Snapshot s0 = null;
            stack.startAll();
            startSeconds = Map.copyOf(stack.startSeconds);
            resources = new Resources(stack);
            phases();
            hold();
        } catch (Exception e) {
            failure = e;
            log.say("FAILED: " + e);
            e.printStackTrace();
        } finally {
            try {
                if (resources != null && totals == null) {
                    totals = resources.totals();
                }
            } catch (RuntimeException e) {
                log.say("resource totals failed: " + e);
            }
            if (stack != null) {
                stack.stopAll();
                BenchStack.sleep(1000);
                List<ProcessHandle> left = stack.leftovers();
                for (ProcessHandle h : left) {
                    log.say("leftover process " + h.pid() + " " + h.info().commandLine().orElse("") + ": killing it");
                    h.destroyForcibly();
                }
                leftovers = left.stream().map(h -> Long.toString(h.pid())).toList();
            }
            if (resources != null) {
                try {
                    resources.close();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down already
            }
        }
        runSeconds = log.elapsed();
        try {
            Path doc = new Report(this).write();
            log.say("wrote " + doc + " (run took " + Math.round(runSeconds) + " s)");
        } catch (Exception e) {
            log.say("writing the report failed: " + e);
            e.printStackTrace();
            return 1;
        }
        return failure == null ? 0 : 1;
    }

    private void readServiceSettings() {
        for (String svc : BenchStack.SERVICES) {
            Path p = root.resolve(svc + "/src/main/resources/application.properties");
            try {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    String l = line.trim();
                    if (l.startsWith("pakn.eventing.outbox.poll-interval") || l.startsWith("pakn.eventing.outbox.batch-size")
                            || l.startsWith("pakn.triage.consumer.max-poll-records")
                            || l.startsWith("pakn.triage.consumer.threads")
                            || l.startsWith("pakn.search.recurring.assigner-threads")
                            || l.startsWith("pakn.search.consumer.max-poll-records")
                            || l.startsWith("quarkus.cache.caffeine.\"reference-data\".expire-after-write")
                            || l.startsWith("quarkus.hibernate-orm.jdbc.statement-batch-size")
                            || l.startsWith("quarkus.datasource.jdbc.max-size")) {
                        String[] kv = l.split("=", 2);
                        serviceSettings.put(svc + ": " + kv[0].trim(), kv[1].trim());
                    }
                }
            } catch (java.io.IOException e) {
                // not essential
            }
        }
    }

    String setting(String svc, String key, String dflt) {
        return serviceSettings.getOrDefault(svc + ": " + key, dflt);
    }

    private void phases() throws Exception {
        Http http = new Http();
        ReferenceData ref = ReferenceData.load(root);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Corpus corpus = new Corpus(ref, now);

        // a token for every commune: the load spreads over all 3,321 (intake limits submissions per user and minute)
        List<ReferenceData.Commune> communes = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < ref.communes.size(); i++) {
            ReferenceData.Commune c = ref.communes.get(i);
            communes.add(c);
            tokens.add(stack.token("commune-official", c.code(), 4 * 3600));
        }
        tokenCommunes = communes.size();
        IntakeLoad load = new IntakeLoad(http, stack.url("intake-service"), corpus, communes, tokens);
        Profiler profiler = new Profiler(Path.of(System.getProperty("java.home")), outDir, log);

        if (!profile.phases().contains("intake")) {
            // partial run (development): a short load for the samples the baselines need
            best = load.closedLoop(2, Duration.ofSeconds(1), Duration.ofSeconds(5));
            steps.add(best);
            notes.add("partial run: intake sweep skipped");
        } else {
            sweep(load, profiler);
        }
        if (profile.phases().contains("e2e")) {
            isolated("end to end", () -> endToEnd(load, http));
        }
        if (profile.phases().contains("baselines")) {
            isolated("baselines", () -> baselines(ref, corpus));
        }
        if (profile.phases().contains("search")) {
            isolated("search", () -> search(http, ref, corpus, profiler));
        }
        totals = resources.totals();
    }

    interface Phase {
        void run() throws Exception;
    }

    /**
     * Runs one phase so that its failure is reported (in the log and in the report's notes) without stopping the
     * phases after it: a run always ends with every phase that could be measured.
     */
    private void isolated(String name, Phase phase) {
        try {
            phase.run();
        } catch (Exception e) {
            String msg = "phase '" + name + "' failed: " + e.toString().replace("\n", " ");
            log.say(msg + "; the next phases run anyway");
            notes.add(msg);
            try {
                waitQuiet("after the failed phase " + name);
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private void sweep(IntakeLoad load, Profiler profiler) throws Exception {
        // ---------------------------------------------------------------- intake sweep
        log.say("intake: concurrency sweep, " + profile.stepWarmup().toSeconds() + " s warm-up + "
                + profile.stepMeasure().toSeconds() + " s per step");
        int nonRising = 0;
        for (int c = 1; c <= profile.maxConcurrency(); c *= 2) {
            Resources.Snapshot a = resources.snap();
            PgWaits waits = new PgWaits(stack.jdbcUrl("postgres"), "intake");
            IntakeLoad.StepResult r = load.closedLoop(c, profile.stepWarmup(), profile.stepMeasure());
            stepWaits.put(c, waits.stop());
            stepCpu.put(c, resources.phase("intake sweep c=" + c, a, resources.snap()));
            steps.add(r);
            log.say(String.format("intake c=%d: %.1f/s, p50 %.1f ms, p99 %.1f ms, errors %d %s; PG %s", c, r.rps(),
                    r.latency().p50(), r.latency().p99(), r.errors(), r.errorCodes(), stepWaits.get(c).top(3)));
            boolean rising = best == null || r.rps() > best.rps() * 1.05;
            if (best == null || r.rps() > best.rps()) {
                best = r;
            }
            nonRising = rising ? 0 : nonRising + 1;
            // throughput stopped rising: three steps in a row without 5 % more than the best so far (one noisy
            // step, e.g. a consumer catching up or a segment merge, must not end the sweep below saturation)
            if (nonRising >= 3 && c >= 4 || r.errors() > r.ok() / 10 || r.latency().p99() > 10_000) {
                break;
            }
        }
        afterSweep = waitQuiet("after the sweep");

        // ---------------------------------------------------------------- profiled step
        int pc = best.concurrency();
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String s : BenchStack.SERVICES) {
            pids.put(s, stack.pid(s));
            profiler.start(pids.get(s), "intake-" + s);
        }
        Resources.Snapshot pa = resources.snap();
        profiledStep = load.closedLoop(pc, Duration.ofSeconds(3), profile.stepMeasure());
        resources.phase("profiled intake step c=" + pc + " (JFR on)", pa, resources.snap());
        for (String s : BenchStack.SERVICES) {
            Path f = profiler.stop(pids.get(s), "intake-" + s);
            if (f != null) {
                profiles.add(Profiler.analyze(f, s + " during the intake step at c=" + pc));
            }
        }
        log.say(String.format("profiled step c=%d: %.1f/s", pc, profiledStep.rps()));
        waitQuiet("after the profiled step");
        intakeAlone(load, pc);
    }

    /** What pauses for the "intake alone" steps: everything that works on a submission after intake's commit. */
    static final List<String> ASYNC_SIDE = List.of("triage-service", "search-service", "elasticsearch");

    /**
     * Intake's throughput and tail with the asynchronous side (triage-service, search-service, Elasticsearch) paused
     * by SIGSTOP, so that intake-service, its outbox relay, Kafka and PostgreSQL have the cores to themselves: the
     * difference to the sweep says how much of intake's limit is the rest of the pipeline sharing the machine. The
     * paused processes keep their state; after SIGCONT they consume the backlog like after an outage.
     */
    private void intakeAlone(IntakeLoad load, int concurrency) throws Exception {
        double rate = 0.5 * (profile.saturation() > 0 ? profile.saturation() : best.rps());
        signal("STOP");
        try {
            log.say("intake alone (paused: " + String.join(", ", ASYNC_SIDE) + ")");
            Resources.Snapshot a = resources.snap();
            aloneStep = load.closedLoop(concurrency, Duration.ofSeconds(3), profile.stepMeasure());
            aloneStepCpu = resources.phase("intake alone c=" + concurrency + " (asynchronous side paused)", a,
                    resources.snap());
            a = resources.snap();
            aloneOpen = load.openLoop(rate, profile.stepMeasure(), (id, t0) -> { });
            aloneOpenCpu = resources.phase(String.format(java.util.Locale.ROOT,
                    "intake alone at %.0f/s (asynchronous side paused)", rate), a, resources.snap());
            log.say(String.format("intake alone: c=%d %.1f/s p99 %.1f ms; open loop %.0f/s p99 %.1f ms", concurrency,
                    aloneStep.rps(), aloneStep.latency().p99(), rate, aloneOpen.latency().p99()));
        } finally {
            signal("CONT");
        }
        afterAlone = waitQuiet("after intake alone");
    }

    private void signal(String sig) throws Exception {
        for (String name : ASYNC_SIDE) {
            long pid = stack.pid(name);
            if (pid > 0 && new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start().waitFor() != 0) {
                throw new IllegalStateException("kill -" + sig + " " + name + " failed");
            }
        }
    }

    private void endToEnd(IntakeLoad load, Http http) throws Exception {
        // ---------------------------------------------------------------- end to end
        // --saturation N: a run without the intake sweep loads at the fractions of a saturation measured before
        double max = profile.saturation() > 0 ? profile.saturation() : best.rps();
        double normal = profile.normalRate();
        if (normal > 0.3 * max) {
            normal = Math.max(1, Math.floor(0.3 * max));
            notes.add(String.format(java.util.Locale.ROOT, "normal load lowered from %.0f/s to %.0f/s: saturation "
                    + "was only %.1f/s on this run", profile.normalRate(), normal, max));
        }
        try (EndToEnd e2e = new EndToEnd(stack.kafkaBootstrap(), http, stack.esUrl(), SearchBench.ALIAS, log)) {
            e2e.start();
            List<Object[]> runs = List.of(
                    new Object[] {String.format("normal load (%.0f/s)", normal), normal},
                    new Object[] {String.format("half saturation (%.0f/s)", 0.5 * max), 0.5 * max},
                    new Object[] {String.format("near saturation (%.0f/s = 85%%)", 0.85 * max), 0.85 * max});
            for (Object[] run : runs) {
                String label = (String) run[0];
                double rate = Math.max(1, (Double) run[1]);
                log.say("end to end: " + label + " for " + profile.e2eDuration().toSeconds() + " s");
                Resources.Snapshot a = resources.snap();
                Map<String, Long> esBefore = esStats(http);
                IntakeLoad.OpenResult o = load.openLoop(rate, profile.e2eDuration(), (id, t0) -> e2e.accepted(label, id, t0));
                EndToEnd.Result res = e2e.await(label, profile.e2eDrain());
                Map<String, Long> counters = delta(esBefore, esStats(http));
                e2eCounters.add(counters);
                log.say(label + ": Elasticsearch (cases alias) and search-service counters during the load and drain: "
                        + describe(counters));
                e2eCpu.add(resources.phase("end to end: " + label, a, resources.snap()));
                openRuns.add(o);
                e2eRuns.add(res);
                e2eLabels.add(label);
                log.say(String.format("%s: intake p99 %.1f ms; routed %d/%d p95 %.0f ms (last %.0f ms after the load); "
                                + "searchable %d/%d p95 %.0f ms; assigned %d/%d p95 %.0f ms", label, o.latency().p99(),
                        res.routedSeen(), res.cases(), res.routed().p95(), res.routedAfterLoadMs(),
                        res.searchableSeen(), res.cases(), res.searchable().p95(), res.assignedSeen(), res.cases(),
                        res.assigned().p95()));
                waitQuiet("after " + label);
            }
        }
    }

    /**
     * Counters of the cases alias's primaries (refreshes, of which external, i.e. visible to search; merges; realtime
     * gets; indexing operations) and its segment count: what the end-to-end load made Elasticsearch do.
     */
    private Map<String, Long> esStats(Http http) {
        Map<String, Long> m = new LinkedHashMap<>();
        try {
            com.fasterxml.jackson.databind.JsonNode p = http.es("GET", stack.esUrl() + "/" + SearchBench.ALIAS
                    + "/_stats/refresh,merge,get,indexing,segments", null, Duration.ofSeconds(10))
                    .path("_all").path("primaries");
            m.put("refreshes", p.path("refresh").path("total").asLong());
            m.put("external refreshes", p.path("refresh").path("external_total").asLong());
            m.put("merges", p.path("merges").path("total").asLong());
            m.put("gets", p.path("get").path("total").asLong());
            m.put("index ops", p.path("indexing").path("index_total").asLong());
            m.put("segments", p.path("segments").path("count").asLong());
        } catch (Exception e) {
            // not essential: the counters are only logged
        }
        // search-service's own counters (Prometheus text): optimistic-concurrency conflicts, explicit refreshes of the
        // assigner, reads served from the copy of recently written cases
        try {
            // without "Accept: application/json" (Http.get sends it): /q/metrics answers that with 406
            var r = http.send("GET", stack.url("search-service") + "/q/metrics", null, null, Duration.ofSeconds(10));
            String[][] wanted = {{"search conflicts", "pakn_search_conflicts_total", ""},
                    {"assigner refreshes", "pakn_search_assigner_refreshes_total", ""},
                    {"recent-copy hits", "pakn_search_recent_cases_total", "result=\"hit\""},
                    {"recent-copy misses", "pakn_search_recent_cases_total", "result=\"miss\""},
                    {"df-cache hits", "pakn_search_df_cache_total", "result=\"hit\""},
                    {"df-cache misses", "pakn_search_df_cache_total", "result=\"miss\""},
                    {"assigner cases", "pakn_search_assigner_batch_cases_sum", ""},
                    {"assigner batches", "pakn_search_assigner_batch_cases_count", ""},
                    {"assigner ms", "pakn_search_assigner_batch_seconds_sum", ""}};
            List<String> stages = List.of("read", "vectors", "refresh", "revectors", "candidates", "records", "decide",
                    "memberships", "issues", "redo");
            List<String[]> all = new ArrayList<>(List.of(wanted));
            // the assigner's stages, ms in all (÷ assigner cases: ms per case)
            stages.forEach(st -> all.add(new String[] {"ms " + st, "pakn_search_assigner_stage_seconds_sum",
                    "stage=\"" + st + "\""}));
            for (String[] w : all) {
                double sum = 0;
                for (String line : r.body().split("\n")) {
                    if ((line.startsWith(w[1] + " ") || line.startsWith(w[1] + "{")) && line.contains(w[2])) {
                        // "name{labels} value" and maybe " # {exemplar} value timestamp" after it
                        String rest = line.substring(line.indexOf(w[1]) + w[1].length());
                        rest = rest.startsWith("{") ? rest.substring(rest.indexOf('}') + 1) : rest;
                        sum += Double.parseDouble(rest.strip().split(" ")[0]);
                    }
                }
                // seconds as ms
                m.put(w[0], (long) (w[0].endsWith("ms") || w[0].startsWith("ms ") ? sum * 1000 : sum));
            }
        } catch (Exception e) {
            // not essential
        }
        return m;
    }

    /** How much each counter grew; the segment count is kept as it is at the end. */
    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new LinkedHashMap<>();
        after.forEach((k, v) -> d.put(k, k.equals("segments") ? v : v - before.getOrDefault(k, 0L)));
        return d;
    }

    private static String describe(Map<String, Long> delta) {
        StringBuilder b = new StringBuilder();
        delta.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(k.equals("segments") ? v + " at the end" : "+" + v));
        return b.length() == 0 ? "(stats unavailable)" : b.toString();
    }

    private void baselines(ReferenceData ref, Corpus corpus) throws Exception {
        // ---------------------------------------------------------------- Kafka baseline
        samples = Baselines.samples(stack.jdbcUrl("intake"), 2000);
        log.say(String.format("Kafka producer baseline: %d real SUBMITTED events of %.0f bytes on average",
                samples.payloads().size(), samples.avgPayloadBytes()));
        // a failed baseline is retried once, then reported as failed: the pgbench baseline and search still run
        for (int attempt = 1; attempt <= 2 && kafka == null; attempt++) {
            Resources.Snapshot ka = resources.snap();
            try {
                kafka = Baselines.kafkaProducer(stack.kafkaBootstrap(), samples, profile.kafkaDuration());
                resources.phase("Kafka producer baseline", ka, resources.snap());
                log.say(String.format("Kafka producer: %.0f msg/s (%.1f MB/s), ack p99 %.1f ms", kafka.rate(),
                        kafka.mbPerSecond(), kafka.ackLatency().p99()));
            } catch (Exception e) {
                String msg = "Kafka producer baseline, attempt " + attempt + " of 2, failed: " + e.getMessage();
                log.say(msg);
                notes.add(msg);
                BenchStack.sleep(10_000);
            }
        }

        // ---------------------------------------------------------------- pgbench baseline
        Path pgbenchBin = findPgbench();
        if (pgbenchBin == null) {
            pgbenchNote = "pgbench not found (Debian: apt-get install postgresql-client); baseline skipped";
            log.say(pgbenchNote);
        } else {
            pgSchema = Baselines.deployedSchema(stack.jdbcUrl("intake"));
            Baselines.preparePgbenchDatabase(stack, root, ref, pgSchema);
            Path script = outDir.resolve("submission.pgbench.sql");
            Files.writeString(script, Baselines.pgbenchScript(ref, samples, corpus.next(new SplittableRandom(42)),
                    pgSchema));
            for (int c = 1; c <= profile.pgbenchMaxClients(); c *= 2) {
                Resources.Snapshot a = resources.snap();
                PgWaits waits = new PgWaits(stack.jdbcUrl("postgres"), Baselines.PGBENCH_DB);
                Baselines.PgbenchRun r = Baselines.pgbench(pgbenchBin, script, stack.pgPort(), c,
                        profile.pgbenchSeconds(), outDir, log);
                pgbenchWaits.put(c, waits.stop());
                resources.phase("pgbench c=" + c, a, resources.snap());
                pgbench.add(r);
                log.say(String.format("pgbench c=%d: %.0f tps, latency %.2f ms, failed %d; PG %s", c, r.tps(),
                        r.latencyMs(), r.failed(), pgbenchWaits.get(c).top(3)));
                boolean rising = pgbenchBest == null || r.tps() > pgbenchBest.tps() * 1.05;
                if (pgbenchBest == null || r.tps() > pgbenchBest.tps()) {
                    pgbenchBest = r;
                }
                if (!rising && c >= 4 && c >= Math.min(best.concurrency(), profile.pgbenchMaxClients())) {
                    break;
                }
            }
        }

    }

    private void search(Http http, ReferenceData ref, Corpus corpus, Profiler profiler) throws Exception {
        // ---------------------------------------------------------------- search
        SearchBench sb = new SearchBench(http, stack.esUrl(), corpus, log);
        String index = sb.liveIndex();
        docsBeforeBulk = sb.indexSize(index).docs();
        log.say(String.format("search: bulk-indexing %,d generated cases into %s (alias %s), budget %d min",
                profile.corpus(), index, SearchBench.ALIAS, profile.bulkBudget().toMinutes()));
        Resources.Snapshot ba = resources.snap();
        bulk = sb.bulk(profile.corpus(), 1000, 3, profile.bulkBudget());
        bulkCpu = resources.phase("Elasticsearch bulk indexing", ba, resources.snap());
        log.say(String.format("bulk: %,d docs in %.0f s = %.0f docs/s (%.1f MB/s), item errors %d%s", bulk.docs(),
                bulk.seconds(), bulk.docsPerSecond(), bulk.mbPerSecond(), bulk.itemErrors(),
                bulk.complete() ? "" : " (time budget reached: corpus incomplete)"));
        indexSize = sb.indexSize(index);
        log.say(String.format("index %s: %,d docs, %.2f GB, %d segments", index, indexSize.docs(),
                indexSize.storeBytes() / 1e9, indexSize.segments()));

        String leader = stack.token("leader", null, 4 * 3600);
        String searchUrl = stack.url("search-service");
        long searchPid = stack.pid("search-service");
        List<Integer> provinceCodes = new ArrayList<>(ref.provinces.keySet());
        profiler.start(searchPid, "search-queries");
        Resources.Snapshot qa = resources.snap();
        for (Map.Entry<String, Function<SplittableRandom, String>> q : sb.leaderQueries(provinceCodes,
                LocalDate.now(Corpus.VN)).entrySet()) {
            SearchBench.QueryResult r = sb.run(q.getKey(), searchUrl, leader, profile.queryWarmup(), profile.queries(),
                    profile.queryBudget(), q.getValue());
            queries.add(r);
            log.say(String.format("%s: p50 %.1f p95 %.1f p99 %.1f ms (%d), errors %d", r.name(), r.latency().p50(),
                    r.latency().p95(), r.latency().p99(), r.latency().count(), r.errors()));
        }
        SearchBench.QueryResult deep = sb.deepPages(searchUrl, leader, profile.deepWalks(), profile.deepPages(),
                profile.queryBudget());
        queries.add(1, deep);
        log.say(String.format("%s: p50 %.1f p95 %.1f p99 %.1f ms (%d)", deep.name(), deep.latency().p50(),
                deep.latency().p95(), deep.latency().p99(), deep.latency().count()));
        queryCpu = resources.phase("leader queries (JFR on search-service)", qa, resources.snap());
        Path qf = profiler.stop(searchPid, "search-queries");
        if (qf != null) {
            profiles.add(Profiler.analyze(qf, "search-service during the leader queries"));
        }

        // Recurring issues: first as the stack runs search-service (its default heap); when that fails, again after
        // restarting search-service with a larger heap, so there is a latency to report.
        Duration timeout = profile.name().equals("smoke") ? Duration.ofSeconds(90) : Duration.ofSeconds(150);
        String heap = Report.env("PAKN_SERVICE_HEAP", vn.gov.noivu.pakn.stack.QuarkusServiceSpec.DEFAULT_HEAP);
        long logStart = Files.exists(stack.logFile("search-service")) ? Files.size(stack.logFile("search-service")) : 0;
        recurringDefault = sb.run("recurring issues, no filter (search-service heap " + heap + ")", searchUrl, leader, 0,
                1, timeout, timeout, r -> "/api/v1/recurring-issues");
        recurringDefaultOom = logSince(stack.logFile("search-service"), logStart).contains("Java heap space")
                || logSince(stack.logFile("search-service"), logStart).contains("OutOfMemoryError");
        log.say(String.format("recurring issues with the %s heap: %s%s", heap, recurringDefault.latency().count() > 0
                ? ms(recurringDefault.latency().max()) + " ms" : "no answer (" + recurringDefault.errors() + " errors)",
                recurringDefaultOom ? "; search-service ran out of heap (OutOfMemoryError in its log)" : ""));
        boolean heavy = recurringDefault.latency().count() == 0 || recurringDefault.latency().max() > 5000;
        if (recurringDefault.latency().count() == 0 || recurringDefaultOom) {
            recurringHeap = "2g";
            log.say("restarting search-service with -Xmx" + recurringHeap + " for the recurring-issues measurements");
            resources.retire("search-service", "search-service (heap " + heap + ", until the recurring-issues phase)");
            stack.restartWithHeap("search-service", recurringHeap);
            searchPid = stack.pid("search-service");
        }
        int runs = heavy ? (profile.name().equals("smoke") ? 1 : 3) : profile.recurringRuns();
        int rw = heavy ? 0 : Math.max(1, profile.recurringRuns() / 5);
        Duration budget = heavy ? timeout.multipliedBy(2) : profile.queryBudget();
        profiler.start(searchPid, "recurring");
        Resources.Snapshot ra = resources.snap();
        recurring.add(sb.run("recurring issues, no filter", searchUrl, leader, rw, runs, budget, timeout,
                r -> "/api/v1/recurring-issues"));
        recurring.add(sb.run("recurring issues, one topic", searchUrl, leader, rw, heavy ? Math.max(1, runs - 1) : runs,
                budget, timeout, r -> "/api/v1/recurring-issues?topic=" + ref.topics.get(r.nextInt(12)).code()));
        recurring.add(sb.run("recurring issues, one province", searchUrl, leader, rw, heavy ? Math.max(1, runs - 1) : runs,
                budget, timeout, r -> "/api/v1/recurring-issues?province=" + provinceCodes.get(r.nextInt(
                        provinceCodes.size()))));
        recurringCpu = resources.phase("recurring issues (search-service heap " + (recurringHeap == null ? heap
                : recurringHeap) + ", JFR on)", ra, resources.snap());
        Path rf = profiler.stop(searchPid, "recurring");
        if (rf != null) {
            profiles.add(Profiler.analyze(rf, "search-service during the recurring-issues queries"));
        }
        for (SearchBench.QueryResult r : recurring) {
            log.say(String.format("%s: p50 %.0f p95 %.0f p99 %.0f ms (%d), errors %d", r.name(), r.latency().p50(),
                    r.latency().p95(), r.latency().p99(), r.latency().count(), r.errors()));
        }
    }

    static String ms(double v) {
        return Lat.Summary.f(v);
    }

    static String logSince(Path log, long offset) {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(log.toFile(), "r")) {
            long len = f.length();
            if (len <= offset) {
                return "";
            }
            f.seek(offset);
            byte[] buf = new byte[(int) Math.min(len - offset, 4_000_000)];
            f.readFully(buf);
            return new String(buf, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    static Path findPgbench() {
        for (String p : List.of("/usr/bin/pgbench", "/usr/local/bin/pgbench")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        try {
            for (Path d : Files.list(Path.of("/usr/lib/postgresql")).sorted().toList().reversed()) {
                Path p = d.resolve("bin/pgbench");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        } catch (java.io.IOException e) {
            // none
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------- quiet

    record QuietResult(String when, double seconds, long initialLag, long initialOutbox, long initialUnassigned,
            boolean quiet) {
    }

    /**
     * Waits (bounded) until the asynchronous side caught up: no unpublished outbox rows in intake and triage and no
     * consumer lag of the three services' groups, and every indexed case assigned to a recurring issue (search-service
     * assigns after indexing, on its own thread: a backlog there would delay the next phase's assignments).
     */
    QuietResult waitQuiet(String when) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + profile.quietMax().toNanos();
        long firstLag = -1;
        long firstOutbox = -1;
        long firstUnassigned = -1;
        int calm = 0;
        Http http = new Http();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(p)) {
            while (System.nanoTime() < deadline) {
                long lag = lag(admin, "triage-service", Topics.INTAKE_CASE_EVENTS)
                        + lag(admin, "search-service", Topics.INTAKE_CASE_EVENTS)
                        + lag(admin, "search-service", Topics.TRIAGE_CASE_EVENTS);
                long outbox = pending("intake") + pending("triage");
                long unassigned = unassigned(http);
                if (firstLag < 0) {
                    firstLag = lag;
                    firstOutbox = outbox;
                    firstUnassigned = unassigned;
                }
                calm = lag == 0 && outbox == 0 && unassigned <= 0 ? calm + 1 : 0;
                if (calm >= 2) {
                    break;
                }
                Thread.sleep(1000);
            }
        }
        QuietResult q = new QuietResult(when, (System.nanoTime() - t0) / 1e9, firstLag, firstOutbox, firstUnassigned,
                calm >= 2);
        log.say(String.format("quiet %s: backlog %d records, %d outbox rows, %d cases without a recurring issue; %s "
                + "after %.1f s", when, firstLag, firstOutbox, firstUnassigned, q.quiet() ? "drained" : "NOT drained",
                q.seconds()));
        return q;
    }

    private long lag(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int i = 0; i < Topics.CASE_TOPIC_PARTITIONS; i++) {
            latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    /** Indexed cases without a recurring issue yet (-1 when Elasticsearch does not answer: not counted as a backlog). */
    private long unassigned(Http http) {
        String body = "{\"query\":{\"bool\":{\"filter\":[{\"exists\":{\"field\":\"title\"}}],"
                + "\"must_not\":[{\"exists\":{\"field\":\"recurringIssueId\"}}]}}}";
        try {
            return http.es("POST", stack.esUrl() + "/" + SearchBench.ALIAS + "/_count", body, Duration.ofSeconds(10))
                    .path("count").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    private long pending(String db) throws Exception {
        try (Connection c = Baselines.connect(stack.jdbcUrl(db)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from outbox_event where published_at is null")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
