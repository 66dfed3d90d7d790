package vn.gov.noivu.pakn.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Paths in the repository, found from the module directory at test time (k8s-tests depends on no other module). */
final class Repo {

    static final Path ROOT = findRoot();
    static final Path K8S = ROOT.resolve("k8s");
    static final List<String> OVERLAYS = List.of("dev", "production");

    private Repo() {
    }

    private static Path findRoot() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("k8s")) && Files.isRegularFile(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("k8s-tests"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("repository root (with k8s/ and k8s-tests/) not found from "
                + System.getProperty("user.dir"));
    }

    static Path overlay(String name) {
        return K8S.resolve("overlays").resolve(name);
    }
}
