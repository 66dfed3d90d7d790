package vn.gov.noivu.pakn.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JDK Flight Recorder on a running service ({@code jcmd PID JFR.start / JFR.stop}) and a summary of the recording:
 * where the CPU samples fall (hot methods, libraries, threads), garbage-collection pauses and lock waits.
 */
final class Profiler {

    private final Path jcmd;
    private final Path outDir;
    private final Log log;

    Profiler(Path javaHome, Path outDir, Log log) throws IOException {
        this.jcmd = javaHome.resolve("bin/jcmd");
        this.outDir = outDir;
        this.log = log;
        Files.createDirectories(outDir);
    }

    boolean start(long pid, String name) {
        return jcmd(pid, "JFR.start", "name=" + name, "settings=profile");
    }

    Path stop(long pid, String name) {
        Path file = outDir.resolve(name + ".jfr");
        return jcmd(pid, "JFR.stop", "name=" + name, "filename=" + file) && Files.exists(file) ? file : null;
    }

    private boolean jcmd(long pid, String... args) {
        if (pid <= 0 || !Files.isExecutable(jcmd)) {
            return false;
        }
        List<String> cmd = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            if (p.exitValue() != 0 || out.contains("Could not") || out.contains("Exception")) {
                log.say("jcmd " + String.join(" ", args) + " failed: " + out.trim());
                return false;
            }
            return true;
        } catch (IOException | InterruptedException e) {
            log.say("jcmd failed: " + e);
            return false;
        }
    }

    record Share(String name, double percent) {
    }

    record Summary(String label, long samples, double seconds, List<Share> hotMethods, List<Share> layers,
            List<Share> appFrames, List<Share> threads, long gcCount, double gcPauseMs, double gcMaxPauseMs,
            List<Share> monitorWaitsMs) {
    }

    /** Library layers: the first (innermost) frame of a sample matching one of these prefixes names its layer. */
    static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("org.hibernate.validator.", "Bean Validation");
        LAYERS.put("org.postgresql.", "PostgreSQL JDBC driver");
        LAYERS.put("io.agroal.", "Agroal connection pool");
        LAYERS.put("org.hibernate.", "Hibernate ORM");
        LAYERS.put("com.arjuna.", "Narayana transactions");
        LAYERS.put("org.apache.kafka.", "Kafka client");
        LAYERS.put("co.elastic.", "Elasticsearch Java client");
        LAYERS.put("org.elasticsearch.client.", "Elasticsearch low-level client");
        LAYERS.put("org.apache.http.", "Apache HTTP client");
        LAYERS.put("org.jose4j.", "JWT verification (jose4j)");
        LAYERS.put("io.quarkus.oidc.", "token verification (quarkus-oidc)");
        LAYERS.put("io.smallrye.jwt.", "JWT parsing (smallrye-jwt, under quarkus-oidc)");
        LAYERS.put("sun.security.", "JDK crypto (RSA signature)");
        LAYERS.put("java.security.", "JDK crypto (RSA signature)");
        LAYERS.put("com.fasterxml.jackson.", "Jackson JSON");
        LAYERS.put("io.micrometer.", "Micrometer metrics");
        LAYERS.put("org.jboss.logmanager.", "logging");
        LAYERS.put("org.jboss.logging.", "logging");
        LAYERS.put("io.quarkus.vertx.http.", "Quarkus HTTP");
        LAYERS.put("org.jboss.resteasy.reactive.", "Quarkus REST");
        LAYERS.put("io.quarkus.resteasy.reactive.", "Quarkus REST");
        LAYERS.put("io.netty.", "Netty / Vert.x I/O");
        LAYERS.put("io.vertx.", "Netty / Vert.x I/O");
        LAYERS.put("io.quarkus.arc.", "CDI (ArC)");
        LAYERS.put("java.text.Normalizer", "Unicode normalisation");
        LAYERS.put("jdk.internal.icu.", "Unicode normalisation");
        LAYERS.put("java.util.regex.", "regular expressions");
        LAYERS.put("vn.gov.noivu.", "project code");
    }

    static Summary analyze(Path file, String label) throws IOException {
        Map<String, Long> hot = new HashMap<>();
        Map<String, Long> layers = new HashMap<>();
        Map<String, Long> app = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Double> monitors = new HashMap<>();
        long samples = 0;
        long gcCount = 0;
        double gcPause = 0;
        double gcMax = 0;
        java.time.Instant first = null;
        java.time.Instant last = null;
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                String type = e.getEventType().getName();
                if (first == null || e.getStartTime().isBefore(first)) {
                    first = e.getStartTime();
                }
                if (last == null || e.getEndTime().isAfter(last)) {
                    last = e.getEndTime();
                }
                switch (type) {
                    case "jdk.ExecutionSample" -> {
                        RecordedStackTrace st = e.getStackTrace();
                        if (st == null || st.getFrames().isEmpty()) {
                            continue;
                        }
                        samples++;
                        List<RecordedFrame> frames = st.getFrames();
                        hot.merge(method(frames.get(0)), 1L, Long::sum);
                        String layer = "other (JDK, framework glue)";
                        outer:
                        for (RecordedFrame f : frames) {
                            String cls = f.getMethod().getType().getName();
                            for (Map.Entry<String, String> l : LAYERS.entrySet()) {
                                if (cls.startsWith(l.getKey())) {
                                    layer = l.getValue();
                                    break outer;
                                }
                            }
                        }
                        layers.merge(layer, 1L, Long::sum);
                        for (RecordedFrame f : frames) {
                            if (f.getMethod().getType().getName().startsWith("vn.gov.noivu.")) {
                                app.merge(method(f), 1L, Long::sum);
                                break;
                            }
                        }
                        RecordedThread t = e.getThread("sampledThread");
                        String tn = t == null || t.getJavaName() == null ? "?" : t.getJavaName();
                        threads.merge(tn.replaceAll("[-#]?\\d+$", "").replaceAll("\\d+", "N"), 1L, Long::sum);
                    }
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        double ms = e.getDuration("sumOfPauses").toNanos() / 1e6;
                        gcPause += ms;
                        gcMax = Math.max(gcMax, ms);
                    }
                    case "jdk.JavaMonitorEnter" -> {
                        String cls = e.getClass("monitorClass") == null ? "?" : e.getClass("monitorClass").getName();
                        monitors.merge(cls, e.getDuration().toNanos() / 1e6, Double::sum);
                    }
                    default -> {
                    }
                }
            }
        }
        double seconds = first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
        List<Share> monitorList = monitors.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(5).map(en -> new Share(en.getKey(), en.getValue())).toList();
        return new Summary(label, samples, seconds, top(hot, samples, 12), top(layers, samples, 12), top(app, samples, 10),
                top(threads, samples, 8), gcCount, gcPause, gcMax, monitorList);
    }

    private static String method(RecordedFrame f) {
        String cls = f.getMethod().getType().getName();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethod().getName() + " (" + cls.substring(0,
                Math.max(0, cls.lastIndexOf('.'))) + ")";
    }

    private static List<Share> top(Map<String, Long> counts, long total, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .map(e -> new Share(e.getKey(), total == 0 ? 0 : 100.0 * e.getValue() / total)).toList();
    }
}
