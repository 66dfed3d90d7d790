package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alerts and dashboards use only metrics the services really register; dashboards ship to Grafana. */
class MonitoringTest {

    private static final Pattern METER = Pattern.compile(
            "(?:registry\\.(?:counter|gauge|timer)|(?:Counter|Gauge|Timer)\\.builder)\\(\\s*\"([A-Za-z0-9_.\\-]+)\"");
    private static final Pattern COUNTER = Pattern.compile("registry\\.counter\\(\\s*\"([A-Za-z0-9_.\\-]+)\"|Counter\\.builder\\(\\s*\"([A-Za-z0-9_.\\-]+)\"");
    private static final Pattern PAKN_METRIC = Pattern.compile("\\bpakn_[a-z_]+");

    /** Prometheus names of the meters the services register (Micrometer: . and - become _, counters end in _total). */
    static Set<String> registeredMetrics() {
        Set<String> out = new TreeSet<>();
        for (String svc : List.of("intake-service", "triage-service", "search-service", "notification-service",
                "service-commons", "eventing")) {
            try (Stream<Path> files = Files.walk(Repo.ROOT.resolve(svc).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String src = Yaml.read(f);
                    Matcher m = METER.matcher(src);
                    while (m.find()) {
                        out.add(m.group(1).replaceAll("[.\\-]", "_"));
                    }
                    m = COUNTER.matcher(src);
                    while (m.find()) {
                        String n = (m.group(1) != null ? m.group(1) : m.group(2)).replaceAll("[.\\-]", "_");
                        out.add(n.endsWith("_total") ? n : n + "_total");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    @Test
    void alertsAndDashboardsUseRegisteredMetrics() throws IOException {
        Set<String> registered = registeredMetrics();
        assertTrue(registered.contains("pakn_intake_outbox_pending"), registered.toString());
        Path monitoring = Repo.K8S.resolve("base/monitoring");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(monitoring)) {
            for (Path f : files.filter(x -> x.getFileName().toString().equals("alerts.yaml")
                    || x.toString().endsWith(".json")).toList()) {
                Matcher m = PAKN_METRIC.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        assertFalse(used.isEmpty());
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(registered);
        assertEquals(Set.of(), unknown, "metrics used by alerts or dashboards that no service registers");
    }

    @Test
    void dashboardsAreShippedToGrafana() throws IOException {
        for (String overlay : Repo.OVERLAYS) {
            ObjectNode cm = ValidatorRejectsBrokenManifestsTest.find(Overlays.render(overlay), "ConfigMap", "pakn-grafana-dashboards");
            assertEquals("1", Yaml.text(cm, "metadata", "labels", "grafana_dashboard"));
            assertEquals(Set.of("pakn-services.json", "pakn-data.json"), fieldNames(cm.get("data")));
            for (JsonNode json : cm.get("data")) {
                JsonNode d = new ObjectMapper().readTree(json.asText());
                assertTrue(d.path("uid").asText().startsWith("pakn-"));
                assertTrue(d.path("panels").size() >= 4);
                for (JsonNode p : d.path("panels")) {
                    assertFalse(p.path("targets").isEmpty(), p.path("title").asText());
                }
            }
        }
    }

    @Test
    void everyServiceIsScrapedAndEveryAlertSaysWhatToDo() {
        List<ObjectNode> prod = Overlays.render("production");
        for (String svc : ServiceConfig.SERVICES) {
            // one ServiceMonitor per service (HTTPS verified for its name: Consistency checks scheme and tlsConfig)
            JsonNode sm = Yaml.at(ValidatorRejectsBrokenManifestsTest.find(prod, "ServiceMonitor", svc), "spec");
            assertEquals(svc, sm.path("selector").path("matchLabels").path("app.kubernetes.io/name").asText());
            assertEquals("/q/metrics", sm.path("endpoints").get(0).path("path").asText());
        }
        Set<String> alerts = new TreeSet<>();
        for (JsonNode g : Yaml.at(ValidatorRejectsBrokenManifestsTest.find(prod, "PrometheusRule", "pakn-alerts"), "spec", "groups")) {
            for (JsonNode r : g.path("rules")) {
                alerts.add(r.path("alert").asText());
                assertTrue(r.path("annotations").has("summary"), r.path("alert").asText());
                assertTrue(Set.of("warning", "critical").contains(r.path("labels").path("severity").asText()), r.path("alert").asText());
            }
        }
        assertTrue(alerts.containsAll(Set.of("PaknHttp5xxRate", "PaknIntakeOutboxStuck", "PaknDeadLetters",
                "PaknCasesBecomingOverdue", "PaknConsumerLag", "PaknCertificateExpiresSoon")), alerts.toString());
        String doc = DeploymentDoc.text();
        for (String a : alerts) {
            assertTrue(doc.contains("`" + a + "`"), a + " is not explained in docs/deployment.md");
        }
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
