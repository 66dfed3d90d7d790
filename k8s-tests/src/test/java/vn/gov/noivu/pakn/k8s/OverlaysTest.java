package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every overlay renders, every object passes its typed schema, and the consistency checks pass. */
class OverlaysTest {

    @Test
    void everyOverlayDirectoryIsTested() throws Exception {
        Set<String> dirs = new TreeSet<>();
        try (Stream<java.nio.file.Path> s = Files.list(Repo.K8S.resolve("overlays"))) {
            s.filter(Files::isDirectory).forEach(p -> dirs.add(p.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(Overlays.EXPECT.keySet()), dirs, "overlays without expectations in Overlays.EXPECT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void rendersWithEveryComponent(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);
        Set<String> kinds = new TreeSet<>();
        objects.forEach(o -> kinds.add(o.path("kind").asText()));
        assertTrue(kinds.containsAll(Set.of("Namespace", "Deployment", "Service", "Gateway", "HTTPRoute", "ConfigMap",
                "NetworkPolicy", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Kafka", "KafkaNodePool",
                "KafkaTopic", "KafkaUser", "Elasticsearch", "Cluster", "Database", "Keycloak", "KeycloakRealmImport")),
                "kinds rendered: " + kinds);
        String ns = overlay.equals("production") ? "pakn" : "pakn-" + overlay;
        for (ObjectNode o : objects) {
            if (!o.path("kind").asText().equals("Namespace")) {
                assertEquals(ns, Yaml.text(o, "metadata", "namespace"), Kubectl.id(o));
            }
            assertEquals("pakn", Yaml.text(o, "metadata", "labels", "app.kubernetes.io/part-of"), Kubectl.id(o));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyObjectMatchesItsSchema(String overlay) {
        List<SchemaValidator.Problem> problems = SchemaValidator.validate(Overlays.render(overlay));
        assertEquals(List.of(), problems, overlay + ": schema problems");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void manifestsAreConsistent(String overlay) {
        List<String> problems = Overlays.consistency(overlay, Overlays.render(overlay));
        assertEquals(List.of(), problems, overlay + ": consistency problems");
    }

    @Test
    void productionHasBackupsAndHighAvailability() {
        List<ObjectNode> prod = Overlays.render("production");
        assertTrue(prod.stream().anyMatch(o -> o.path("kind").asText().equals("ScheduledBackup")));
        assertTrue(prod.stream().anyMatch(o -> o.path("kind").asText().equals("ObjectStore")));
        for (ObjectNode o : prod) {
            switch (o.path("kind").asText()) {
                case "Cluster" -> {
                    assertEquals(3, Yaml.at(o, "spec", "instances").asInt());
                    assertTrue(Yaml.at(o, "spec", "plugins").toString().contains("isWALArchiver\":true"));
                }
                case "Elasticsearch" -> {
                    assertEquals(3, Yaml.at(o, "spec", "nodeSets").get(0).path("count").asInt());
                    assertTrue(Yaml.at(o, "spec", "secureSettings") != null, "snapshot credentials");
                }
                case "KafkaNodePool" -> assertEquals(3, Yaml.at(o, "spec", "replicas").asInt(), Kubectl.id(o));
                case "HorizontalPodAutoscaler" -> assertTrue(Yaml.at(o, "spec", "minReplicas").asInt() >= 2);
                case "Keycloak" -> assertTrue(Yaml.at(o, "spec", "instances").asInt() >= 2);
                default -> {
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void writesRenderedManifestsForInspection(String overlay) throws Exception {
        java.nio.file.Path out = Repo.ROOT.resolve("k8s-tests/target/rendered/" + overlay + ".yaml");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Yaml.write(Overlays.render(overlay)));
        assertTrue(Files.size(out) > 0);
    }
}
