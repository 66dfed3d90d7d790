package vn.gov.noivu.pakn.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One of the project's Quarkus services, run from its packaged fast-jar with configuration in environment variables. */
public final class QuarkusServiceSpec implements ServerSpec {


    private final String name;
    private final Path moduleDir;
    private final Path stateDir;
    private final int port;
    private final Path javaHome;
    private final Map<String, String> config;

    public QuarkusServiceSpec(String name, Path moduleDir, Path stateDir, int port, Path javaHome,
            Map<String, String> config) {
        this.name = name;
        this.moduleDir = moduleDir;
        this.stateDir = stateDir;
        this.port = port;
        this.javaHome = javaHome;
        this.config = Map.copyOf(config);
    }

    public Path runnerJar() {
        return moduleDir.resolve("target/quarkus-app/quarkus-run.jar");
    }

    public boolean isBuilt() {
        return Files.exists(runnerJar());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void prepare() throws Exception {
        if (!isBuilt()) {
            throw new IllegalStateException(name + " is not built: " + runnerJar() + " is missing");
        }
        Files.createDirectories(stateDir);
    }

    /** Maximum heap of a service (PAKN_SERVICE_HEAP overrides it). */
    public static final String DEFAULT_HEAP = "384m";
    /** Garbage collector of a service, {@code -XX:+Use<this>} (PAKN_SERVICE_GC overrides it, e.g. SerialGC). */
    public static final String DEFAULT_GC = "ParallelGC";

    @Override
    public List<String> command() {
        // the JVM of the Kubernetes pods (k8s/base/apps/config/platform.env): a 384 MB heap (half of the 768Mi limit)
        // and ParallelGC, chosen from docs/benchmarks.md (intake-service README, "Throughput")
        return List.of(javaHome.resolve("bin/java").toString(),
                "-Xmx" + System.getenv().getOrDefault("PAKN_SERVICE_HEAP", DEFAULT_HEAP),
                "-XX:+Use" + System.getenv().getOrDefault("PAKN_SERVICE_GC", DEFAULT_GC), "-Dfile.encoding=UTF-8",
                "-jar", runnerJar().toString());
    }

    @Override
    public Map<String, String> environment() {
        return config;
    }

    @Override
    public Path workDir() {
        return stateDir;
    }

    @Override
    public Path logFile() {
        return stateDir.resolve(name + ".log");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public boolean ready() {
        return HttpReadiness.answers200(url() + "/q/health/ready");
    }

    @Override
    public int startTimeoutSeconds() {
        return 300;
    }
}
