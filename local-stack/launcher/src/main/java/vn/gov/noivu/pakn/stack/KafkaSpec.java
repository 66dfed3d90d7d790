package vn.gov.noivu.pakn.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Apache Kafka 4 as a single KRaft node (broker and controller in one process) from the broker jars collected by
 * local-stack/kafka-dist. Creates the case topics with their partition counts once ready.
 */
public final class KafkaSpec implements ServerSpec {

    private final Path libDir;
    private final Path stateDir;
    private final int port;
    private final int controllerPort;
    private final Path javaHome;
    private final Map<String, Integer> topics;

    public KafkaSpec(Path libDir, Path stateDir, int port, int controllerPort, Path javaHome,
            Map<String, Integer> topics) {
        this.libDir = libDir;
        this.stateDir = stateDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.javaHome = javaHome;
        this.topics = Map.copyOf(topics);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private Path properties() {
        return stateDir.resolve("server.properties");
    }

    @Override
    public void prepare() throws Exception {
        if (!Files.isDirectory(libDir)) {
            throw new IllegalStateException("Kafka broker jars missing at " + libDir + " (build it: ./mvnw -pl local-stack/kafka-dist -am install -DskipTests, or run ./stack up)");
        }
        if (!Ports.isFree(controllerPort)) {
            throw new IllegalStateException("Kafka controller port " + controllerPort + " is taken");
        }
        Path data = stateDir.resolve("data");
        Files.createDirectories(data);
        String props = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=" + vn.gov.noivu.pakn.events.Topics.CASE_TOPIC_PARTITIONS,
                "default.replication.factor=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "min.insync.replicas=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "log.cleaner.dedupe.buffer.size=16777216",
                "log.retention.hours=-1",
                "") ;
        Files.writeString(properties(), props);
        Files.writeString(stateDir.resolve("log4j2.properties"), String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "logger.kafka.name = kafka",
                "logger.kafka.level = INFO",
                "logger.state.name = state.change.logger",
                "logger.state.level = WARN",
                "logger.org.name = org.apache.kafka",
                "logger.org.level = WARN",
                ""));
        if (!Files.exists(data.resolve("meta.properties"))) {
            Path idFile = stateDir.resolve("cluster.id");
            if (!Files.exists(idFile)) {
                Files.writeString(idFile, Uuid16.random());
            }
            List<String> format = new ArrayList<>(java());
            format.addAll(List.of("kafka.tools.StorageTool", "format", "--standalone",
                    "--cluster-id=" + Files.readString(idFile).trim(), "-c", properties().toString()));
            Unix.run(format, stateDir, logFile());
        }
    }

    private List<String> java() {
        return List.of(javaHome.resolve("bin/java").toString(),
                "-Xms128m", "-Xmx" + System.getenv().getOrDefault("PAKN_KAFKA_HEAP", "384m"),
                "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + stateDir.resolve("log4j2.properties"),
                "-cp", libDir.toAbsolutePath() + "/*");
    }

    @Override
    public List<String> command() {
        List<String> cmd = new ArrayList<>(java());
        cmd.addAll(List.of("kafka.Kafka", properties().toString()));
        return cmd;
    }

    @Override
    public Path workDir() {
        return stateDir;
    }

    @Override
    public Path logFile() {
        return stateDir.resolve("kafka.log");
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        return Admin.create(p);
    }

    @Override
    public boolean ready() {
        if (!Ports.accepts(port)) {
            return false;
        }
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public int startTimeoutSeconds() {
        return 240;
    }

    @Override
    public void afterReady() throws Exception {
        createTopics(bootstrapServers(), topics);
    }

    /** Creates the missing topics (one replica: a single node). */
    public static void createTopics(String bootstrap, Map<String, Integer> topics) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.entrySet().stream()
                    .filter(e -> !existing.contains(e.getKey()))
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. Like Kafka's own {@code Uuid}, an id
     * that starts with '-' is drawn again: the storage tool would read it as an option (1 start in 64 failed so).
     */
    static final class Uuid16 {
        static String random() {
            String id;
            do {
                UUID u = UUID.randomUUID();
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
                b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
                id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
            } while (id.startsWith("-"));
            return id;
        }
    }
}
