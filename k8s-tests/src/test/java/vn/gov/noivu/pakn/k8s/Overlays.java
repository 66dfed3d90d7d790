package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The overlays under k8s/overlays, rendered once per test run, and what each is expected to be. */
final class Overlays {

    static final Map<String, Consistency.Expectations> EXPECT = Map.of(
            "dev", new Consistency.Expectations(1, 1),
            "production", new Consistency.Expectations(3, 2));

    private static final Map<String, List<ObjectNode>> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private Overlays() {
    }

    /** A fresh deep copy of the rendered overlay (tests may mutate it). */
    static List<ObjectNode> render(String overlay) {
        List<ObjectNode> r = CACHE.computeIfAbsent(overlay, o -> Kubectl.kustomize(Repo.overlay(o)));
        List<ObjectNode> copy = new ArrayList<>();
        r.forEach(o -> copy.add(o.deepCopy()));
        return copy;
    }

    static List<String> consistency(String overlay, List<ObjectNode> objects) {
        return Consistency.check(objects, Repo.ROOT, DeploymentDoc.platformSecrets(), EXPECT.get(overlay));
    }
}
