package vn.gov.noivu.pakn.stack;

import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.stack.elasticsearch.ElasticsearchSpec;
import vn.gov.noivu.pakn.stack.keycloak.KeycloakSpec;
import vn.gov.noivu.pakn.stack.keycloak.KeycloakTokens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where everything of the local stack lives and on which ports. All state is under {@code <repo>/.stack}; ports come
 * from environment variables with the defaults below.
 */
public final class StackLayout {

    public static final int DEFAULT_PG_PORT = 15432;
    public static final int DEFAULT_KAFKA_PORT = 19092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 19093;
    public static final int DEFAULT_ES_PORT = 19200;
    public static final int DEFAULT_KEYCLOAK_PORT = 18080;
    public static final int DEFAULT_KEYCLOAK_MANAGEMENT_PORT = 18090;
    public static final int DEFAULT_INTAKE_PORT = 8081;
    public static final int DEFAULT_TRIAGE_PORT = 8082;
    public static final int DEFAULT_SEARCH_PORT = 8083;
    public static final int DEFAULT_NOTIFICATION_PORT = 8084;
    public static final int DEFAULT_SMTP_PORT = 3025;
    public static final int DEFAULT_IMAP_PORT = 3143;
    public static final int DEFAULT_MAIL_API_PORT = 3180;
    public static final int DEFAULT_ZIPKIN_PORT = 9411;

    /** The databases of the local PostgreSQL: one per service that keeps relational data. */
    public static final List<String> DATABASES = List.of("intake", "triage", "pakn_notification");

    /** notification-service's database (in {@link #DATABASES}). */
    static final String NOTIFICATION_DATABASE = "pakn_notification";

    public final Path root;
    public final Path state;
    public final Path javaHome;
    private final Map<String, String> settings;

    /** The developer's stack: state in {@code <root>/.stack}, ports from the environment. */
    public StackLayout(Path root, Path javaHome) {
        this(root, root.toAbsolutePath().normalize().resolve(".stack"), javaHome, System.getenv());
    }

    /** Another stack (end-to-end tests, benchmarks): its own state folder and port settings. */
    public StackLayout(Path root, Path state, Path javaHome, Map<String, String> settings) {
        this.root = root.toAbsolutePath().normalize();
        this.state = state.toAbsolutePath().normalize();
        this.javaHome = javaHome;
        this.settings = Map.copyOf(settings);
    }

    public int port(String env, int fallback) {
        String v = settings.get(env);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(env + " must be a port number, was '" + v + "'");
        }
    }

    public Path runDir() {
        return state.resolve("run");
    }

    public PostgresSpec postgres() {
        return new PostgresSpec(state.resolve("postgres"), port("PAKN_PG_PORT", DEFAULT_PG_PORT), DATABASES);
    }

    public KafkaSpec kafka() {
        return new KafkaSpec(root.resolve("local-stack/kafka-dist/target/lib"), state.resolve("kafka"),
                port("PAKN_KAFKA_PORT", DEFAULT_KAFKA_PORT),
                port("PAKN_KAFKA_CONTROLLER_PORT", DEFAULT_KAFKA_CONTROLLER_PORT), javaHome, Topics.ALL);
    }

    public ElasticsearchSpec elasticsearch() {
        return new ElasticsearchSpec(root.resolve("local-stack/elasticsearch-dist/target/home"), state.resolve("elasticsearch"),
                port("PAKN_ES_PORT", DEFAULT_ES_PORT), javaHome);
    }

    public KeycloakSpec keycloak() {
        return new KeycloakSpec(root.resolve("local-stack/keycloak-dist/target/keycloak.zip"),
                root.resolve("local-stack/keycloak-dist/src/main/realm/pakn-realm.json"), state.resolve("keycloak"),
                port("PAKN_KEYCLOAK_PORT", DEFAULT_KEYCLOAK_PORT),
                port("PAKN_KEYCLOAK_MANAGEMENT_PORT", DEFAULT_KEYCLOAK_MANAGEMENT_PORT), javaHome);
    }

    public GreenMailSpec mail() {
        return new GreenMailSpec(root.resolve("local-stack/greenmail-dist/target/greenmail-standalone.jar"),
                state.resolve("greenmail"), port("PAKN_SMTP_PORT", DEFAULT_SMTP_PORT),
                port("PAKN_IMAP_PORT", DEFAULT_IMAP_PORT), port("PAKN_MAIL_API_PORT", DEFAULT_MAIL_API_PORT), javaHome);
    }

    /** The trace viewer the services send their spans to. */
    public ZipkinSpec zipkin() {
        return new ZipkinSpec(root.resolve("local-stack/zipkin-dist/target/zipkin-server.jar"), state.resolve("zipkin"),
                port("PAKN_ZIPKIN_PORT", DEFAULT_ZIPKIN_PORT), javaHome);
    }

    public List<ServerSpec> infrastructure() {
        return List.of(postgres(), kafka(), elasticsearch(), keycloak(), mail(), zipkin());
    }

    /** A bearer token the services of this stack accept: from its Keycloak. */
    public String token(String role, String scope) throws java.io.IOException, InterruptedException {
        return new KeycloakTokens(keycloak()).issue(role, scope);
    }

    /** The services whose module exists in this checkout, configured to use this stack. */
    public List<QuarkusServiceSpec> services() {
        PostgresSpec pg = postgres();
        KafkaSpec kafka = kafka();
        ElasticsearchSpec es = elasticsearch();
        int searchPort = port("PAKN_SEARCH_PORT", DEFAULT_SEARCH_PORT);
        int notificationPort = port("PAKN_NOTIFICATION_PORT", DEFAULT_NOTIFICATION_PORT);
        Map<String, String> common = new LinkedHashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        KeycloakSpec keycloak = keycloak();
        // bearer tokens of the APIs and the pages' authorization code flow both trust this realm
        common.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer());
        common.put("QUARKUS_OIDC_WEB_AUTH_SERVER_URL", keycloak.issuer());
        common.put("QUARKUS_LOG_FILE_ENABLE", "false");
        // spans of every service go to the stack's Zipkin (docs/tracing.md)
        common.put("PAKN_TRACING_ZIPKIN_ENDPOINT", zipkin().spansEndpoint());
        // every page shows the signed-in user's unread notifications (service-commons asks notification-service)
        common.put("PAKN_NOTIFICATION_URL", "http://127.0.0.1:" + notificationPort);

        List<QuarkusServiceSpec> services = new ArrayList<>();
        Map<String, String> intake = new LinkedHashMap<>(common);
        intake.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl("intake"));
        intake.put("QUARKUS_DATASOURCE_USERNAME", PostgresSpec.USER);
        intake.put("QUARKUS_DATASOURCE_PASSWORD", PostgresSpec.PASSWORD);
        intake.put("PAKN_SEARCH_URL", "http://127.0.0.1:" + searchPort);
        intake.put("PAKN_INTAKE_ATTACHMENTS_DIR", state.resolve("intake-service/attachments").toString());
        int intakePort = port("PAKN_INTAKE_PORT", DEFAULT_INTAKE_PORT);
        addIfBuilt(services, "intake-service", intakePort, intake);

        Map<String, String> triage = new LinkedHashMap<>(common);
        triage.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl("triage"));
        triage.put("QUARKUS_DATASOURCE_USERNAME", PostgresSpec.USER);
        triage.put("QUARKUS_DATASOURCE_PASSWORD", PostgresSpec.PASSWORD);
        triage.put("PAKN_SEARCH_URL", "http://127.0.0.1:" + searchPort);
        // the liaison page streams attachments from intake's API with the user's token
        triage.put("PAKN_TRIAGE_INTAKE_URL", "http://127.0.0.1:" + intakePort);
        addIfBuilt(services, "triage-service", port("PAKN_TRIAGE_PORT", DEFAULT_TRIAGE_PORT), triage);

        Map<String, String> search = new LinkedHashMap<>(common);
        search.put("QUARKUS_ELASTICSEARCH_HOSTS", "127.0.0.1:" + es.port());
        // a recurring issue's published answer is sent to triage's API with the publisher's token
        search.put("PAKN_SEARCH_TRIAGE_URL", "http://127.0.0.1:" + port("PAKN_TRIAGE_PORT", DEFAULT_TRIAGE_PORT));
        addIfBuilt(services, "search-service", searchPort, search);

        // tells commune officials, liaisons, heads and leaders what happened: mail through the stack's GreenMail,
        // recipients from Keycloak's admin API (service-account client pakn-notification of the realm file)
        GreenMailSpec mail = mail();
        Map<String, String> notification = new LinkedHashMap<>(common);
        notification.remove("PAKN_NOTIFICATION_URL");
        notification.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(NOTIFICATION_DATABASE));
        notification.put("QUARKUS_DATASOURCE_USERNAME", PostgresSpec.USER);
        notification.put("QUARKUS_DATASOURCE_PASSWORD", PostgresSpec.PASSWORD);
        notification.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        notification.put("QUARKUS_MAILER_PORT", Integer.toString(mail.smtpPort()));
        notification.put("QUARKUS_KEYCLOAK_ADMIN_CLIENT_SERVER_URL", keycloak.url());
        // links in the e-mails lead to the pages of this stack
        notification.put("PAKN_NOTIFICATION_LINKS_INTAKE", "http://127.0.0.1:" + intakePort);
        notification.put("PAKN_NOTIFICATION_LINKS_TRIAGE", "http://127.0.0.1:" + port("PAKN_TRIAGE_PORT", DEFAULT_TRIAGE_PORT));
        notification.put("PAKN_NOTIFICATION_LINKS_SEARCH", "http://127.0.0.1:" + searchPort);
        notification.put("PAKN_NOTIFICATION_LINKS_SELF", "http://127.0.0.1:" + notificationPort);
        addIfBuilt(services, "notification-service", notificationPort, notification);
        return services;
    }

    private void addIfBuilt(List<QuarkusServiceSpec> services, String name, int port, Map<String, String> env) {
        Path module = root.resolve(name);
        if (Files.isDirectory(module)) {
            Map<String, String> withPort = new LinkedHashMap<>(env);
            withPort.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            services.add(new QuarkusServiceSpec(name, module, state.resolve(name), port, javaHome, withPort));
        }
    }

    public List<ServerSpec> all() {
        List<ServerSpec> all = new ArrayList<>(infrastructure());
        all.addAll(services());
        return all;
    }
}
