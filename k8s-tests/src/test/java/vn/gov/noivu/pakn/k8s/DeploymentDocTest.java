package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/deployment.md tells a platform team exactly what to apply, and agrees with the manifests. */
class DeploymentDocTest {

    @Test
    void operatorsInOrderAndApplyCommands() {
        String doc = DeploymentDoc.text();
        int strimzi = doc.indexOf("**Strimzi");
        int eck = doc.indexOf("**ECK");
        int cnpg = doc.indexOf("**CloudNativePG");
        int keycloak = doc.indexOf("**Keycloak operator");
        int ingress = doc.indexOf("**A Gateway API implementation");
        assertTrue(strimzi > 0 && strimzi < eck && eck < cnpg && cnpg < keycloak && keycloak < ingress,
                "operators listed in install order");
        for (String overlay : Repo.OVERLAYS) {
            assertTrue(doc.contains("k8s/overlays/" + overlay), "apply command for " + overlay);
        }
        for (String topic : List.of("Backups and restore", "Rotating secrets", "Sizing", "ten times")) {
            assertTrue(doc.contains(topic), topic);
        }
    }

    @Test
    void everyPlatformSecretListedIsUsed() {
        Set<String> referenced = new TreeSet<>();
        for (String overlay : Repo.OVERLAYS) {
            for (ObjectNode o : Overlays.render(overlay)) {
                String text = o.toString();
                for (String s : DeploymentDoc.platformSecrets()) {
                    if (text.contains("\"" + s + "\"")) {
                        referenced.add(s);
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(DeploymentDoc.platformSecrets()), referenced, "stale entries in docs/deployment.md");
    }

    /** Every quarkus-oidc variable the manifests set (ConfigMaps, Deployments) is explained in docs/deployment.md. */
    @Test
    void identitySettingsAreDocumented() {
        String doc = DeploymentDoc.text();
        Set<String> vars = new TreeSet<>();
        for (String overlay : Repo.OVERLAYS) {
            for (ObjectNode o : Overlays.render(overlay)) {
                if (o.path("kind").asText().equals("ConfigMap")) {
                    Yaml.fields(o.get("data")).forEach(e -> vars.add(e.getKey()));
                }
                if (o.path("kind").asText().equals("Deployment")) {
                    for (com.fasterxml.jackson.databind.JsonNode c : Yaml.each(Yaml.at(o, "spec", "template", "spec", "containers"))) {
                        Yaml.each(c.get("env")).forEach(e -> vars.add(e.path("name").asText()));
                    }
                }
            }
        }
        vars.removeIf(v -> !v.startsWith("QUARKUS_OIDC_"));
        assertTrue(vars.contains("QUARKUS_OIDC_WEB_CREDENTIALS_SECRET"), vars.toString());
        for (String v : vars) {
            assertTrue(doc.contains("`" + v + "`") || doc.contains("`" + v + "="), v + " is not explained in docs/deployment.md");
        }
    }

    @Test
    void routedPathsAreDocumented() {
        String doc = DeploymentDoc.text();
        for (String overlay : Repo.OVERLAYS) {
            for (Routes.Route r : Routes.of(Overlays.render(overlay))) {
                assertTrue(doc.contains("`" + r.external() + "`"),
                        "external prefix " + r.external() + " (" + r.backend() + ") missing from docs/deployment.md");
            }
        }
    }

    /** The minimum operator versions named in docs/deployment.md are exactly the releases whose schemas are vendored. */
    @Test
    void minimumOperatorVersionsAreTheVendoredSchemas() throws Exception {
        String doc = DeploymentDoc.text();
        java.util.Map<String, String> names = java.util.Map.of("strimzi-", "Strimzi ", "eck-v", "ECK ", "cnpg-v",
                "CloudNativePG ", "barman-v", "Barman Cloud plugin ", "keycloak-", "Keycloak operator ");
        Set<String> named = new TreeSet<>();
        try (java.util.stream.Stream<java.nio.file.Path> dirs = java.nio.file.Files.list(SchemaValidator.SCHEMAS)) {
            for (java.nio.file.Path d : dirs.filter(java.nio.file.Files::isDirectory).toList()) {
                String dir = d.getFileName().toString();
                String prefix = names.keySet().stream().filter(dir::startsWith).findFirst()
                        .orElseThrow(() -> new AssertionError("vendored schemas " + dir + " of an operator docs/deployment.md does not name"));
                String expected = "**" + names.get(prefix) + dir.substring(prefix.length()) + "**";
                assertTrue(doc.contains(expected), "docs/deployment.md must name the minimum version " + expected);
                named.add(prefix);
            }
        }
        assertEquals(names.keySet(), named, "an operator whose schemas are not vendored");
        // the Kafka version of the manifests is one the minimum Strimzi runs
        for (String overlay : Repo.OVERLAYS) {
            String v = Yaml.text(ValidatorRejectsBrokenManifestsTest.find(Overlays.render(overlay), "Kafka", "pakn-kafka"),
                    "spec", "kafka", "version");
            assertTrue(v.matches("4\\.(2\\.\\d+|3\\.[01])"), overlay + ": Kafka " + v + " is not run by Strimzi 1.2.0");
        }
    }
}
