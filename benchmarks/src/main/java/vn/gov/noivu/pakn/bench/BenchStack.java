package vn.gov.noivu.pakn.bench;

import vn.gov.noivu.pakn.stack.Ports;
import vn.gov.noivu.pakn.stack.QuarkusServiceSpec;
import vn.gov.noivu.pakn.stack.ServerSpec;
import vn.gov.noivu.pakn.stack.StackLayout;
import vn.gov.noivu.pakn.stack.Supervisor;
import vn.gov.noivu.pakn.stack.Tokens;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.stack.elasticsearch.ElasticsearchSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The whole system for a benchmark run, as separate processes like the end-to-end tests' SystemUnderTest: PostgreSQL,
 * Kafka and Elasticsearch from the local stack's launcher and the three packaged services, in
 * {@code benchmarks/target/bench-stack} on free ports. Every start is bounded by the specs' timeouts; {@link #stopAll}
 * stops what was started, and {@link #leftovers} finds any process still pointing at the state folder.
 */
final class BenchStack {

    static final List<String> INFRA = List.of("postgres", "kafka", "elasticsearch");
    static final List<String> SERVICES = List.of("intake-service", "triage-service", "search-service");

    final StackLayout layout;
    final Tokens tokens;
    final Supervisor supervisor;
    final Map<String, ServerSpec> parts = new LinkedHashMap<>();
    final Map<String, Double> startSeconds = new LinkedHashMap<>();
    private final Log log;

    BenchStack(Path repoRoot, Path state, Path javaHome, Log log) {
        this.log = log;
        Map<String, String> ports = new HashMap<>();
        for (String env : List.of("PAKN_PG_PORT", "PAKN_KAFKA_PORT", "PAKN_KAFKA_CONTROLLER_PORT", "PAKN_ES_PORT",
                "PAKN_INTAKE_PORT", "PAKN_TRIAGE_PORT", "PAKN_SEARCH_PORT")) {
            int p;
            do {
                p = Ports.freePort();
            } while (ports.containsValue(Integer.toString(p)));
            ports.put(env, Integer.toString(p));
        }
        this.layout = new StackLayout(repoRoot, state, javaHome, ports);
        this.tokens = new Tokens(layout.state.resolve("keys"));
        this.supervisor = new Supervisor(layout.runDir(), line -> log.say("[stack] " + line));
        for (ServerSpec s : layout.infrastructure()) {
            if (INFRA.contains(s.name())) {
                parts.put(s.name(), s);
            }
        }
        // Tokens are signed with the stack's local key pair and verified by the services like an identity
        // provider's (RS256 signature, issuer, audience, expiry); the identity provider is not on the request path.
        String publicKey;
        try {
            publicKey = tokens.publicKeyBase64();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (QuarkusServiceSpec s : layout.services()) {
            if (!SERVICES.contains(s.name())) {
                continue; // the benchmarks measure the case flow; notification-service is not on it
            }
            Map<String, String> env = new LinkedHashMap<>(s.environment());
            // the APIs' bearer tenant trusts the local public key; no provider to discover
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "");
            env.put("QUARKUS_OIDC_PUBLIC_KEY", publicKey);
            env.put("QUARKUS_OIDC_TOKEN_ISSUER", Identity.LOCAL_ISSUER);
            // no trace viewer in the benchmarks: spans are made (as in production) but not sent
            env.remove("PAKN_TRACING_ZIPKIN_ENDPOINT");
            parts.put(s.name(), new QuarkusServiceSpec(s.name(), repoRoot.resolve(s.name()), layout.state.resolve(s.name()),
                    s.port(), javaHome, env));
        }
        for (String s : SERVICES) {
            if (!parts.containsKey(s)) {
                throw new IllegalStateException(s + " module is missing in " + repoRoot);
            }
        }
    }

    /**
     * Deletes the data of an earlier run; keeps the extracted PostgreSQL binaries, the Elasticsearch home jars and the
     * token key pair.
     */
    void wipe() throws IOException {
        stopAll(); // leftovers of an interrupted earlier run (pid files are checked against start times)
        Path state = layout.state;
        if (!Files.exists(state)) {
            return;
        }
        Map<String, Set<String>> keep = Map.of("postgres", Set.of("bin"), "elasticsearch", Set.of("lib", "modules"));
        try (DirectoryStream<Path> top = Files.newDirectoryStream(state)) {
            for (Path entry : top) {
                String name = entry.getFileName().toString();
                if (name.equals("keys")) {
                    continue; // the services were configured with this key pair's public key
                }
                Set<String> kept = keep.get(name);
                Path real = Files.isSymbolicLink(entry) ? entry.getParent().resolve(Files.readSymbolicLink(entry)) : entry;
                if (kept == null) {
                    deleteTree(real);
                    if (!real.equals(entry)) {
                        Files.deleteIfExists(entry);
                    }
                } else if (Files.isDirectory(real)) {
                    try (DirectoryStream<Path> inner = Files.newDirectoryStream(real)) {
                        for (Path p : inner) {
                            if (!kept.contains(p.getFileName().toString())) {
                                deleteTree(p);
                            }
                        }
                    }
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> all;
            try (Stream<Path> walk = Files.walk(p)) {
                all = new ArrayList<>(walk.toList());
            }
            Collections.reverse(all);
            for (Path x : all) {
                Files.deleteIfExists(x);
            }
        } else {
            Files.deleteIfExists(p);
        }
    }

    /** Starts the servers in parallel, then the services one after another (each with up to 3 attempts). */
    void startAll() throws IOException {
        tokens.ensureKeys();
        List<CompletableFuture<Void>> infra = new ArrayList<>();
        for (String name : INFRA) {
            infra.add(CompletableFuture.runAsync(() -> start(name)));
        }
        for (CompletableFuture<Void> f : infra) {
            try {
                f.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        for (String s : SERVICES) {
            start(s);
        }
    }

    void start(String name) {
        long t = System.nanoTime();
        ServerSpec spec = parts.get(name);
        for (int attempt = 1; ; attempt++) {
            try {
                supervisor.start(spec);
                break;
            } catch (Supervisor.StartFailure e) {
                if (attempt == 3) {
                    throw e;
                }
                log.say("[stack] " + name + " did not start (" + e.getMessage().lines().findFirst().orElse("")
                        + "); retrying");
                sleep(3000);
            }
        }
        double s = (System.nanoTime() - t) / 1e9;
        startSeconds.put(name, s);
        log.say(String.format("[stack] %s ready in %.1f s (pid %d)", name, s, pid(name)));
    }

    long pid(String name) {
        return supervisor.running(name).map(ProcessHandle::pid).orElse(-1L);
    }

    String url(String service) {
        return "http://127.0.0.1:" + parts.get(service).port();
    }

    /** Stops a service and starts it again with another maximum heap. */
    void restartWithHeap(String name, String heap) {
        ServerSpec spec = parts.get(name);
        ServerSpec original = spec instanceof HeapOverride h ? h.delegate() : spec;
        supervisor.stop(name, Duration.ofSeconds(20));
        parts.put(name, new HeapOverride(original, heap));
        start(name);
    }

    Path logFile(String name) {
        return parts.get(name).logFile();
    }

    String esUrl() {
        return ((ElasticsearchSpec) parts.get("elasticsearch")).httpUrl();
    }

    String kafkaBootstrap() {
        return layout.kafka().bootstrapServers();
    }

    int pgPort() {
        return layout.postgres().port();
    }

    String jdbcUrl(String db) {
        return layout.postgres().jdbcUrl(db);
    }

    String token(String role, Object scope, long ttlSeconds) {
        try {
            return tokens.issue(role, scope == null ? null : scope.toString(), ttlSeconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every part in reverse start order (SIGTERM, then SIGKILL after the grace period). */
    synchronized void stopAll() {
        List<String> names = new ArrayList<>(parts.keySet());
        Collections.reverse(names);
        for (String name : names) {
            try {
                if (supervisor.stop(name, Duration.ofSeconds(name.equals("elasticsearch") ? 40 : 30))) {
                    log.say("[stack] stopped " + name);
                }
            } catch (RuntimeException e) {
                log.say("[stack] stopping " + name + " failed: " + e);
            }
        }
    }

    /** Processes whose command line still names the state folder (none after stopAll). */
    List<ProcessHandle> leftovers() {
        String marker = layout.state.toString();
        List<ProcessHandle> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        for (ProcessHandle h : ProcessHandle.allProcesses().toList()) {
            if (h.pid() == self) {
                continue;
            }
            try {
                String cmd = Files.readString(Path.of("/proc/" + h.pid() + "/cmdline")).replace('\0', ' ');
                String cwd = "";
                try {
                    cwd = Files.readSymbolicLink(Path.of("/proc/" + h.pid() + "/cwd")).toString();
                } catch (IOException | RuntimeException e) {
                    // not readable
                }
                if (cmd.contains(marker) || cwd.startsWith(marker)) {
                    out.add(h);
                }
            } catch (IOException | RuntimeException e) {
                // gone or not readable
            }
        }
        return out;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
