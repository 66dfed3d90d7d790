package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Kustomize directory with the real Kustomize: {@code kubectl kustomize <dir>} (kubectl 1.32 embeds
 * Kustomize 5.5). The binary is {@code $KUBECTL}, else {@code kubectl} on the PATH; without it the tests fail and say
 * how to install it (Debian: {@code apt-get install kubectl} from the Kubernetes apt repository, or any kubectl binary).
 */
final class Kubectl {

    private Kubectl() {
    }

    static String binary() {
        String env = System.getenv("KUBECTL");
        if (env != null && !env.isBlank()) {
            return env;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "kubectl");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException("kubectl not found: k8s-tests render the overlays with `kubectl kustomize`. "
                + "Install kubectl (1.27 or newer, it embeds Kustomize 5) on the PATH or set KUBECTL=/path/to/kubectl.");
    }

    /** The objects `kubectl kustomize dir` prints, in its order. */
    static List<ObjectNode> kustomize(Path dir) {
        String yaml = run(List.of(binary(), "kustomize", dir.toAbsolutePath().normalize().toString()));
        return Yaml.readAll(yaml, "kubectl kustomize " + dir);
    }

    private static String run(List<String> command) {
        try {
            Path err = Files.createTempFile("kubectl", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + ": no answer within 120 s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
                            + Files.readString(err, StandardCharsets.UTF_8).strip());
                }
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** apiVersion/kind/name of an object, for messages. */
    static String id(JsonNode r) {
        return r.path("apiVersion").asText() + "/" + r.path("kind").asText() + "/"
                + r.path("metadata").path("name").asText();
    }
}
