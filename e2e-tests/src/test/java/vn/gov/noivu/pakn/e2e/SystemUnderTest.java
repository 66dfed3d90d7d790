package vn.gov.noivu.pakn.e2e;

import vn.gov.noivu.pakn.stack.Ports;
import vn.gov.noivu.pakn.stack.QuarkusServiceSpec;
import vn.gov.noivu.pakn.stack.ServerSpec;
import vn.gov.noivu.pakn.stack.StackLayout;
import vn.gov.noivu.pakn.stack.Supervisor;
import vn.gov.noivu.pakn.testsupport.TestServers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as separate processes: PostgreSQL, Kafka and Elasticsearch started by the local stack's launcher,
 * and the three services from their packaged fast-jars, in {@code target/e2e-stack} on free ports. One instance per
 * test JVM, stopped when the JVM exits. Fault tests kill and restart parts through {@link #kill} and {@link #start}.
 */
public final class SystemUnderTest {

    private static SystemUnderTest instance;

    public final StackLayout layout;
    private final Supervisor supervisor;
    private final Map<String, ServerSpec> parts = new LinkedHashMap<>();
    private final List<String> extraInstances = new ArrayList<>();

    private SystemUnderTest(StackLayout layout) {
        this.layout = layout;
        this.supervisor = new Supervisor(layout.runDir(), line -> System.out.println("[e2e] " + line));
        layout.all().forEach(p -> parts.put(p.name(), p));
    }

    public static synchronized SystemUnderTest get() {
        if (instance == null) {
            Map<String, String> ports = new HashMap<>();
            for (String env : List.of("PAKN_PG_PORT", "PAKN_KAFKA_PORT", "PAKN_KAFKA_CONTROLLER_PORT", "PAKN_ES_PORT",
                    "PAKN_KEYCLOAK_PORT", "PAKN_KEYCLOAK_MANAGEMENT_PORT",
                    "PAKN_INTAKE_PORT", "PAKN_TRIAGE_PORT", "PAKN_SEARCH_PORT", "PAKN_NOTIFICATION_PORT",
                    "PAKN_SMTP_PORT", "PAKN_IMAP_PORT", "PAKN_MAIL_API_PORT", "PAKN_ZIPKIN_PORT")) {
                ports.put(env, Integer.toString(Ports.freePort()));
            }
            StackLayout layout = new StackLayout(TestServers.repoRoot(), Path.of("target/e2e-stack"),
                    Path.of(System.getProperty("java.home")), ports);
            SystemUnderTest sut = new SystemUnderTest(layout);
            sut.stopAll(); // leftovers of a killed earlier run
            sut.wipeDataExceptIdentityProvider();
            Runtime.getRuntime().addShutdownHook(new Thread(sut::stopAll, "e2e-stop"));
            long t0 = System.nanoTime();
            for (ServerSpec spec : sut.parts.values()) {
                sut.start(spec.name());
            }
            System.out.printf("[e2e] whole system up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            instance = sut;
        }
        return instance;
    }

    public String url(String service) {
        return ((QuarkusServiceSpec) parts.get(service)).url();
    }

    private record CachedToken(String token, long expiresNanos) {
    }

    private final Map<String, CachedToken> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    /** A real token from the system's Keycloak (users are created on first use), reused for ten minutes. */
    public String token(String role, Object scope) {
        String key = role + "/" + scope;
        CachedToken cached = tokens.get(key);
        if (cached != null && cached.expiresNanos() > System.nanoTime()) {
            return cached.token();
        }
        try {
            String token = layout.token(role, scope == null ? null : scope.toString());
            tokens.put(key, new CachedToken(token, System.nanoTime() + Duration.ofMinutes(10).toNanos()));
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Keycloak username (password pakn-demo) of the demo user of a role and scope, created on first use. */
    public String user(String role, Object scope) {
        try {
            return new vn.gov.noivu.pakn.stack.keycloak.KeycloakTokens(layout.keycloak())
                    .user(role, scope == null ? null : scope.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public ServerSpec part(String name) {
        return parts.get(name);
    }

    /** Starts a part; after a kill -9 a server may need a moment (PostgreSQL's orphaned backends), so retry. */
    public void start(String name) {
        long t = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                supervisor.start(parts.get(name));
                break;
            } catch (Supervisor.StartFailure e) {
                if (attempt == 3) {
                    throw e;
                }
                System.out.println("[e2e] " + name + " did not start (" + e.getMessage().lines().findFirst()
                        .orElse("") + "); retrying");
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        System.out.printf("[e2e] %s ready in %.1f s%n", name, (System.nanoTime() - t) / 1e9);
    }

    /** kill -9 of the part's process. */
    public void kill(String name) {
        supervisor.running(name).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
        supervisor.stop(name, Duration.ofSeconds(5));
    }

    /** A second instance of a service on another port, sharing its database and consumer group. */
    public QuarkusServiceSpec startSecondInstance(String service) {
        QuarkusServiceSpec first = (QuarkusServiceSpec) parts.get(service);
        int port = Ports.freePort();
        Map<String, String> env = new LinkedHashMap<>(first.environment());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        QuarkusServiceSpec second = new QuarkusServiceSpec(service + "-2", layout.root.resolve(service),
                layout.state.resolve(service + "-2"), port, layout.javaHome, env);
        parts.put(second.name(), second);
        extraInstances.add(second.name());
        start(second.name());
        return second;
    }

    /** Every run starts from empty databases, topics and index; Keycloak's unpacked and built home is kept. */
    private void wipeDataExceptIdentityProvider() {
        try (var children = java.nio.file.Files.list(layout.state)) {
            for (Path child : children.toList()) {
                if (!child.getFileName().toString().equals("keycloak")) {
                    deleteTree(child);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // first run
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (java.nio.file.Files.isSymbolicLink(p)) {
            Path target = p.getParent().resolve(java.nio.file.Files.readSymbolicLink(p));
            java.nio.file.Files.delete(p);
            deleteTree(target);
            return;
        }
        if (!java.nio.file.Files.exists(p)) {
            return;
        }
        try (var walk = java.nio.file.Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(q);
            }
        }
    }

    private void stopAll() {
        List<String> names = new ArrayList<>(parts.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            supervisor.stop(parts.get(name), Duration.ofSeconds(30));
        }
    }
}
