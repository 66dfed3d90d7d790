package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Java renderer against kustomize itself: unit cases with known outputs, and, where `kubectl` (Debian package
 * kubectl, kustomize built in) is on the PATH, object-by-object equality with `kubectl kustomize` for every overlay.
 */
class KustomizeConformanceTest {

    @Test
    void configMapHashIsKustomizes() {
        // kubectl kustomize (kustomize v5.5.0): configMapGenerator name=demo, literals A=1, B=<x&y>
        ObjectNode cm = (ObjectNode) Yaml.readTree("{kind: ConfigMap, metadata: {name: demo}, data: {A: '1', B: '<x&y>'}}", "t");
        assertEquals("kh7f5d858d", Kustomize.hash(cm));
    }

    @Test
    void strategicMergeUsesKubernetesMergeKeys() {
        ObjectNode target = (ObjectNode) Yaml.readTree("""
                spec: {template: {spec: {containers: [{name: a, image: x, env: [{name: K, value: '1'}]}, {name: b}]}}}
                """, "t");
        ObjectNode patch = (ObjectNode) Yaml.readTree("""
                spec: {template: {spec: {containers: [{name: a, env: [{name: K, value: '2'}, {name: L, value: '3'}]}]}}}
                """, "t");
        Kustomize.merge(target, patch, true);
        JsonNode containers = Yaml.at(target, "spec", "template", "spec", "containers");
        assertEquals(2, containers.size());
        assertEquals("x", containers.get(0).path("image").asText());
        assertEquals("[{\"name\":\"K\",\"value\":\"2\"},{\"name\":\"L\",\"value\":\"3\"}]", containers.get(0).get("env").toString());
        // custom resources: lists are replaced
        ObjectNode cr = (ObjectNode) Yaml.readTree("spec: {volumes: [{id: 0, size: 1Gi}, {id: 1}]}", "t");
        Kustomize.merge(cr, (ObjectNode) Yaml.readTree("spec: {volumes: [{id: 0, size: 2Gi}]}", "t"), false);
        assertEquals(1, Yaml.at(cr, "spec", "volumes").size());
    }

    @Test
    void jsonPatchOperations() {
        ObjectNode doc = (ObjectNode) Yaml.readTree("{spec: {a~b: {c/d: 1}, list: [1, 2]}}", "t");
        JsonPatch.apply(doc, (ArrayNode) Yaml.readTree("""
                - {op: replace, path: /spec/a~0b/c~1d, value: 2}
                - {op: add, path: /spec/list/-, value: 3}
                - {op: remove, path: /spec/list/0}
                - {op: test, path: /spec/list/0, value: 2}
                """, "t"), "t");
        assertEquals("{\"spec\":{\"a~b\":{\"c/d\":2},\"list\":[2,3]}}", doc.toString());
        assertThrows(IllegalArgumentException.class, () -> JsonPatch.apply(doc,
                (ArrayNode) Yaml.readTree("[{op: replace, path: /spec/missing/x, value: 1}]", "t"), "t"));
    }

    @Test
    void unsupportedKustomizeFieldsAreRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "namePrefix: x-\nresources: []\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir));
        assertTrue(e.getMessage().contains("namePrefix"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void sameOutputAsKubectlKustomize(String overlay) throws Exception {
        String kubectl = kubectl();
        assumeTrue(kubectl != null, "kubectl not installed: conformance with kustomize not checked");
        Process p = new ProcessBuilder(kubectl, "kustomize", Repo.overlay(overlay).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "kubectl kustomize failed: " + out);
        Map<String, JsonNode> theirs = byId(Yaml.readAll(out, "kubectl kustomize"));
        Map<String, JsonNode> ours = byId(Overlays.render(overlay));
        assertEquals(theirs.keySet(), ours.keySet(), "objects rendered");
        for (String id : theirs.keySet()) {
            assertEquals(Yaml.normalize(theirs.get(id)), Yaml.normalize(ours.get(id)), id);
        }
    }

    /** By identity; Secret data unwrapped (kustomize wraps long base64 values at 76 columns, the API ignores it). */
    private static Map<String, JsonNode> byId(List<ObjectNode> objects) {
        Map<String, JsonNode> m = new TreeMap<>();
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals("Secret") && o.get("data") instanceof ObjectNode data) {
                data.properties().forEach(e -> data.put(e.getKey(), e.getValue().asText().replace("\n", "")));
            }
            m.put(Kustomize.id(o) + "@" + Yaml.text(o, "metadata", "namespace"), o);
        }
        return m;
    }

    private static String kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path k = Path.of(dir, "kubectl");
            if (Files.isExecutable(k)) {
                return k.toString();
            }
        }
        return null;
    }
}
