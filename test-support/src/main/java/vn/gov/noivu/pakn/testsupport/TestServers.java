package vn.gov.noivu.pakn.testsupport;

import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.stack.KafkaSpec;
import vn.gov.noivu.pakn.stack.Ports;
import vn.gov.noivu.pakn.stack.PostgresSpec;
import vn.gov.noivu.pakn.stack.ServerSpec;
import vn.gov.noivu.pakn.stack.StackLayout;
import vn.gov.noivu.pakn.stack.Supervisor;
import vn.gov.noivu.pakn.stack.elasticsearch.ElasticsearchSpec;
import vn.gov.noivu.pakn.stack.keycloak.KeycloakSpec;
import vn.gov.noivu.pakn.stack.keycloak.KeycloakTokens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real servers a test JVM uses, started at most once per JVM. Order of preference for each server:
 * <ol>
 *   <li>configuration pointing at one: {@code PAKN_TEST_PG_PORT}, {@code PAKN_TEST_KAFKA_BOOTSTRAP},
 *       {@code PAKN_TEST_ES_PORT} (environment or system property);</li>
 *   <li>the local stack of this checkout when {@code ./stack up} runs it;</li>
 *   <li>otherwise a private server started under {@code target/test-stack/} on a free port and stopped when the JVM
 *       exits.</li>
 * </ol>
 */
public final class TestServers {

    private static PgHandle postgres;
    private static String kafka;
    private static Integer elasticsearch;
    private static KeycloakSpec keycloak;
    private static MailServer greenmail;
    private static final List<String> STARTED = new ArrayList<>();
    private static final java.util.Map<String, ServerSpec> OWN = new java.util.concurrent.ConcurrentHashMap<>();
    private static Supervisor supervisor;

    public record PgHandle(PostgresSpec spec, int port) {
    }

    private TestServers() {
    }

    /** The repository root: the nearest parent with the Maven Wrapper. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (mvnw) above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static StackLayout stackLayout() {
        return new StackLayout(repoRoot(), Path.of(System.getProperty("java.home")));
    }

    private static Path testState() {
        return Path.of("target/test-stack").toAbsolutePath();
    }

    private static synchronized Supervisor supervisor() {
        if (supervisor == null) {
            supervisor = new Supervisor(testState().resolve("run"), line -> System.out.println("[test-stack] " + line));
            stopLeftovers();
            Runtime.getRuntime().addShutdownHook(new Thread(TestServers::stopAll, "test-stack-stop"));
        }
        return supervisor;
    }

    /** A previous test JVM that was killed may have left its servers running: stop them first. */
    private static void stopLeftovers() {
        for (String name : List.of("keycloak", "elasticsearch", "kafka", "postgres")) {
            supervisor.stop(name, Duration.ofSeconds(20));
        }
    }

    private static synchronized void stopAll() {
        List<String> reverse = new ArrayList<>(STARTED);
        java.util.Collections.reverse(reverse);
        for (String name : reverse) {
            supervisor.stop(OWN.get(name), Duration.ofSeconds(30));
        }
        STARTED.clear();
    }

    private static String setting(String name) {
        String v = System.getProperty(name);
        return v != null ? v : System.getenv(name);
    }

    private static boolean stackRuns(ServerSpec spec) {
        if ("false".equals(setting("PAKN_TEST_REUSE_STACK"))) {
            return false;
        }
        Supervisor stack = new Supervisor(stackLayout().runDir(), s -> { });
        return stack.running(spec.name()).isPresent() && spec.ready();
    }

    private static void startPrivate(ServerSpec spec) {
        long t = System.nanoTime();
        supervisor().start(spec);
        STARTED.add(spec.name());
        OWN.put(spec.name(), spec);
        System.out.printf("[test-stack] %s ready on port %d in %.1f s%n", spec.name(), spec.port(),
                (System.nanoTime() - t) / 1e9);
    }

    /** PostgreSQL with the given database created. */
    public static synchronized PgHandle postgres(String database) throws Exception {
        if (postgres == null) {
            String configured = setting("PAKN_TEST_PG_PORT");
            PostgresSpec stack = stackLayout().postgres();
            if (configured != null) {
                int port = Integer.parseInt(configured);
                postgres = new PgHandle(new PostgresSpec(testState().resolve("postgres"), port, List.of()), port);
            } else if (stackRuns(stack)) {
                postgres = new PgHandle(stack, stack.port());
            } else {
                PostgresSpec own = new PostgresSpec(testState().resolve("postgres"), Ports.freePort(), List.of());
                startPrivate(own);
                postgres = new PgHandle(own, own.port());
            }
        }
        postgres.spec().createDatabase(database);
        return postgres;
    }

    /** Kafka bootstrap servers, with the case topics created. */
    public static synchronized String kafka() throws Exception {
        if (kafka == null) {
            String configured = setting("PAKN_TEST_KAFKA_BOOTSTRAP");
            KafkaSpec stack = stackLayout().kafka();
            if (configured != null) {
                kafka = configured;
            } else if (stackRuns(stack)) {
                kafka = stack.bootstrapServers();
            } else {
                KafkaSpec own = new KafkaSpec(stackLayout().root.resolve("local-stack/kafka-dist/target/lib"),
                        testState().resolve("kafka"), Ports.freePort(), Ports.freePort(),
                        Path.of(System.getProperty("java.home")), Topics.ALL);
                startPrivate(own);
                kafka = own.bootstrapServers();
            }
            KafkaSpec.createTopics(kafka, Topics.ALL);
        }
        return kafka;
    }

    /** Elasticsearch HTTP port on 127.0.0.1. */
    public static synchronized int elasticsearch() {
        if (elasticsearch == null) {
            String configured = setting("PAKN_TEST_ES_PORT");
            ElasticsearchSpec stack = stackLayout().elasticsearch();
            if (configured != null) {
                elasticsearch = Integer.parseInt(configured);
            } else if (stackRuns(stack)) {
                elasticsearch = stack.port();
            } else {
                ElasticsearchSpec own = new ElasticsearchSpec(
                        stackLayout().root.resolve("local-stack/elasticsearch-dist/target/home"),
                        testState().resolve("elasticsearch"), Ports.freePort(), Path.of(System.getProperty("java.home")));
                startPrivate(own);
                elasticsearch = own.port();
            }
        }
        return elasticsearch;
    }

    /**
     * Keycloak with the project's realm: the local stack's when it runs, else a private one on free ports. The private
     * one keeps its built distribution and database in the repository's {@code target/test-keycloak}, shared by the
     * modules' test JVMs (they run one after another), so it is unpacked and built once per checkout.
     */
    public static synchronized KeycloakSpec keycloak() {
        if (keycloak == null) {
            KeycloakSpec stack = stackLayout().keycloak();
            if (stackRuns(stack)) {
                keycloak = stack;
            } else {
                StackLayout layout = stackLayout();
                KeycloakSpec own = new KeycloakSpec(layout.root.resolve("local-stack/keycloak-dist/target/keycloak.zip"),
                        layout.root.resolve("local-stack/keycloak-dist/src/main/realm/pakn-realm.json"),
                        repoRoot().resolve("target/test-keycloak"), Ports.freePort(), Ports.freePort(),
                        Path.of(System.getProperty("java.home")));
                startPrivate(own);
                keycloak = own;
            }
        }
        return keycloak;
    }

    /**
     * A real mail server (GreenMail: SMTP and IMAP, no authentication) in this JVM on free ports, started once per JVM.
     * Always private, never the local stack's, so a test may stop and restart it.
     */
    public static synchronized MailServer greenmail() {
        if (greenmail == null) {
            greenmail = new MailServer(Ports.freePort(), Ports.freePort());
            System.out.printf("[test-stack] greenmail SMTP on %d, IMAP on %d%n", greenmail.smtpPort(),
                    greenmail.imapPort());
        }
        return greenmail;
    }

    /** The Keycloak username (password {@value KeycloakTokens#PASSWORD}) for a role and scope, created when needed. */
    public static String keycloakUser(String role, Object scope) {
        try {
            return new KeycloakTokens(keycloak()).user(role, scope == null ? null : scope.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * For fault tests: stops a server this JVM started itself ({@code kill -9} when {@code hard}). Fails when the
     * server belongs to the local stack or to configuration, which a test must not stop.
     */
    public static void stop(String name, boolean hard) {
        ServerSpec spec = requireOwn(name);
        if (hard) {
            supervisor.running(name).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
        }
        supervisor.stop(spec, Duration.ofSeconds(30));
    }

    /** Starts again a server stopped with {@link #stop(String, boolean)}, on the same port with the same data. */
    public static void restart(String name) {
        supervisor.start(requireOwn(name));
    }

    public static boolean owns(String name) {
        return OWN.containsKey(name);
    }

    private static ServerSpec requireOwn(String name) {
        ServerSpec spec = OWN.get(name);
        if (spec == null) {
            throw new IllegalStateException(name + " was not started by this test JVM; set PAKN_TEST_REUSE_STACK=false");
        }
        return spec;
    }
}
