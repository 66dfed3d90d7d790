package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks can fail: broken manifests are fed in and each mistake must be reported. */
class ValidatorRejectsBrokenManifestsTest {

    @Test
    void brokenOverlayFromDiskIsReported() {
        Path broken = Path.of("src/test/resources/broken-overlay").toAbsolutePath();
        if (!broken.toFile().isDirectory()) {
            broken = Repo.ROOT.resolve("k8s-tests/src/test/resources/broken-overlay");
        }
        List<ObjectNode> objects = Kustomize.build(broken);
        List<String> schema = SchemaValidator.validate(objects).stream().map(Object::toString).toList();
        List<String> consistency = Consistency.check(objects, Repo.ROOT, DeploymentDoc.platformSecrets(),
                Overlays.EXPECT.get("production"));
        assertContains(schema, "Deployment triage-service", "imagePullPolcy");
        assertContains(schema, "Kafka pakn-kafka", "replicas");
        assertContains(consistency, "Deployment triage-service", "containerPort 'http' is 8080 but the service listens on 8082");
        assertContains(consistency, "Ingress pakn", "Secret some-forgotten-secret");
    }

    static Stream<Arguments> mutations() {
        return Stream.of(
                schema("unknown field in a Service", o -> find(o, "Service", "intake-service").with("spec").put("selectr", "x"),
                        "selectr"),
                schema("a number where Kubernetes wants a string label", o -> find(o, "Deployment", "intake-service")
                        .with("metadata").with("labels").put("tier", 1), "tier"),
                schema("unknown field in an ECK nodeSet", o -> ((ObjectNode) Yaml.at(find(o, "Elasticsearch", "pakn-es"),
                        "spec", "nodeSets").get(0)).put("replicas", 3), "replicas"),
                schema("unknown field in Keycloak", o -> find(o, "Keycloak", "pakn-keycloak").with("spec").put("hostName", "x"),
                        "hostName"),
                schema("CNPG parameter not quoted", o -> find(o, "Cluster", "pakn-pg").with("spec").with("postgresql")
                        .with("parameters").put("max_connections", 300), "max_connections"),
                schema("deprecated KafkaUser acl operation", o -> ((ObjectNode) Yaml.at(find(o, "KafkaUser", "intake-service"),
                        "spec", "authorization", "acls").get(0)).put("operation", "Read"), "operation"),
                schema("a kind without a schema", o -> o.add((ObjectNode) Yaml.readTree(
                        "{apiVersion: v1, kind: Pod, metadata: {name: x}}", "t")), "no schema"),
                consistency("Kafka bootstrap variable removed", o -> ((ObjectNode) configMap(o, "pakn-platform").get("data"))
                        .remove("KAFKA_BOOTSTRAP_SERVERS"), "KAFKA_BOOTSTRAP_SERVERS is not set"),
                consistency("JDBC URL left on localhost", o -> ((ObjectNode) configMap(o, "intake-service-config").get("data"))
                        .put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:15432/intake"), "local stack"),
                consistency("readiness probe on a wrong path", o -> ((ObjectNode) Yaml.at(container(o, "search-service"),
                        "readinessProbe", "httpGet")).put("path", "/health"), "readinessProbe path /health"),
                consistency("Service selector matching nothing", o -> ((ObjectNode) Yaml.at(find(o, "Service", "search-service"),
                        "spec", "selector")).put("app.kubernetes.io/name", "serch-service"), "matches no Deployment"),
                consistency("Ingress backend that does not exist", o -> ((ObjectNode) Yaml.at(Yaml.at(find(o, "Ingress", "pakn"),
                        "spec", "rules").get(0), "http", "paths").get(0).get("backend").get("service")).put("name", "intake"),
                        "backend intake for /xa does not exist"),
                consistency("overlapping Ingress paths", o -> {
                    ArrayNode paths = (ArrayNode) Yaml.at(Yaml.at(find(o, "Ingress", "pakn"), "spec", "rules").get(0), "http", "paths");
                    ObjectNode p = paths.get(0).deepCopy();
                    p.put("path", "/api/v1");
                    paths.add(p);
                }, "overlap"),
                consistency("NetworkPolicy of a service removed", o -> o.remove(find(o, "NetworkPolicy", "intake-service")),
                        "no NetworkPolicy lets intake-service reach"),
                consistency("default deny removed", o -> o.remove(find(o, "NetworkPolicy", "default-deny")), "default-deny"),
                consistency("partitions differ from Topics.java", o -> find(o, "KafkaTopic", "pakn.intake.case-events")
                        .with("spec").put("partitions", 6), "Topics.java says 12"),
                consistency("a service may write another's topic", o -> ((ObjectNode) Yaml.at(find(o, "KafkaUser", "search-service"),
                        "spec", "authorization", "acls").get(0).get("resource")).put("name", "pakn.intake.case-events"),
                        "not its own topic"),
                consistency("HPA beyond the partitions", o -> find(o, "HorizontalPodAutoscaler", "search-service")
                        .with("spec").put("maxReplicas", 20), "exceeds the partitions"),
                consistency("root filesystem writable", o -> ((ObjectNode) container(o, "triage-service").get("securityContext"))
                        .put("readOnlyRootFilesystem", false), "readOnlyRootFilesystem"),
                consistency("image without tag", o -> ((ObjectNode) container(o, "triage-service"))
                        .put("image", "registry.example/pakn/triage-service"), "image must be"),
                consistency("database credentials of another role", o -> {
                    for (JsonNode e : container(o, "triage-service").get("env")) {
                        if (e.path("name").asText().equals("QUARKUS_DATASOURCE_USERNAME")) {
                            ((ObjectNode) Yaml.at(e, "valueFrom", "secretKeyRef")).put("name", "pakn-intake-db");
                        }
                    }
                }, "not the Secret of role triage"),
                consistency("issuer on another host", o -> ((ObjectNode) configMap(o, "pakn-platform").get("data"))
                        .put("MP_JWT_VERIFY_ISSUER", "https://evil.example/auth/realms/pakn"), "MP_JWT_VERIFY_ISSUER"),
                consistency("too many connections at full scale", o -> find(o, "HorizontalPodAutoscaler", "intake-service")
                        .with("spec").put("maxReplicas", 12), "connectionLimit"),
                consistency("a committed secret value", o -> o.add((ObjectNode) Yaml.readTree(
                        "{apiVersion: v1, kind: Secret, metadata: {name: leak}, stringData: {password: hunter2}}", "t")),
                        "commits no secret values"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void mutationIsReported(String what, boolean schemaCheck, Consumer<List<ObjectNode>> mutation, String expected) {
        List<ObjectNode> objects = new ArrayList<>(Overlays.render("production"));
        mutation.accept(objects);
        List<String> problems = schemaCheck
                ? SchemaValidator.validate(objects).stream().map(Object::toString).toList()
                : Overlays.consistency("production", objects);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                what + ": expected a problem containing '" + expected + "', got " + problems);
    }

    private static Arguments schema(String what, Consumer<List<ObjectNode>> m, String expected) {
        return Arguments.of(what, true, m, expected);
    }

    private static Arguments consistency(String what, Consumer<List<ObjectNode>> m, String expected) {
        return Arguments.of(what, false, m, expected);
    }

    static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind) && Consistency.name(o).equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " not rendered"));
    }

    static ObjectNode configMap(List<ObjectNode> objects, String prefix) {
        return objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")
                        && Consistency.name(o).startsWith(prefix + "-"))
                .findFirst().orElseThrow();
    }

    static JsonNode container(List<ObjectNode> objects, String deployment) {
        return Yaml.at(find(objects, "Deployment", deployment), "spec", "template", "spec", "containers").get(0);
    }

    private static void assertContains(List<String> problems, String where, String what) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(where) && p.contains(what)),
                "expected a problem at '" + where + "' about '" + what + "', got " + problems);
    }
}
