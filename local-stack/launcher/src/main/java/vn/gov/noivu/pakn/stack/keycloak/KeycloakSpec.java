package vn.gov.noivu.pakn.stack.keycloak;

import vn.gov.noivu.pakn.stack.ServerSpec;
import vn.gov.noivu.pakn.stack.Unix;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak, the OIDC identity provider of the local stack, from the keycloak-quarkus-dist zip on Maven Central. The
 * distribution is unpacked into {@code stateDir/home} once, built ("kc.sh build": H2 file database, health), and run
 * optimized with the project's realm imported at first start ({@value #REALM}: roles, scope attributes, clients
 * {@code pakn-cli} and {@code pakn-web}, demo users) and its Vietnamese login theme {@code pakn}
 * ({@link #installThemes()}). The JVM is started directly (kc.sh would fork it and leave it
 * behind on kill -9 of the recorded pid).
 */
public final class KeycloakSpec implements ServerSpec {

    public static final String REALM = "pakn";
    /** Bootstrap administrator of the master realm (local stack only). */
    public static final String ADMIN_USER = "stack-admin";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path distZip;
    private final Path realmFile;
    private final Path stateDir;
    private final int port;
    private final int managementPort;
    private final Path javaHome;

    public KeycloakSpec(Path distZip, Path realmFile, Path stateDir, int port, int managementPort, Path javaHome) {
        this.distZip = distZip;
        this.realmFile = realmFile;
        this.stateDir = stateDir;
        this.port = port;
        this.managementPort = managementPort;
        this.javaHome = javaHome;
    }

    @Override
    public String name() {
        return "keycloak";
    }

    @Override
    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The {@code iss} of the realm's tokens. */
    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    private Path home() {
        return stateDir.resolve("home");
    }

    public Path adminPasswordFile() {
        return stateDir.resolve("admin.password");
    }

    @Override
    public void prepare() throws Exception {
        if (!Files.exists(distZip)) {
            throw new IllegalStateException("Keycloak distribution missing at " + distZip + " (build it: ./mvnw -pl local-stack/keycloak-dist install -DskipTests, or run ./stack up)");
        }
        Files.createDirectories(stateDir);
        if (!Files.exists(home().resolve("lib/quarkus-run.jar"))) {
            unzip(distZip, home());
        }
        Path imports = home().resolve("data/import");
        Files.createDirectories(imports);
        Files.copy(realmFile, imports.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        installThemes();
        forgetRealmIfChanged();
        if (!Files.exists(adminPasswordFile())) {
            Files.writeString(adminPasswordFile(), java.util.UUID.randomUUID().toString());
            Files.setPosixFilePermissions(adminPasswordFile(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        Path built = stateDir.resolve(".built");
        if (!Files.exists(built)) {
            List<String> build = new ArrayList<>(java());
            build.addAll(List.of("build", "--db=dev-file", "--health-enabled=true", "--http-relative-path=/"));
            Unix.run(build, home(), logFile());
            Files.writeString(built, "ok\n");
        }
    }

    /**
     * The project's themes ({@code src/main/themes/<name>} next to the realm's folder: the Vietnamese login theme
     * {@code pakn}) are copied into the distribution's {@code themes/} at every start, so a changed theme is served
     * after a restart (themes in {@code themes/} need no "kc.sh build").
     */
    private void installThemes() throws IOException {
        Path source = realmFile.toAbsolutePath().getParent().resolveSibling("themes");
        if (!Files.isDirectory(source)) {
            return;
        }
        Path target = home().resolve("themes");
        try (var files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path out = target.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(out);
                } else {
                    Files.copy(f, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * Keycloak imports a realm only when it does not exist yet. When the realm file of the repository changed since the
     * database was made (new client settings, roles...), the local database is dropped so the next start imports the
     * new file; users created on the fly by {@link KeycloakTokens} are created again when asked for.
     */
    private void forgetRealmIfChanged() throws IOException {
        Path marker = stateDir.resolve(".realm-sha256");
        String sha;
        try {
            sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(realmFile)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String before = Files.exists(marker) ? Files.readString(marker).trim() : null;
        Path db = home().resolve("data/h2");
        // no marker: a database from before the marker existed, its realm may be older than the file
        if (!sha.equals(before) && Files.isDirectory(db)) {
            try (var files = Files.walk(db)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.writeString(marker, sha + "\n");
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".unpacking");
        Files.createDirectories(tmp);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                String name = e.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue; // the top folder keycloak-x.y.z/
                }
                Path out = tmp.resolve(name.substring(slash + 1)).normalize();
                if (!out.startsWith(tmp)) {
                    throw new IOException("zip entry outside target: " + name);
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(z, out, StandardCopyOption.REPLACE_EXISTING);
                    if (name.endsWith(".sh")) {
                        out.toFile().setExecutable(true);
                    }
                }
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The JVM command line kc.sh would use. */
    private List<String> java() {
        Path h = home().toAbsolutePath();
        return new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(),
                "-Xms64m", "-Xmx" + System.getenv().getOrDefault("PAKN_KEYCLOAK_HEAP", "512m"),
                "-XX:MetaspaceSize=96M", "-XX:MaxMetaspaceSize=256m", "-XX:+UseSerialGC",
                "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                "-XX:+ExitOnOutOfMemoryError", "-Djava.security.egd=file:/dev/urandom",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.base/java.security=ALL-UNNAMED", "-Duser.language=en", "-Duser.country=US",
                "-Djava.util.concurrent.ForkJoinPool.common.threadFactory="
                        + "io.quarkus.bootstrap.forkjoin.QuarkusForkJoinWorkerThreadFactory",
                "-Dkc.home.dir=" + h, "-Djboss.server.config.dir=" + h.resolve("conf"),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Dpicocli.disable.closures=true",
                "-Dquarkus-log-max-startup-records=10000",
                "-cp", h.resolve("lib/quarkus-run.jar").toString(), "io.quarkus.bootstrap.runner.QuarkusEntryPoint"));
    }

    @Override
    public List<String> command() {
        List<String> cmd = java();
        cmd.add(1, "-Dkc.config.built=true");
        cmd.addAll(List.of("start", "--optimized", "--import-realm", "--http-enabled=true",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort,
                "--hostname=" + url(), "--hostname-strict=false"));
        return cmd;
    }

    @Override
    public Map<String, String> environment() {
        try {
            return Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                    "KC_BOOTSTRAP_ADMIN_PASSWORD", Files.readString(adminPasswordFile()).trim());
        } catch (IOException e) {
            return Map.of();
        }
    }

    @Override
    public Path workDir() {
        return home();
    }

    @Override
    public Path logFile() {
        return stateDir.resolve("keycloak.log");
    }

    @Override
    public int startTimeoutSeconds() {
        return 600;
    }

    /** Ready when the realm's OpenID configuration is served (so the realm import is done). */
    @Override
    public boolean ready() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create(issuer() + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
