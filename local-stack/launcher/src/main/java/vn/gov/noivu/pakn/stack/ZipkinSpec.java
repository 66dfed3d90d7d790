package vn.gov.noivu.pakn.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The trace viewer: Zipkin server (collected by local-stack/zipkin-dist) on 127.0.0.1 with in-memory storage. The
 * services send their spans to {@link #spansEndpoint()}; the web UI and the query API ({@code /api/v2/trace/{id}})
 * are at {@link #url()}. Traces are kept in memory (the newest {@value #MAX_SPANS} spans): a restart forgets them.
 */
public final class ZipkinSpec implements ServerSpec {

    static final int MAX_SPANS = 50_000;


    private final Path jar;
    private final Path stateDir;
    private final int port;
    private final Path javaHome;

    public ZipkinSpec(Path jar, Path stateDir, int port, Path javaHome) {
        this.jar = jar;
        this.stateDir = stateDir;
        this.port = port;
        this.javaHome = javaHome;
    }

    @Override
    public String name() {
        return "zipkin";
    }

    @Override
    public int port() {
        return port;
    }

    /** The web UI and the query API. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the services POST their spans (Zipkin JSON v2). */
    public String spansEndpoint() {
        return url() + "/api/v2/spans";
    }

    @Override
    public void prepare() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Zipkin missing at " + jar
                    + " (build it: ./mvnw -pl local-stack/zipkin-dist package, or run ./stack up)");
        }
        Files.createDirectories(stateDir);
    }

    @Override
    public List<String> command() {
        // the whole port list is given, so that it replaces the jar's default (all interfaces) instead of merging
        return List.of(javaHome.resolve("bin/java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8",
                "-Darmeria.ports[0].ip=127.0.0.1", "-Darmeria.ports[0].port=" + port,
                "-Darmeria.ports[0].protocols[0]=http",
                "-jar", jar.toString());
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("STORAGE_TYPE", "mem", "MEM_MAX_SPANS", Integer.toString(MAX_SPANS), "QUERY_PORT",
                Integer.toString(port), "SELF_TRACING_ENABLED", "false");
    }

    @Override
    public Path workDir() {
        return stateDir;
    }

    @Override
    public Path logFile() {
        return stateDir.resolve("zipkin.log");
    }

    /** Zipkin's own health endpoint (storage and collectors up). */
    @Override
    public boolean ready() {
        return HttpReadiness.answers200(url() + "/health");
    }

    @Override
    public int startTimeoutSeconds() {
        return 90;
    }
}
