package vn.gov.noivu.pakn.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes docs/benchmarks.md from one run: every number, the aims, and what limits each number. */
final class Report {

    private final Bench b;
    private final StringBuilder md = new StringBuilder();

    Report(Bench b) {
        this.b = b;
    }

    private void p(String fmt, Object... args) {
        md.append(args.length == 0 ? fmt : String.format(Locale.ROOT, fmt, args)).append('\n');
    }

    static String f0(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.1f", v);
    }

    static String f2(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String ms(double v) {
        return Lat.Summary.f(v);
    }

    static String pct(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        double p = 100 * v;
        return String.format(Locale.ROOT, p >= 10 ? "%.0f%%" : p >= 1 ? "%.1f%%" : "%.2f%%", p);
    }

    /** The most CPU other programs took in any phase, in cores. */
    double maxOtherCores() {
        return b.resources == null ? 0 : b.resources.phases.stream().mapToDouble(u -> u.other() / u.seconds()).max()
                .orElse(0);
    }

    static String other(Resources.Usage u) {
        return u == null ? "–" : f2(u.other() / u.seconds());
    }

    static String mark(boolean ok) {
        return ok ? "✅ met" : "❌ not met";
    }

    Path write() throws Exception {
        Path doc = b.root.resolve("docs/benchmarks.md");
        header();
        if (b.failure != null) {
            p("> **This run did not complete:** %s. The numbers below are those measured before it stopped.",
                    b.failure.toString().replace("\n", " "));
            p("");
        }
        summary();
        intake();
        endToEnd();
        baselines();
        search();
        resources();
        profiles();
        limits();
        howTo();
        Files.createDirectories(doc.getParent());
        Files.writeString(doc, md.toString(), StandardCharsets.UTF_8);
        Files.writeString(b.outDir.resolve("benchmarks.md"), md.toString(), StandardCharsets.UTF_8);
        return doc;
    }

    // ------------------------------------------------------------------------------------------------ header

    private void header() {
        p("# Benchmarks");
        p("");
        p("Written by `./bench` (module `benchmarks/`, profile **%s**) on %s UTC; the run took %s min. Numbers are "
                        + "measured on this machine in one run, never asserted by a test.",
                b.profile.name(), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(b.startedAt.atOffset(ZoneOffset.UTC)),
                f1(b.runSeconds / 60));
        p("");
        p("| machine | |");
        p("|---|---|");
        p("| CPU | %d cores (%s) |", Runtime.getRuntime().availableProcessors(), ProcStats.cpuModel());
        p("| RAM | %s |", ProcStats.meminfoTotal());
        p("| JDK | %s %s (%s) |", System.getProperty("java.vm.vendor"), System.getProperty("java.runtime.version"),
                System.getProperty("java.home"));
        p("| kernel | Linux %s |", ProcStats.kernel());
        double others = maxOtherCores();
        p("| load average at start | %s%s |", b.loadAtStart, b.goFlag && others < 0.25
                ? " (the machine was reserved for the run)"
                : (b.goFlag ? " — `.bench-go` was set, but" : " — **the machine was shared**:")
                + String.format(Locale.ROOT, " other programs (other engineers' builds and test suites) used up to "
                + "%.2f of the 2 cores in some phases: see \"other programs\" in the tables; numbers of those "
                + "phases are lower than the machine can do", others));
        p("| stack | PostgreSQL 17 (fsync on, shared_buffers 128 MB), Kafka 4.3 single KRaft node (heap %s), "
                        + "Elasticsearch 9.5 single node (heap %s), each service a JVM with -Xmx%s -XX:+Use%s |",
                env("PAKN_KAFKA_HEAP", "384m"), b.esHeap(), env("PAKN_SERVICE_HEAP", vn.gov.noivu.pakn.stack.QuarkusServiceSpec.DEFAULT_HEAP),
                env("PAKN_SERVICE_GC", vn.gov.noivu.pakn.stack.QuarkusServiceSpec.DEFAULT_GC));
        p("| everything on the same cores | load generator, 3 services, 3 servers, pgbench |");
        p("| code | commit %s%s |", b.gitHead, b.dirtyServiceFiles.isEmpty() ? ""
                : "; the services were packaged with uncommitted changes in " + String.join(", ",
                b.dirtyServiceFiles.stream().map(l -> "`" + l.replaceFirst("^\\S+\\s+", "") + "`").toList()));
        p("");
        for (String n : b.notes) {
            p("> Note: %s.", n);
            p("");
        }
        if (!b.startSeconds.isEmpty()) {
            StringBuilder sb = new StringBuilder("Start-up: ");
            b.startSeconds.forEach((k, v) -> sb.append(k).append(' ').append(f1(v)).append(" s, "));
            p(sb.substring(0, sb.length() - 2) + " (servers in parallel, then the services one by one).");
            p("");
        }
    }

    static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }

    // ------------------------------------------------------------------------------------------------ summary

    double maxRps() {
        return b.best == null ? Double.NaN : b.best.rps();
    }

    double pgTps() {
        return b.pgbenchBest == null ? Double.NaN : b.pgbenchBest.tps();
    }

    IntakeLoad.OpenResult open(int i) {
        return b.openRuns.size() > i ? b.openRuns.get(i) : null;
    }

    EndToEnd.Result e2e(int i) {
        return b.e2eRuns.size() > i ? b.e2eRuns.get(i) : null;
    }

    /**
     * The CPU every process used per case in the end-to-end runs under load (the drain included) and the rate the
     * machine's cores could carry through the whole pipeline at that cost, against the arrival rate.
     */
    private void pipelineCapacity() {
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < Math.min(b.e2eRuns.size(), b.e2eCpu.size()); i++) {
            EndToEnd.Result r = b.e2eRuns.get(i);
            Resources.Usage u = b.e2eCpu.get(i);
            IntakeLoad.OpenResult o = open(i);
            if (r.cases() == 0 || o == null) {
                continue;
            }
            double cpuMs = 1000 * u.machineBusy() / r.cases();
            double carry = u.capacity() / u.seconds() * 1000 / cpuMs;
            parts.add(String.format(java.util.Locale.ROOT, "at %s, %s ms of CPU per case (%s cores for %s s, %d cases): "
                            + "at most about %s cases/s, %s the %s/s that arrived", b.e2eLabels.get(i), f1(cpuMs),
                    f2(u.machineBusy() / u.seconds()), f0(u.seconds()), r.cases(), f0(carry),
                    carry < o.rps() ? "below" : "above", f1(o.rps())));
        }
        if (parts.isEmpty()) {
            return;
        }
        p("**What the whole pipeline can carry on these cores.** Every process together (intake, PostgreSQL, Kafka, "
                + "triage, search-service, Elasticsearch and the load generator), from the first submission until the "
                + "last case was routed, searchable and assigned: " + String.join("; ", parts) + ". Where the "
                + "arrival rate is above what the cores can carry, every stage's latency grows with the backlog, "
                + "whatever each stage's own cost; on hosts of their own the services and servers would not share "
                + "these cores.");
        p("");
    }

    /** The first {@code k} stages of the assigner by their share of its lane time, e.g. "candidates 43%, …". */
    private static String stageShares(Map<String, Long> c, long total, int k) {
        return c.entrySet().stream().filter(e -> e.getKey().startsWith("ms ") && e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(k)
                .map(e -> e.getKey().substring(3) + " " + pct((double) e.getValue() / total))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * What made cases searchable and assigned late under load (e2e run {@code i}): the assigner's lane time per case
     * and its stages, and Elasticsearch's work, from the counters the bench read before and after the run.
     */
    private void searchUnderLoad(int i) {
        EndToEnd.Result r = e2e(i);
        Map<String, Long> c = b.e2eCounters.size() > i ? b.e2eCounters.get(i) : Map.of();
        long cases = c.getOrDefault("assigner cases", 0L);
        long batches = c.getOrDefault("assigner batches", 0L);
        long laneMs = c.getOrDefault("assigner ms", 0L);
        if (r == null || cases == 0 || batches == 0 || laneMs == 0) {
            return;
        }
        String lanes = b.setting("search-service", "pakn.search.recurring.assigner-threads", "2");
        double seconds = b.profile.e2eDuration().toSeconds();
        Resources.Usage u = b.e2eCpu.size() > i ? b.e2eCpu.get(i) : null;
        p("**Searchable and assigned at %s: searchable p95 %s ms, assigned p95 %s ms.** The search consumer writes "
                        + "each poll (up to %s records) as one Elasticsearch bulk and hands its cases to the "
                        + "recurring-issue assigner, which works on %s lane(s) (`pakn.search.recurring.assigner-threads`, "
                        + "one thread each, every case of a topic on one lane). During this run the assigner handled "
                        + "%d case assignments (a case counts again when a later event of it arrives) in %d batches "
                        + "(%s per batch) and spent %s s of lane time on them: %s ms per case, wall clock, waiting for "
                        + "the cores included; by stage: %s. That is %s s of lane time for a %s s load on %s lane(s): "
                        + "%s Elasticsearch meanwhile did %d index operations and %d realtime gets and refreshed "
                        + "%d times; its searches for candidate issues, its bulk writes and its refreshes share the "
                        + "cores with everything else (%s of 2 cores busy), which is why indexing falls behind too: a "
                        + "case is searchable only after its bulk and the next refresh.",
                b.e2eLabels.get(i), ms(r.searchable().p95()), ms(r.assigned().p95()),
                b.setting("search-service", "pakn.search.consumer.max-poll-records", "500"), lanes, cases, batches,
                f1((double) cases / batches), f1(laneMs / 1000.0), f1((double) laneMs / cases),
                stageShares(c, laneMs, 4), f1(laneMs / 1000.0), f1(seconds), lanes,
                laneMs > 0.9 * seconds * 1000 * Integer.parseInt(lanes)
                        ? "the lanes were busy for the whole load, so assignments queued behind each other and "
                        + "batches grew; the stage that dominates is what would move this number."
                        : "the lanes had time to spare, so the delay is waiting for the cores and for "
                        + "Elasticsearch's refresh rather than the assigner's own work.",
                c.getOrDefault("index ops", 0L), c.getOrDefault("gets", 0L), c.getOrDefault("refreshes", 0L),
                u == null ? "–" : f2(u.machineBusy() / u.seconds()));
        p("");
    }

    private void summary() {
        p("## Summary against the aims of issues 14 (event backbone) and 12 (search, recurring issues)");
        p("");
        p("| aim | measured | |");
        p("|---|---|---|");
        double ratio = maxRps() / pgTps();
        p("| intake throughput ≥ 50%% of pgbench on the same transaction | %s submissions/s vs pgbench %s tps = **%s** | %s |",
                f1(maxRps()), f0(pgTps()), pct(ratio), Double.isNaN(ratio) ? "–" : mark(ratio >= 0.5));
        if (b.aloneStep != null) {
            double alone = b.aloneStep.rps() / pgTps();
            p("| the same, triage, search and Elasticsearch paused (\"Intake alone\") | %s submissions/s = **%s** of pgbench | %s |",
                    f1(b.aloneStep.rps()), pct(alone), Double.isNaN(alone) ? "–" : mark(alone >= 0.5));
        }
        IntakeLoad.OpenResult half = open(1);
        if (half != null) {
            p("| intake p99 < 50 ms at half of saturation | p99 **%s ms** at %s/s (open loop) | %s |",
                    ms(half.latency().p99()), f1(half.rate()), mark(half.latency().p99() < 50));
        }
        if (b.aloneOpen != null) {
            p("| the same, triage, search and Elasticsearch paused | p99 **%s ms** at %s/s | %s |",
                    ms(b.aloneOpen.latency().p99()), f1(b.aloneOpen.rate()), mark(b.aloneOpen.latency().p99() < 50));
        }
        EndToEnd.Result halfE2e = e2e(1);
        if (halfE2e != null) {
            p("| submit → routed p95 ≤ 300 ms at half of saturation | p95 **%s ms** at %s/s (%d/%d routed) | %s |",
                    ms(halfE2e.routed().p95()), f1(open(1).rate()), halfE2e.routedSeen(), halfE2e.cases(),
                    mark(halfE2e.routedSeen() == halfE2e.cases() && halfE2e.routed().p95() <= 300));
        }
        EndToEnd.Result near = e2e(2);
        if (near != null) {
            boolean drained = near.routedSeen() == near.cases() && near.routedAfterLoadMs() <= 2000;
            p("| no growing backlog at saturation (%s): the last case routed ≤ 2 s after the load ends | "
                            + "**%s** after the last submission (%d/%d routed, routed p95 %s ms) | %s |",
                    b.e2eLabels.get(2), Double.isNaN(near.routedAfterLoadMs()) ? "not all routed"
                            : ms(near.routedAfterLoadMs()) + " ms", near.routedSeen(), near.cases(),
                    ms(near.routed().p95()), mark(drained));
        }
        EndToEnd.Result normal = e2e(0);
        if (normal != null) {
            p("| submit → searchable p95 ≤ 2 s at normal load | p95 **%s ms** at %s/s | %s |",
                    ms(normal.searchable().p95()), f1(open(0).rate()), mark(normal.searchable().p95() <= 2000));
            p("| a new case assigned to its recurring issue within 2 s (p95, normal load) | p95 **%s ms** (%d/%d "
                            + "assigned) | %s |", ms(normal.assigned().p95()), normal.assignedSeen(), normal.cases(),
                    mark(normal.assignedSeen() == normal.cases() && normal.assigned().p95() <= 2000));
        }
        for (SearchBench.QueryResult q : b.queries) {
            p("| search p95 ≤ 100 ms (%s) on %s cases | p95 **%s ms** | %s |", q.name(), corpusSize(), ms(q.latency().p95()),
                    mark(q.latency().p95() <= 100));
        }
        for (SearchBench.QueryResult q : b.recurring) {
            p("| recurring-issue list p95 ≤ 300 ms over all history, %s cases (%s%s) | p95 **%s ms** (p50 %s) | %s |",
                    corpusSize(), b.recurringHeap == null ? "" : "search-service restarted with -Xmx" + b.recurringHeap
                            + "; ", q.name().replace("recurring issues, ", ""), ms(q.latency().p95()),
                    ms(q.latency().p50()), mark(q.latency().p95() <= 300));
        }
        p("");
        p("Search R-precision and grouping precision/recall on the labelled set are measured by search-service's "
                + "tests, not by this run: `SearchEvaluationTest` and `RecurringIssuesTest` print them and fail "
                + "below their floors; the latest figures are in search-service/docs/recurring-issues.md.");
        p("");
        p("Ratios: intake / pgbench = %s; intake / Kafka producer = %s; intake / Elasticsearch bulk = %s "
                        + "(submissions per second against records or documents per second of the raw baseline).",
                pct(ratio), pct(maxRps() / (b.kafka == null ? Double.NaN : b.kafka.rate())),
                pct(maxRps() / (b.bulk == null ? Double.NaN : b.bulk.docsPerSecond())));
        p("");
        p("Why each number is what it is, and what would move it: [What limits each number](#what-limits-each-number).");
        p("");
    }

    String corpusSize() {
        return b.indexSize == null ? "?" : String.format(Locale.ROOT, "%,d", b.indexSize.docs());
    }

    // ------------------------------------------------------------------------------------------------ intake

    private void intake() {
        p("## Intake: submissions per second and latency at rising concurrency");
        p("");
        p("`POST /api/v1/cases` with a generated Vietnamese case (a paraphrase of a recurring problem or a long-tail "
                + "case, ~0.5–1 KB of JSON) for one of all %,d communes, with that commune's "
                + "token and a fresh Idempotency-Key. Closed loop: N workers, each sending its next request when the "
                + "previous one answered; %d s warm-up, then %d s measured; the sweep stops after three steps in a "
                + "row that do not beat the best throughput so far by 5%%. Latency is the HTTP round trip seen by the client (java.net.http).",
                b.tokenCommunes, b.profile.stepWarmup().toSeconds(), b.profile.stepMeasure().toSeconds());
        p("");
        p("| concurrency | submissions/s | p50 ms | p95 ms | p99 ms | max ms | errors | cores busy (of %d) | "
                + "of which other programs | PostgreSQL backends of `intake` (avg active: what they do) |",
                Runtime.getRuntime().availableProcessors());
        p("|---|---|---|---|---|---|---|---|---|---|");
        for (IntakeLoad.StepResult s : b.steps) {
            Resources.Usage u = b.stepCpu.get(s.concurrency());
            PgWaits.Result w = b.stepWaits.get(s.concurrency());
            p("| %d%s | %s | %s | %s | %s | %s | %s |", s.concurrency(),
                    s == b.best ? " **(best)**" : "", f1(s.rps()), s.latency().cells(), s.errors() == 0 ? "0"
                            : s.errors() + " " + s.errorCodes(), u == null ? "–" : f2(u.machineBusy() / u.seconds()),
                    other(u), w == null ? "–" : w.top(3));
        }
        p("");
        if (b.profiledStep != null) {
            p("A second run at the best concurrency with JDK Flight Recorder on in the three services: %s/s, "
                            + "p99 %s ms (profiles below).", f1(b.profiledStep.rps()), ms(b.profiledStep.latency().p99()));
            p("");
        }
        if (b.afterSweep != null) {
            p("After the sweep the asynchronous side had %d Kafka records not yet consumed, %d outbox rows not yet "
                            + "published and %d indexed cases not yet assigned to a recurring issue; it %s in %s s.",
                    b.afterSweep.initialLag(), b.afterSweep.initialOutbox(), b.afterSweep.initialUnassigned(),
                    b.afterSweep.quiet() ? "caught up" : "had **not** caught up", f1(b.afterSweep.seconds()));
            p("");
        }
        if (b.aloneStep != null && b.aloneOpen != null) {
            p("**Intake alone.** The same loads with the asynchronous side paused (`kill -STOP` of %s; intake-service, "
                            + "its outbox relay, Kafka and PostgreSQL keep running): at concurrency %d, **%s/s** "
                            + "(p50 %s ms, p99 %s ms; cores busy %s); open loop at %s/s (half saturation), p99 **%s ms** "
                            + "(p50 %s, p95 %s). After `kill -CONT` the paused side %s its backlog of %d Kafka records in "
                            + "%s s.",
                    String.join(", ", Bench.ASYNC_SIDE), b.aloneStep.concurrency(), f1(b.aloneStep.rps()),
                    ms(b.aloneStep.latency().p50()), ms(b.aloneStep.latency().p99()), busy(b.aloneStepCpu),
                    f1(b.aloneOpen.rate()), ms(b.aloneOpen.latency().p99()), ms(b.aloneOpen.latency().p50()),
                    ms(b.aloneOpen.latency().p95()),
                    b.afterAlone == null || b.afterAlone.quiet() ? "consumed" : "had **not** consumed",
                    b.afterAlone == null ? 0 : b.afterAlone.initialLag(),
                    b.afterAlone == null ? "–" : f1(b.afterAlone.seconds()));
            p("");
        }
    }

    private static String busy(Resources.Usage u) {
        return u == null ? "–" : f2(u.machineBusy() / u.seconds());
    }

    // ------------------------------------------------------------------------------------------------ e2e

    private void endToEnd() {
        p("## End to end: submit → routed, searchable and assigned to a recurring issue");
        p("");
        p("Open loop at a fixed arrival rate for %d s (latency counted from the intended send time, so stalls are "
                        + "not hidden). *Routed*: the ROUTED CloudEvent of the case is received by a Kafka consumer "
                        + "reading all 12 partitions of `pakn.triage.case-events`. *Searchable*: the case's document "
                        + "is returned by `_search` on the alias `pakn-cases` (polled every %d ms, so up to %d ms "
                        + "late). *Assigned*: that document carries its `recurringIssueId`. Path: intake commit → intake outbox relay → `pakn.intake.case-events` → triage "
                        + "consumer (routing) → triage outbox relay → `pakn.triage.case-events`; and → search "
                        + "consumer → Elasticsearch → refresh.",
                b.profile.e2eDuration().toSeconds(), EndToEnd.POLL_MS, EndToEnd.POLL_MS);
        p("");
        p("| load | accepted | intake p50 / p95 / p99 ms | routed (seen/all) | routed p50 | p95 | p99 | max | "
                + "searchable (seen/all) | searchable p50 | p95 | p99 | max | assigned (seen/all) | assigned p95 | "
                + "last routed after the load | cores busy | of which other programs |");
        p("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < b.e2eRuns.size(); i++) {
            EndToEnd.Result r = b.e2eRuns.get(i);
            IntakeLoad.OpenResult o = b.openRuns.get(i);
            Resources.Usage u = b.e2eCpu.get(i);
            p("| %s | %d (%s/s)%s | %s / %s / %s | %d/%d | %s | %s | %s | %s | %d/%d | %s | %s | %s | %s | %d/%d | %s "
                            + "| %s ms | %s | %s |",
                    b.e2eLabels.get(i), o.ok(), f1(o.rps()), o.errors() + o.dropped() > 0 ? ", " + o.errors()
                            + " errors, " + o.dropped() + " dropped" : "",
                    ms(o.latency().p50()), ms(o.latency().p95()), ms(o.latency().p99()),
                    r.routedSeen(), r.cases(), ms(r.routed().p50()), ms(r.routed().p95()), ms(r.routed().p99()),
                    ms(r.routed().max()), r.searchableSeen(), r.cases(), ms(r.searchable().p50()),
                    ms(r.searchable().p95()), ms(r.searchable().p99()), ms(r.searchable().max()),
                    r.assignedSeen(), r.cases(), ms(r.assigned().p95()), ms(r.routedAfterLoadMs()),
                    f2(u.machineBusy() / u.seconds()), other(u));
        }
        p("");
    }

    // ------------------------------------------------------------------------------------------------ baselines

    private void baselines() {
        p("## Baselines in the same run");
        p("");
        p("### pgbench: the submission's transaction without the service");
        p("");
        if (b.pgbenchBest == null) {
            p(b.pgbenchNote == null ? "Not run." : b.pgbenchNote);
            p("");
        } else {
            p("Debian's pgbench against the benchmark's PostgreSQL, database `%s` with intake-service's schema (its "
                            + "Flyway SQL migrations, the 34 provinces and 3,321 communes). The script "
                            + "(`benchmarks/target/bench-results/submission.pgbench.sql`) sends the statements of "
                            + "`CaseService.submit` of the deployed intake-service in the order Hibernate sends them, "
                            + "in one transaction: claim the Idempotency-Key, %stake the year's next case code (%s), "
                            + "insert `intake_case`, `outbox_event` (a real SUBMITTED CloudEvent of %s bytes) and "
                            + "`case_timeline`, store the response for the key; plus one read of a random commune (to "
                            + "draw a real one; the service has its communes, provinces and topics in memory). "
                            + "`-M prepared`, %d s per client count.",
                    Baselines.PGBENCH_DB, b.pgSchema != null && b.pgSchema.rateLimit()
                            ? "count the caller's submissions of the last minute, up to the limit (rate limit), " : "",
                    b.pgSchema == null ? "?" : b.pgSchema.codeStatement(),
                    f0(b.samples == null ? Double.NaN : b.samples.avgPayloadBytes()),
                    b.profile.pgbenchSeconds());
            p("");
            p("| clients | tps | latency avg ms | failed | PostgreSQL backends (avg active: what they do) |");
            p("|---|---|---|---|---|");
            for (Baselines.PgbenchRun r : b.pgbench) {
                PgWaits.Result w = b.pgbenchWaits.get(r.clients());
                p("| %d%s | %s | %s | %d | %s |", r.clients(), r == b.pgbenchBest ? " **(best)**" : "", f0(r.tps()),
                        f2(r.latencyMs()), r.failed(), w == null ? "–" : w.top(3));
            }
            p("");
            if (!b.pgbenchBest.statementMs().isEmpty()) {
                p("Per-statement latency at the best client count (ms): %s.", String.join("; ",
                        b.pgbenchBest.statementMs().entrySet().stream().filter(e -> e.getValue() >= 0.01)
                                .map(e -> "`" + e.getKey().replace("|", "\\|").replace("`", "") + "` " + f2(e.getValue()))
                                .toList()));
                p("");
            }
        }
        p("### Kafka producer: raw throughput for the same messages");
        p("");
        if (b.kafka != null) {
            p("%s real SUBMITTED CloudEvents from the intake outbox (%s bytes on average), key = case id, header "
                            + "content-type, settings of intake's outbox producer (acks=all, idempotent, 5 in flight, "
                            + "linger 5 ms, lz4), asynchronous sends for %d s to a 12-partition topic: **%s records/s** "
                            + "(%s MB/s); send → ack p50 %s ms, p99 %s ms.", b.samples.payloads().size(),
                    f0(b.samples.avgPayloadBytes()), b.profile.kafkaDuration().toSeconds(), f0(b.kafka.rate()),
                    f1(b.kafka.mbPerSecond()), ms(b.kafka.ackLatency().p50()), ms(b.kafka.ackLatency().p99()));
        } else {
            p("Not run.");
        }
        p("");
        p("### Elasticsearch bulk indexing of the same documents");
        p("");
        if (b.bulk != null) {
            p("The search corpus below, bulk-indexed (%d documents per request, 3 requests in flight) straight into "
                            + "the alias `pakn-cases`, i.e. the index search-service created with its own settings and "
                            + "mappings (1 shard, 0 replicas, refresh 1 s, `vi_folded`/`vi_exact`/`vi_shingle` "
                            + "analyzers on title and description): **%s documents/s** (%s MB/s of JSON), bulk request "
                            + "p50 %s ms, p99 %s ms; %d item errors%s.", 1000, f0(b.bulk.docsPerSecond()),
                    f1(b.bulk.mbPerSecond()), ms(b.bulk.bulkLatency().p50()), ms(b.bulk.bulkLatency().p99()),
                    b.bulk.itemErrors(), b.bulk.complete() ? "" : " — **stopped by the time budget before the whole corpus**");
        } else {
            p("Not run.");
        }
        p("");
    }

    // ------------------------------------------------------------------------------------------------ search

    private void search() {
        p("## Search on a generated corpus");
        p("");
        if (b.bulk != null) {
            Corpus.Stats s = b.bulk.stats();
            long n = b.bulk.docs();
            StringBuilder mix = new StringBuilder();
            for (int i = 0; i < Corpus.STATUSES.length; i++) {
                mix.append(Corpus.STATUSES[i]).append(' ').append(pct(s.status[i] / (double) n)).append(", ");
            }
            p("%s generated cases (plus %d from the runs above): %s paraphrases of %d recurring problems (12 topics × 6 "
                            + "subjects × 5 kinds of difficulty, Zipf-like popularity, each written many ways: title "
                            + "and sentence templates, contexts, numbers, commune types) and %s long-tail unique "
                            + "cases; communes drawn from the 3,321 of the reference data, so provinces weigh by their "
                            + "number of communes; submitted from 1 July 2025 until today (30%% in the first quarter); "
                            + "status by age: %s; %s overdue, %s answered; urgency 85/10/4/1%% normal/urgent/very "
                            + "urgent/express with SLA 10/5/3/1 working days.",
                    String.format(Locale.ROOT, "%,d", n), b.docsBeforeBulk, pct(s.recurring / (double) n),
                    Corpus.SUBJECTS.length * Corpus.SUBJECTS[0].length * Corpus.KINDS,
                    pct(1 - s.recurring / (double) n), mix.substring(0, mix.length() - 2),
                    pct(s.overdue / (double) n), pct(s.answered / (double) n));
            p("");
        }
        if (b.indexSize != null) {
            p("Index `%s`: **%s documents, %s GB on disk** (`_cat/indices` store.size, after refresh, %d segments, "
                            + "no force-merge) = %s bytes per case.", b.indexSize.index(),
                    String.format(Locale.ROOT, "%,d", b.indexSize.docs()), f2(b.indexSize.storeBytes() / 1e9),
                    b.indexSize.segments(), f0(b.indexSize.storeBytes() / (double) Math.max(1, b.indexSize.docs())));
            p("");
        }
        if (!b.queries.isEmpty()) {
            p("Leader queries through `GET /api/v1/search` (leader token: no scope filter), one at a time after a "
                    + "warm-up, each request with different words and filters; every first page has facets (9 terms "
                    + "aggregations: exact up to 10,000 matches, a `random_sampler` sample beyond), highlights when "
                    + "there is a query, and a total exact up to 10,000 matches (`track_total_hits: 10000`; beyond, "
                    + "\"avg total hits\" averages the API's `totalEstimate`); search_after pages have neither.");
            p("");
            p("| query | requests | p50 ms | p95 ms | p99 ms | max ms | avg total hits | example |");
            p("|---|---|---|---|---|---|---|---|");
            for (SearchBench.QueryResult q : b.queries) {
                p("| %s | %d | %s | %s | `%s` |", q.name(), q.latency().count(), q.latency().cells(),
                        f0(q.avgTotalHits()), q.example() == null ? "" : q.example().replace("|", "\\|"));
            }
            p("");
        }
        if (!b.recurring.isEmpty()) {
            p("Recurring issues through `GET /api/v1/recurring-issues`: every case carries the issue it was assigned "
                    + "to when indexed, so the list is a terms aggregation on `recurringIssueId` over all history "
                    + "(with the filters of the request), joined with the issue records. The corpus's cases carry the "
                    + "issue of the problem they paraphrase.");
            p("");
            if (b.recurringHeap != null) {
                p("With the stack's service heap (%s) the first request %s; search-service was then restarted with "
                                + "-Xmx%s for the measurements below (production runs the services with a 384 MB heap).",
                        env("PAKN_SERVICE_HEAP", vn.gov.noivu.pakn.stack.QuarkusServiceSpec.DEFAULT_HEAP), b.recurringDefault == null ? "failed"
                                : b.recurringDefault.latency().count() > 0 ? "took " + ms(b.recurringDefault.latency().max())
                                + " ms" + (b.recurringDefaultOom ? " and the service logged an OutOfMemoryError" : "")
                                : b.recurringDefaultOom ? "got no answer: the service ran out of heap (OutOfMemoryError "
                                + "in its log)" : "got no answer within the timeout", b.recurringHeap);
                p("");
            }
            p("| query | requests | p50 ms | p95 ms | p99 ms | max ms | example |");
            p("|---|---|---|---|---|---|---|");
            if (b.recurringDefault != null && b.recurringDefault.latency().count() > 0 && b.recurringHeap == null) {
                SearchBench.QueryResult q = b.recurringDefault;
                p("| %s | %d | %s | `%s` |", q.name(), q.latency().count(), q.latency().cells(), q.example());
            }
            for (SearchBench.QueryResult q : b.recurring) {
                p("| %s | %d | %s | `%s` |", q.name(), q.latency().count(), q.latency().cells(), q.example());
            }
            p("");
        }
    }

    // ------------------------------------------------------------------------------------------------ resources

    private void resources() {
        p("## Memory and CPU of every process");
        p("");
        if (b.totals != null) {
            p("| process | pid | peak RSS (VmHWM) | CPU seconds (whole run) |");
            p("|---|---|---|---|");
            for (Resources.Memory m : b.totals) {
                String rss = m.hwmKb() == 0 ? "–" : String.format(Locale.ROOT, "%,.0f MB", m.hwmKb() / 1024.0);
                if (m.peakTreePssKb() > 0) {
                    rss += String.format(Locale.ROOT, " (postmaster); all backends together peak PSS %,.0f MB",
                            m.peakTreePssKb() / 1024.0);
                }
                p("| %s | %s | %s | %s |", m.name(), m.pid() > 0 ? Long.toString(m.pid()) : "–", rss, f1(m.cpuSeconds()));
            }
            p("");
            p("PostgreSQL's CPU includes the postmaster, every backend and the backends already gone (pgbench's); its "
                    + "peak PSS is sampled every 2 s and counts shared memory once. CPU = utime + stime from "
                    + "/proc/PID/stat.");
            p("");
        }
        if (b.resources != null && !b.resources.phases.isEmpty()) {
            List<String> names = new ArrayList<>(b.resources.phases.get(0).cpu().keySet());
            StringBuilder head = new StringBuilder("| phase | s | cores busy |");
            StringBuilder sep = new StringBuilder("|---|---|---|");
            for (String n : names) {
                head.append(' ').append(n.replace(" (this JVM)", "").replace(" (children of the load generator)", ""))
                        .append(" |");
                sep.append("---|");
            }
            head.append(" other programs |");
            sep.append("---|");
            p("CPU by phase, in cores (CPU seconds per second of the phase; the machine has %d):",
                    Runtime.getRuntime().availableProcessors());
            p("");
            p(head.toString());
            p(sep.toString());
            for (Resources.Usage u : b.resources.phases) {
                StringBuilder row = new StringBuilder("| " + u.phase() + " | " + f0(u.seconds()) + " | "
                        + f2(u.machineBusy() / u.seconds()) + " |");
                for (String n : names) {
                    row.append(' ').append(f2(u.cpu().getOrDefault(n, 0.0) / u.seconds())).append(" |");
                }
                row.append(' ').append(f2(u.other() / u.seconds())).append(" |");
                p(row.toString());
            }
            p("");
        }
    }

    // ------------------------------------------------------------------------------------------------ profiles

    private void profiles() {
        if (b.profiles.isEmpty()) {
            return;
        }
        p("## Profiles (JDK Flight Recorder)");
        p("");
        p("`jcmd PID JFR.start settings=profile` / `JFR.stop` around the phase; shares of the CPU samples (jdk.ExecutionSample). "
                + "*Layer*: the innermost frame of the sample that belongs to a known library; *project code*: the "
                + "innermost frame in `vn.gov.noivu` (inclusive of what it calls). Recordings are kept in "
                + "`benchmarks/target/bench-results/*.jfr` (open with JDK Mission Control or `jfr view hot-methods`).");
        p("");
        for (Profiler.Summary s : b.profiles) {
            p("### %s", s.label());
            p("");
            p("%d CPU samples over %s s; GC: %d collections, %s ms paused in total, longest %s ms.", s.samples(),
                    f0(s.seconds()), s.gcCount(), f0(s.gcPauseMs()), f1(s.gcMaxPauseMs()));
            p("");
            p("| layer | share | hot method (self) | share | project code (inclusive) | share |");
            p("|---|---|---|---|---|---|");
            int rows = Math.max(s.layers().size(), Math.max(s.hotMethods().size(), s.appFrames().size()));
            rows = Math.min(rows, 10);
            for (int i = 0; i < rows; i++) {
                p("| %s | %s | %s | %s | %s | %s |", cell(s.layers(), i, true), cell(s.layers(), i, false),
                        cell(s.hotMethods(), i, true), cell(s.hotMethods(), i, false), cell(s.appFrames(), i, true),
                        cell(s.appFrames(), i, false));
            }
            p("");
            StringBuilder t = new StringBuilder();
            for (Profiler.Share sh : s.threads()) {
                t.append('`').append(sh.name()).append("` ").append(f0(sh.percent())).append("%, ");
            }
            if (!t.isEmpty()) {
                p("Busiest threads: %s.", t.substring(0, t.length() - 2));
            }
            if (!s.monitorWaitsMs().isEmpty()) {
                StringBuilder m = new StringBuilder();
                for (Profiler.Share sh : s.monitorWaitsMs()) {
                    m.append('`').append(sh.name()).append("` ").append(f0(sh.percent())).append(" ms, ");
                }
                p("Blocked on monitors (≥ 10 ms each): %s.", m.substring(0, m.length() - 2));
            }
            p("");
        }
    }

    private static String cell(List<Profiler.Share> l, int i, boolean name) {
        if (i >= l.size()) {
            return "";
        }
        return name ? l.get(i).name().replace("|", "\\|") : f1(l.get(i).percent()) + "%";
    }

    // ------------------------------------------------------------------------------------------------ limits

    Profiler.Summary profile(String prefix) {
        return b.profiles.stream().filter(s -> s.label().startsWith(prefix)).findFirst().orElse(null);
    }

    static String topLayers(Profiler.Summary s, int n) {
        if (s == null) {
            return "(no profile)";
        }
        StringBuilder sb = new StringBuilder();
        for (Profiler.Share sh : s.layers().subList(0, Math.min(n, s.layers().size()))) {
            sb.append(sh.name()).append(' ').append(f0(sh.percent())).append("%, ");
        }
        return sb.isEmpty() ? "" : sb.substring(0, sb.length() - 2);
    }

    static String topApp(Profiler.Summary s, int n) {
        if (s == null) {
            return "(no profile)";
        }
        StringBuilder sb = new StringBuilder();
        for (Profiler.Share sh : s.appFrames().subList(0, Math.min(n, s.appFrames().size()))) {
            sb.append('`').append(sh.name().replaceAll(" \\(.*\\)", "")).append("` ").append(f0(sh.percent())).append("%, ");
        }
        return sb.isEmpty() ? "" : sb.substring(0, sb.length() - 2);
    }

    private String cpuSplit(Resources.Usage u, double perUnit, String unit) {
        StringBuilder sb = new StringBuilder();
        List<Map.Entry<String, Double>> parts = new ArrayList<>(u.cpu().entrySet());
        parts.add(Map.entry("other programs", u.other()));
        parts.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        for (Map.Entry<String, Double> e : parts) {
            double cores = e.getValue() / u.seconds();
            if (cores < 0.005) {
                continue;
            }
            sb.append(e.getKey().replace(" (this JVM)", "").replace(" (children of the load generator)", ""))
                    .append(' ').append(f2(cores));
            if (perUnit > 0 && 1000 * cores / perUnit >= 0.1 && !e.getKey().equals("other programs")) {
                sb.append(" (").append(f1(1000 * cores / perUnit)).append(" ms CPU ").append(unit).append(')');
            }
            sb.append(", ");
        }
        return sb.isEmpty() ? "" : sb.substring(0, sb.length() - 2);
    }

    private void limits() {
        int cores = Runtime.getRuntime().availableProcessors();
        p("## What limits each number");
        p("");
        // intake throughput
        if (b.best != null && b.stepCpu.get(b.best.concurrency()) != null) {
            Resources.Usage u = b.stepCpu.get(b.best.concurrency());
            double busy = u.machineBusy() / u.seconds();
            PgWaits.Result w = b.stepWaits.get(b.best.concurrency());
            double lock = w == null ? 0 : w.shares().entrySet().stream().filter(e -> e.getKey().startsWith("Lock:"))
                    .mapToDouble(Map.Entry::getValue).sum();
            double wal = w == null ? 0 : w.shares().entrySet().stream().filter(e -> e.getKey().contains("WAL")
                    || e.getKey().contains("Wal")).mapToDouble(Map.Entry::getValue).sum();
            boolean cpuBound = busy / cores >= 0.85;
            p("**Intake throughput (%s/s at concurrency %d).** The machine's %d cores were %s busy during that step "
                            + "(%s of %d cores)%s. Cores by process (and CPU per accepted submission): %s. Every "
                            + "submission costs CPU not only in intake-service and PostgreSQL but, within the same "
                            + "second, in the outbox relay, Kafka, triage-service (routing: its own transaction and "
                            + "outbox), search-service (an Elasticsearch write per event) and Elasticsearch; all of it "
                            + "shares the cores with the load generator.",
                    f1(b.best.rps()), b.best.concurrency(), cores, pct(busy / cores), f2(busy), cores,
                    cpuBound ? ", so CPU shared by everything on the box is the ceiling"
                            : ": CPU was not the only limit", cpuSplit(u, b.best.rps(), "per submission"));
            if (w != null) {
                p("");
                p("PostgreSQL's active backends for `intake` during the step: %s.%s%s%s", w.top(4),
                        lock >= 20 && (b.pgSchema == null || b.pgSchema.counterRow()) ? String.format(Locale.ROOT,
                                " In %.0f%% of the samples a backend waited for "
                                + "another transaction's lock: every submission upserts the year's single "
                                + "`case_code_counter` row (`CaseRepository.nextCode`) early in its transaction and "
                                + "holds that row lock until commit, while Hibernate sends the remaining statements "
                                + "(case, outbox, timeline, idempotency update: several round trips through a busy "
                                + "JVM) and the commit waits for the WAL flush. Submissions are serialised on that "
                                + "row: throughput is about 1 / (time from the counter upsert to the end of the "
                                + "commit), and more concurrency only adds queueing latency.", lock)
                                : lock >= 20 ? String.format(Locale.ROOT, " In %.0f%% of the samples a backend waited "
                                + "for another transaction's lock.", lock) : "",
                        wal >= 20 ? String.format(Locale.ROOT, " %.0f%% of the samples waited for the WAL flush "
                                + "(fsync on commit).", wal) : "",
                        w.avgActive() < 1 ? " With less than one busy backend on average, PostgreSQL is not what "
                                + "limits the submissions." : "");
            }
            Profiler.Summary ip = profile("intake-service");
            if (ip != null) {
                p("");
                StringBuilder mon = new StringBuilder();
                for (Profiler.Share sh : ip.monitorWaitsMs()) {
                    if (sh.percent() >= 50) {
                        mon.append('`').append(sh.name()).append("` ").append(f0(sh.percent())).append(" ms, ");
                    }
                }
                p("Inside intake-service (JFR at the same concurrency) the CPU goes to: %s; project code: %s; GC "
                                + "paused %s ms in %s s (longest %s ms) with the %s heap and %s.%s",
                        topLayers(ip, 7), topApp(ip, 4), f0(ip.gcPauseMs()), f0(ip.seconds()), f1(ip.gcMaxPauseMs()),
                        env("PAKN_SERVICE_HEAP", vn.gov.noivu.pakn.stack.QuarkusServiceSpec.DEFAULT_HEAP),
                        env("PAKN_SERVICE_GC", vn.gov.noivu.pakn.stack.QuarkusServiceSpec.DEFAULT_GC),
                        mon.isEmpty() ? "" : " Request threads waited on monitors: " + mon.substring(0, mon.length() - 2)
                                + (mon.indexOf("JsonFormatter") >= 0 ? " — the JSON log formatter is synchronised, "
                                + "and every submission writes an INFO line (an asynchronous handler would move it to a "
                                + "background thread, but loses the last lines when a service fails to start)" : "") + ".");
            }
            if (b.pgbenchBest != null) {
                p("");
                p("pgbench runs the same transaction at %s tps: there PostgreSQL is alone with the cores, and the "
                                + "transaction costs only PostgreSQL's CPU and one WAL flush per commit (group commit "
                                + "shares flushes between concurrent commits). The ratio intake/pgbench = %s measures "
                                + "the price of HTTP, JSON, JWT verification, validation, Hibernate, the connection "
                                + "pool, and of the asynchronous pipeline running on the same cores.",
                        f0(b.pgbenchBest.tps()), pct(maxRps() / pgTps()));
            }
            if (b.aloneStep != null) {
                Resources.Usage a = b.aloneStepCpu;
                p("");
                p("**What the rest of the pipeline takes from intake:** with triage-service, search-service and "
                                + "Elasticsearch paused, intake alone took %s/s at the same concurrency (%s of pgbench), "
                                + "against %s/s with them running: the asynchronous side's CPU on the same cores costs "
                                + "intake %s of its throughput. The rest of the distance to pgbench is intake's own "
                                + "work per submission%s.",
                        f1(b.aloneStep.rps()), b.pgbenchBest == null ? "–" : pct(b.aloneStep.rps() / pgTps()),
                        f1(b.best.rps()), pct(Math.max(0, 1 - b.best.rps() / b.aloneStep.rps())),
                        a == null ? "" : " (cores then: " + cpuSplit(a, b.aloneStep.rps(), "per submission") + ")");
                Bench.QuietResult q = b.afterSweep;
                if (q != null && !q.quiet()) {
                    // the sweep's rate is not one the whole system keeps up with: the pipeline deferred its work
                    p("");
                    p("That comparison understates the pipeline's cost on this run: during the sweep the "
                                    + "asynchronous side fell behind instead of taking its share of the cores (after "
                                    + "the sweep %d Kafka records were not yet consumed and %d indexed cases not yet "
                                    + "assigned, and they had not caught up %s s later). %s/s is intake's rate with "
                                    + "the rest deferred, not a rate the whole system sustains; the end-to-end runs "
                                    + "below show where it does (routed, searchable and assigned at half and near "
                                    + "saturation).",
                            q.initialLag(), q.initialUnassigned(), f1(q.seconds()), f1(b.best.rps()));
                }
            }
            p("");
        }
        IntakeLoad.OpenResult half = open(1);
        if (half != null) {
            Profiler.Summary ip = profile("intake-service");
            p("**Intake p99 at half saturation (%s ms at %s/s).** %s At a fixed arrival rate the tail comes from "
                            + "moments when a request finds the cores taken: a relay pass publishing a batch, the triage "
                            + "and search consumers applying a burst of events, an Elasticsearch refresh or merge, a "
                            + "stop-the-world collection of a service's heap%s, PostgreSQL's checkpoint; and, "
                            + "on this run, %s of other programs' CPU.",
                    ms(half.latency().p99()), f1(half.rate()),
                    half.latency().p99() < 50 ? "Within the aim." : "Above the 50 ms aim.",
                    ip == null ? "" : " (longest pause seen in intake-service: " + f1(ip.gcMaxPauseMs()) + " ms)",
                    b.e2eCpu.size() > 1 ? f2(b.e2eCpu.get(1).other() / b.e2eCpu.get(1).seconds()) + " cores" : "–");
            if (b.aloneOpen != null) {
                p("");
                p("At %s/s with the asynchronous side paused (\"Intake alone\" above) intake's p99 was %s ms (p50 %s): "
                                + "%s",
                        f1(b.aloneOpen.rate()), ms(b.aloneOpen.latency().p99()), ms(b.aloneOpen.latency().p50()),
                        b.aloneOpen.latency().p99() < 50
                                ? "within the aim, so the tail above comes from sharing the cores with the consumers, "
                                + "the relays and Elasticsearch, not from intake's own request path."
                                : "still above the aim, so intake's own request path (and PostgreSQL's commit on the "
                                + "same cores) has a tail of its own, before the rest of the pipeline adds to it.");
            }
            p("");
        }
        EndToEnd.Result normal = e2e(0);
        if (normal != null) {
            String intakePoll = b.setting("intake-service", "pakn.eventing.outbox.poll-interval", "200ms");
            String triageRelay = b.setting("triage-service", "pakn.eventing.outbox.poll-interval", "200ms");
            p("**Submit → routed (p50 %s ms, p95 %s ms at normal load).** Both outbox relays wake when the "
                            + "transaction that wrote the event commits; their polls (intake every %s, triage every %s, "
                            + "`pakn.eventing.outbox.poll-interval`) are only the safety net for rows another replica or a "
                            + "crash left behind. The path is intake's commit → intake's relay publishes → triage's "
                            + "consumer fetches and routes in one transaction → triage's relay publishes ROUTED → "
                            + "intake's consumer applies it: two Kafka produce/fetch round trips and three "
                            + "transactions, no fixed wait. Before the relays woke on commit (run of commit f7a8167) "
                            + "this was p50 819 ms, p95 2006 ms, set by the two polls.",
                    ms(normal.routed().p50()), ms(normal.routed().p95()), intakePoll, triageRelay);
            p("");
            p("**Submit → searchable (p50 %s ms, p95 %s ms at normal load).** Intake's relay (woken on commit; poll %s), the search "
                            + "consumer's poll (0.5 s timeout, but it returns as soon as records arrive), the "
                            + "Elasticsearch write, then the index refresh every 1 s (`refresh_interval` of the "
                            + "index): a document becomes visible to `_search` only at the next refresh, on average "
                            + "500 ms later. The benchmark polls every %d ms.",
                    ms(normal.searchable().p50()), ms(normal.searchable().p95()), intakePoll, EndToEnd.POLL_MS);
            p("");
            EndToEnd.Result near = e2e(2);
            if (near != null) {
                EndToEnd.Result halfRun = e2e(1);
                p("**Routing under load (%s: routed p95 %s ms; %s: routed p95 %s ms, last case routed %s ms after "
                                + "the load).** Triage applies each poll (up to %s records) in one transaction on %s "
                                + "consumer thread(s) (`pakn.triage.consumer.threads`): one multi-row claim of the "
                                + "events' ids, one locking select of the batch's known cases, reference data "
                                + "(provinces, liaisons, routes, SLA targets, holidays) from a copy kept %s, and about "
                                + "3 SQL statements per event; Hibernate flushes once, at commit. What is left per event "
                                + "is the outbox and timeline inserts (identity keys, which Hibernate does not batch) "
                                + "and, per batch, the commit's WAL flush, on the same cores as intake, PostgreSQL and "
                                + "the other consumers: batches grow with the load, so latency rises before throughput "
                                + "runs out. Searchable: %s ms p95 at %s.",
                        b.e2eLabels.get(1), halfRun == null ? "–" : ms(halfRun.routed().p95()), b.e2eLabels.get(2),
                        ms(near.routed().p95()), ms(near.routedAfterLoadMs()),
                        b.setting("triage-service", "pakn.triage.consumer.max-poll-records", "500"),
                        b.setting("triage-service", "pakn.triage.consumer.threads", "1"),
                        b.setting("triage-service", "quarkus.cache.caffeine.\"reference-data\".expire-after-write", "30S"),
                        ms(near.searchable().p95()), b.e2eLabels.get(2));
                p("");
                pipelineCapacity();
                searchUnderLoad(1);
                searchUnderLoad(2);
            }
        }
        if (!b.queries.isEmpty()) {
            Profiler.Summary sp = profile("search-service during the leader");
            double esCores = b.queryCpu == null ? Double.NaN : b.queryCpu.cpu().getOrDefault("elasticsearch", 0.0);
            double svcCores = b.queryCpu == null ? Double.NaN : b.queryCpu.cpu().getOrDefault("search-service", 0.0);
            long n = b.queries.stream().mapToLong(q -> q.latency().count()).sum();
            p("**Search queries.** Requests ran one at a time; per request Elasticsearch used %s ms CPU and "
                            + "search-service %s ms (CPU of the phase divided by the requests). What costs is "
                            + "Elasticsearch work: totals stop counting at 10,000 matches, so the top 20 can skip the rest "
                            + "(block-max WAND, or the date's points for newest first); facets aggregate every match "
                            + "up to 10,000 and a random sample beyond (one facet request, chosen by a bounded count "
                            + "sent with the hits request), so the landing page (all %s "
                            + "cases) costs the sample, not the index; highlighting re-analyses the shown "
                            + "descriptions. search_after pages count nothing and have no facets. The Elasticsearch "
                            + "heap is %s; the index (%s GB) must stay in the page cache for these latencies. "
                            + "search-service itself: %s. Other programs took %s cores during these queries, so "
                            + "they waited for CPU too.",
                    f1(1000 * esCores / Math.max(1, n)), f1(1000 * svcCores / Math.max(1, n)), corpusSize(), b.esHeap(),
                    b.indexSize == null ? "?" : f2(b.indexSize.storeBytes() / 1e9), topLayers(sp, 5), other(b.queryCpu));
            p("");
        }
        if (!b.recurring.isEmpty()) {
            Profiler.Summary rp = profile("search-service during the recurring");
            p("**Recurring issues (p50 %s ms, p95 %s ms unfiltered).** Two Elasticsearch searches with `size: 0`: "
                            + "a terms aggregation on `recurringIssueId` over every matching case (which issues, how "
                            + "many cases, the newest case for the order) and a read of their records without their "
                            + "vectors; then, for the page's issues only, their provinces, number of communes "
                            + "(`cardinality`), status mix, topics, weekly trend and newest members. The first grows "
                            + "with the number of matching cases (all %s for the unfiltered list) and of distinct "
                            + "issues (every one-off case is an issue of its own), not with the issues shown; a "
                            + "province or topic filter makes it cheaper. In search-service the CPU went to %s; "
                            + "project code: %s.",
                    ms(b.recurring.get(0).latency().p50()), ms(b.recurring.get(0).latency().p95()), corpusSize(),
                    topLayers(rp, 5), topApp(rp, 4));
            p("");
        }
        if (b.bulk != null) {
            p("**Elasticsearch bulk indexing (%s docs/s).** Cores during the load: %s. Each case is analysed %d "
                            + "times (title and description each as folded, exact and shingled text, shingles of 2–3 "
                            + "words multiply the terms), on one shard, with the refresh every second creating small "
                            + "segments that merges rewrite; ES heap %s.",
                    f0(b.bulk.docsPerSecond()), b.bulkCpu == null ? "–" : cpuSplit(b.bulkCpu, b.bulk.docsPerSecond(),
                            "per document"), 7, b.esHeap());
            p("");
        }
        if (b.kafka != null) {
            p("**Kafka producer (%s records/s).** One producer thread and one broker on the shared cores; acks=all "
                    + "on a single node costs no replication, so the limit is CPU (compression, request handling, "
                    + "log appends) and the page cache, not the network. The services publish far below this rate: "
                    + "Kafka is not what limits submissions.", f0(b.kafka.rate()));
            p("");
        }
        suggestions();
    }

    static double millis(String duration) {
        String d = duration.trim().toLowerCase(Locale.ROOT);
        try {
            if (d.endsWith("ms")) {
                return Double.parseDouble(d.substring(0, d.length() - 2));
            }
            if (d.endsWith("s")) {
                return 1000 * Double.parseDouble(d.substring(0, d.length() - 1));
            }
            if (d.startsWith("pt")) {
                return java.time.Duration.parse(d.toUpperCase(Locale.ROOT)).toMillis();
            }
        } catch (RuntimeException e) {
            // fall through
        }
        return Double.NaN;
    }

    private void suggestions() {
        p("### What would move each number next");
        p("");
        EndToEnd.Result normal = e2e(0);
        if (normal != null && normal.routed().p95() > 300) {
            p("- **submit → routed**: the relays already wake on commit; what is left is the consumers' fetch and "
                    + "the transactions: profile them at this load (JFR above), batch the ROUTED update with the "
                    + "routing transaction, and check the consumers' `max.poll.records`/commit cadence.");
        }
        if (normal != null && normal.searchable().p95() > 2000) {
            p("- **submit → searchable**: the 1 s refresh stays (it is the near-real-time contract); look at the "
                    + "indexer's bulk cadence.");
        }
        if (b.best != null && b.pgbenchBest != null && maxRps() < 0.5 * pgTps()) {
            p("- **intake throughput**: the CPU per submission is spread over the whole pipeline; the cheapest wins "
                    + "are in the profile above (e.g. JSON logging of every submission, JWT signature checks — "
                    + "cache verified tokens for their lifetime —, Hibernate's work per statement, garbage "
                    + "collection). On production hardware the services, databases "
                    + "and the load generator do not share two cores, so the ratio to pgbench measured here is a "
                    + "floor.");
        }
        if (b.pgbenchBest != null && b.pgbenchBest.statementMs().keySet().stream().anyMatch(k -> k.contains("case_code_counter"))) {
            p("- **case code counter**: `insert … on conflict (year) do update … returning` locks the year's "
                    + "single row until commit, so submissions serialise on it for the rest of their transaction "
                    + "(see its latency in the pgbench statement table as concurrency grows). A PostgreSQL sequence "
                    + "per year (`nextval`, no lock held until commit, gaps allowed) or taking the code as the last "
                    + "statement before commit shortens the critical section.");
        }
        boolean slowSearch = b.queries.stream().anyMatch(q -> q.latency().p95() > 100);
        if (slowSearch) {
            p("- **search**: totals are bounded, facets sampled beyond 10,000 matches (one facet request per "
                    + "search, chosen by a bounded count sent with the hits request), and the first pass is the "
                    + "folded-text match alone, so Elasticsearch skips "
                    + "matches that cannot reach the top; every boost (title, description, every word, phrases, "
                    + "shingles, exact diacritics) is scored in a rescore window of the top 1,000. What is left is the "
                    + "rescore window itself, the count and the facet request beside the hits (on two shared "
                    + "cores concurrent requests compete for the same CPU), smaller facet samples "
                    + "(`pakn.search.results.facet-sample`), and 2 primary shards once cores allow parallel shard "
                    + "searches.");
        }
        boolean slowRecurring = b.recurring.stream().anyMatch(q -> q.latency().p95() > 300);
        if (slowRecurring) {
            p("- **recurring issues**: the first aggregation visits every matching case and every distinct issue; "
                    + "keep per-issue counters (cases, newest case) on the issue record, updated when a case joins or "
                    + "leaves and checked by the repair, and aggregate only for filtered views.");
        }
        p("- **benchmark machine**: two shared cores run the load generator, three services and three servers; "
                + "numbers for capacity planning need the servers on their own hosts.");
        p("");
    }

    private void howTo() {
        p("## Reproduce");
        p("");
        p("```");
        p("./bench            # full run (~30 min): builds what is missing, writes docs/benchmarks.md");
        p("./bench --smoke    # quick check of the whole chain: short steps, 10,000-case corpus");
        p("```");
        p("");
        p("State lives in `benchmarks/target/bench-stack/` (wiped at each run), logs, pgbench outputs and JFR "
                + "recordings in `benchmarks/target/bench-results/`. Settings: `PAKN_ES_HEAP` (default 2g for the "
                + "benchmark), `PAKN_SERVICE_HEAP` (default 384m), `PAKN_SERVICE_GC` (default ParallelGC), `PAKN_KAFKA_HEAP`; `--corpus N` changes the corpus size.");
        if (!b.leftovers.isEmpty()) {
            p("");
            p("Processes left after stopping (killed): %s.", String.join(", ", b.leftovers));
        }
    }
}
