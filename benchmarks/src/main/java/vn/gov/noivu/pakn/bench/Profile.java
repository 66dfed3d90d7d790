package vn.gov.noivu.pakn.bench;

import java.time.Duration;

/** Sizes and durations of a run: {@code full} (the documented run) or {@code smoke} (a quick check that all works). */
record Profile(String name, Duration stepWarmup, Duration stepMeasure, int maxConcurrency, double normalRate,
        Duration e2eDuration, Duration e2eDrain, int pgbenchSeconds, int pgbenchMaxClients, Duration kafkaDuration,
        long corpus, Duration bulkBudget, int queryWarmup, int queries, int deepWalks, int deepPages,
        int recurringRuns, Duration queryBudget, Duration quietMax, java.util.Set<String> phases, double saturation) {

    static final java.util.Set<String> ALL = java.util.Set.of("intake", "e2e", "baselines", "search");

    static Profile full() {
        return new Profile("full", Duration.ofSeconds(5), Duration.ofSeconds(15), 256, 10, Duration.ofSeconds(45),
                Duration.ofSeconds(90), 10, 64, Duration.ofSeconds(10), 1_000_000, Duration.ofMinutes(16), 10, 150, 10,
                25, 25, Duration.ofSeconds(150), Duration.ofSeconds(120), ALL, 0);
    }

    static Profile smoke() {
        return new Profile("smoke", Duration.ofSeconds(2), Duration.ofSeconds(5), 8, 10, Duration.ofSeconds(10),
                Duration.ofSeconds(30), 3, 8, Duration.ofSeconds(3), 10_000, Duration.ofMinutes(3), 3, 20, 3, 5, 4,
                Duration.ofSeconds(40), Duration.ofSeconds(45), ALL, 0);
    }

    /**
     * {@code --smoke}, or BENCH_PROFILE=smoke; {@code --corpus N} overrides the corpus size; {@code --saturation N}
     * sets intake's saturation (submissions/s) the end-to-end loads are fractions of, for a run without the intake
     * sweep (e.g. {@code --phases e2e --saturation 200}: 100/s and 170/s, as in a full run that measured 200/s).
     */
    static Profile from(String[] args) {
        boolean smoke = "smoke".equalsIgnoreCase(System.getenv("BENCH_PROFILE"));
        Long corpus = null;
        double saturation = 0;
        java.util.Set<String> phases = ALL;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--full" -> smoke = false;
                case "--corpus" -> corpus = Long.parseLong(args[++i].replace("_", ""));
                case "--phases" -> phases = java.util.Set.of(args[++i].split(","));
                case "--saturation" -> saturation = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("usage: ./bench [--smoke|--full] [--corpus N] "
                        + "[--phases intake,e2e,baselines,search] [--saturation N]; unknown "
                        + args[i]);
            }
        }
        Profile p = smoke ? smoke() : full();
        if (corpus != null || phases != ALL || saturation > 0) {
            p = new Profile(p.name, p.stepWarmup, p.stepMeasure, p.maxConcurrency, p.normalRate, p.e2eDuration,
                    p.e2eDrain, p.pgbenchSeconds, p.pgbenchMaxClients, p.kafkaDuration, corpus == null ? p.corpus : corpus,
                    p.bulkBudget, p.queryWarmup, p.queries, p.deepWalks, p.deepPages, p.recurringRuns, p.queryBudget,
                    p.quietMax, phases, saturation);
        }
        return p;
    }
}
