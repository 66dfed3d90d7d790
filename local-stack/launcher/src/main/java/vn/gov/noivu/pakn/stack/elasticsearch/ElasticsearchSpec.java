package vn.gov.noivu.pakn.stack.elasticsearch;

import vn.gov.noivu.pakn.stack.ServerSpec;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real single-node Elasticsearch (the server from Maven Central, see local-stack/elasticsearch-dist/README.md), bound to
 * 127.0.0.1 only.
 *
 * <p>{@link #prepare()} turns the built template home ({@code local-stack/elasticsearch-dist/target/home}) into the node's
 * own home: lib/ and modules/ are mirrored from the template (only changed files are copied), config/ holds the
 * template's log4j2.properties and an elasticsearch.yml made of the template plus this node's path.data, path.logs
 * and http.port; data/, logs/, tmp/ and plugins/ belong to the node. {@link #command()} execs the JVM directly, with
 * the flags the distribution's launcher would pass, and the main class of es-bootstrap, which hands the server its
 * arguments on an in-process stdin that never ends: stdin of the process itself may be /dev/null. SIGTERM stops the
 * node cleanly (the server's shutdown hook); the recorded pid is the JVM itself.
 *
 * <p>As root: Elasticsearch refuses to run as root, so the node runs as the system user {@value #SERVICE_USER}
 * (created when missing, {@code useradd --system}) through {@code setpriv}, which execs (no child process stays
 * behind). That user must reach the node's files: when the state directory lies below a directory it cannot
 * traverse (for example a clone under /root, mode 700), the node's files go to
 * {@code /var/lib/pakn-stack/<hash of the state directory>/} and the state directory becomes a symbolic link to it,
 * so logs and data are still found there.
 *
 * <p>Tuning, each as a system property or else an environment variable of the JVM calling this class:
 * <ul>
 *   <li>{@code pakn.es.heap} / {@code PAKN_ES_HEAP}: heap size, -Xms = -Xmx (default {@value #DEFAULT_HEAP});</li>
 *   <li>{@code pakn.es.javaOpts} / {@code PAKN_ES_JAVA_OPTS}: extra JVM options, space separated, added last;</li>
 *   <li>{@code pakn.es.javaHome} / {@code PAKN_ES_JAVA_HOME}: the JDK to run the node (21 or later). Without it the
 *       constructor's javaHome is used when it is 21 or later, else the newest JDK 21+ under /usr/lib/jvm.</li>
 * </ul>
 */
public final class ElasticsearchSpec implements ServerSpec {

    public static final String SERVICE_USER = "pakn-es";
    public static final String DEFAULT_HEAP = "256m";
    static final Path SHARED_STATE_ROOT = Path.of("/var/lib/pakn-stack");
    static final String LAUNCHER_MAIN = "vn.gov.noivu.pakn.es.bootstrap.ElasticsearchLauncher";
    static final int MIN_JAVA = 21;

    private final Path templateHome;
    private final Path stateDir;
    private final int httpPort;
    private final Path javaHome;
    private volatile Path home;
    private volatile HttpClient http;

    /**
     * @param templateHome the built {@code local-stack/elasticsearch-dist/target/home}
     * @param stateDir     this node's folder (data/, logs/, tmp/, config/...), e.g. {@code <repo>/.stack/elasticsearch}
     * @param httpPort     HTTP port on 127.0.0.1
     * @param javaHome     preferred JDK; ignored when older than 21 (see the class comment)
     */
    public ElasticsearchSpec(Path templateHome, Path stateDir, int httpPort, Path javaHome) {
        this.templateHome = templateHome.toAbsolutePath().normalize();
        this.stateDir = stateDir.toAbsolutePath().normalize();
        this.httpPort = httpPort;
        this.javaHome = javaHome;
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    @Override
    public int port() {
        return httpPort;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The directory the node actually runs in: the state directory, or its target below /var/lib/pakn-stack. */
    public Path home() {
        Path h = home;
        if (h == null) {
            h = resolveHome();
            home = h;
        }
        return h;
    }

    @Override
    public Path workDir() {
        return home();
    }

    @Override
    public Path logFile() {
        return stateDir.resolve("logs").resolve("elasticsearch.out");
    }

    @Override
    public int startTimeoutSeconds() {
        return 300;
    }

    @Override
    public Map<String, String> environment() {
        Path tmp = home().resolve("tmp");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ES_TMPDIR", tmp.toString());
        env.put("LIBFFI_TMPDIR", tmp.toString());
        env.put("ES_HOME", home().toString());
        env.put("ES_PATH_CONF", home().resolve("config").toString());
        return env;
    }

    // ---------------------------------------------------------------------------------------------------- prepare

    @Override
    public void prepare() throws IOException, InterruptedException {
        requireTemplate();
        boolean root = isRoot();
        if (root) {
            ensureServiceUser();
        }
        home = null;
        Path h = home();
        if (!h.equals(stateDir)) {
            linkStateDir(h);
        }
        Files.createDirectories(h);
        for (String dir : List.of("config", "data", "logs", "tmp", "plugins")) {
            Files.createDirectories(h.resolve(dir));
        }
        mirror(templateHome.resolve("lib"), h.resolve("lib"), h.resolve("lib").resolve("platform"));
        mirror(templateHome.resolve("modules"), h.resolve("modules"), null);
        linkZstd(h.resolve("lib"));
        Files.copy(templateHome.resolve("config/log4j2.properties"), h.resolve("config/log4j2.properties"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(h.resolve("config/elasticsearch.yml"), elasticsearchYml(h), StandardCharsets.UTF_8);
        if (root) {
            setMode(h, "rwxr-xr-x");
            for (String dir : List.of("config", "data", "logs", "tmp", "plugins")) {
                chownTree(h.resolve(dir));
            }
            chown(h);
            Path jar = serverJar(h);
            if (!asServiceUser("test", "-r", jar.toString(), "-a", "-w", h.resolve("data").toString(), "-a", "-x",
                    resolveJavaHome().resolve("bin/java").toString())) {
                throw new IOException("user " + SERVICE_USER + " cannot read " + jar + ", write " + h.resolve("data")
                        + " or run " + resolveJavaHome().resolve("bin/java") + "; check the permissions of their parents");
            }
        }
    }

    private String elasticsearchYml(Path h) throws IOException {
        String template = Files.readString(templateHome.resolve("config/elasticsearch.yml"), StandardCharsets.UTF_8);
        return template + (template.endsWith("\n") ? "" : "\n")
                + "\n# ---- this node (written by ElasticsearchSpec.prepare) ----\n"
                + "path.data: " + h.resolve("data") + "\n"
                + "path.logs: " + h.resolve("logs") + "\n"
                + "http.port: " + httpPort + "\n";
    }

    private void requireTemplate() throws IOException {
        if (!Files.isDirectory(templateHome.resolve("lib")) || !Files.isDirectory(templateHome.resolve("modules"))
                || !Files.isRegularFile(templateHome.resolve("config/elasticsearch.yml"))) {
            throw new IOException("no Elasticsearch home template at " + templateHome
                    + "; build it: ./mvnw -pl local-stack/elasticsearch-dist -am install -DskipTests");
        }
        serverJar(templateHome);
    }

    private static Path serverJar(Path home) throws IOException {
        return single(home.resolve("lib"), "elasticsearch-[0-9]*.jar");
    }

    private static Path single(Path dir, String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
                s.forEach(found::add);
            }
        }
        if (found.size() != 1) {
            throw new IOException("expected exactly one " + glob + " in " + dir + ", found " + found);
        }
        return found.get(0);
    }

    /** Copies new and changed files (size or time differ), removes those gone from the template; keeps {@code keep}. */
    private static void mirror(Path from, Path to, Path keep) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path src : (Iterable<Path>) walk::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                    setMode(dst, "rwxr-xr-x");
                } else if (!Files.isRegularFile(dst, LinkOption.NOFOLLOW_LINKS)
                        || Files.size(dst) != Files.size(src)
                        || !Files.getLastModifiedTime(dst).equals(Files.getLastModifiedTime(src))) {
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    setMode(dst, "rw-r--r--");
                }
            }
        }
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(to)) {
            walk.filter(p -> keep == null || !p.startsWith(keep))
                    .filter(p -> !Files.exists(from.resolve(to.relativize(p).toString()), LinkOption.NOFOLLOW_LINKS))
                    .forEach(stale::add);
        }
        stale.sort((a, b) -> b.getNameCount() - a.getNameCount()); // children first
        for (Path p : stale) {
            Files.deleteIfExists(p);
        }
    }

    /**
     * Zstandard (best_compression indices, some internal formats) comes from the operating system's libzstd
     * (Debian: libzstd1), linked where the server looks for its native libraries.
     */
    private static void linkZstd(Path lib) throws IOException {
        String arch = System.getProperty("os.arch");
        String platform;
        String multiarch;
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            platform = "linux-x64";
            multiarch = "x86_64-linux-gnu";
        } else if (arch.equals("aarch64")) {
            platform = "linux-aarch64";
            multiarch = "aarch64-linux-gnu";
        } else {
            return;
        }
        Optional<Path> system = Stream.of("/usr/lib/" + multiarch + "/libzstd.so.1", "/lib/" + multiarch + "/libzstd.so.1",
                "/usr/lib64/libzstd.so.1", "/usr/lib/libzstd.so.1").map(Path::of).filter(Files::isRegularFile).findFirst();
        Path link = lib.resolve("platform").resolve(platform).resolve("libzstd.so");
        if (system.isEmpty()) {
            System.err.println("elasticsearch: no libzstd.so.1 on this machine (Debian package libzstd1);"
                    + " best_compression indices will not work");
            return;
        }
        Files.createDirectories(link.getParent());
        setMode(link.getParent().getParent(), "rwxr-xr-x");
        setMode(link.getParent(), "rwxr-xr-x");
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(system.get())) {
            return;
        }
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, system.get());
    }

    // ----------------------------------------------------------------------------------------- home and user

    private Path resolveHome() {
        if (!isRoot()) {
            return stateDir;
        }
        if (Files.isSymbolicLink(stateDir)) {
            try {
                Path target = Files.readSymbolicLink(stateDir);
                return stateDir.getParent().resolve(target).normalize();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (serviceUserReaches(stateDir.getParent())) {
            return stateDir;
        }
        return SHARED_STATE_ROOT.resolve(stableHash(stateDir));
    }

    /** Whether the service user can traverse into {@code dir} (creating it first, as root would anyway). */
    private boolean serviceUserReaches(Path dir) {
        try {
            Files.createDirectories(dir);
            ensureServiceUser();
            return asServiceUser("test", "-x", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Makes the state directory a link to the real home, moving whatever a previous run left in a real directory. */
    private void linkStateDir(Path realHome) throws IOException {
        Files.createDirectories(SHARED_STATE_ROOT);
        setMode(SHARED_STATE_ROOT, "rwxr-xr-x");
        Files.createDirectories(realHome);
        if (Files.isSymbolicLink(stateDir)) {
            if (stateDir.getParent().resolve(Files.readSymbolicLink(stateDir)).normalize().equals(realHome)) {
                return;
            }
            Files.delete(stateDir);
        } else if (Files.isDirectory(stateDir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(stateDir)) {
                for (Path entry : entries) {
                    Path dst = realHome.resolve(entry.getFileName().toString());
                    if (Files.exists(dst, LinkOption.NOFOLLOW_LINKS)) {
                        deleteTree(entry); // the real home wins
                    } else {
                        moveTree(entry, dst);
                    }
                }
            }
            Files.delete(stateDir);
        }
        Files.createDirectories(stateDir.getParent());
        Files.createSymbolicLink(stateDir, realHome);
    }

    static String stableHash(Path dir) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(dir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static synchronized void ensureServiceUser() throws IOException, InterruptedException {
        if (run(List.of("id", "-u", SERVICE_USER)) == 0) {
            return;
        }
        int code = run(List.of("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                "--shell", "/usr/sbin/nologin", "--comment", "PAKN local Elasticsearch", SERVICE_USER));
        if (code != 0 && run(List.of("id", "-u", SERVICE_USER)) != 0) { // another JVM may have won the race
            throw new IOException("useradd " + SERVICE_USER + " failed with exit code " + code);
        }
    }

    private static List<String> asServiceUserPrefix() {
        return List.of("setpriv", "--reuid=" + SERVICE_USER, "--regid=" + SERVICE_USER, "--init-groups",
                "--inh-caps=-all", "--");
    }

    private static boolean asServiceUser(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(asServiceUserPrefix());
        cmd.addAll(List.of(command));
        return run(cmd) == 0;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return p.waitFor();
    }

    private static void chownTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                chown(p);
            }
        }
    }

    private static void chown(Path p) throws IOException {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(SERVICE_USER);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(SERVICE_USER);
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (!user.equals(view.getOwner())) {
            view.setOwner(user);
        }
        if (!group.equals(view.readAttributes().group())) {
            view.setGroup(group);
        }
    }

    private static void setMode(Path p, String mode) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }

    private static void moveTree(Path from, Path to) throws IOException {
        try {
            Files.move(from, to);
        } catch (IOException e) { // another file system: copy, then delete
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path src : (Iterable<Path>) walk::iterator) {
                    Path dst = to.resolve(from.relativize(src).toString());
                    if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectories(dst);
                    } else {
                        Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                }
            }
            deleteTree(from);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(p)) {
            all = new ArrayList<>(walk.toList());
        }
        all.sort((a, b) -> b.getNameCount() - a.getNameCount());
        for (Path x : all) {
            Files.deleteIfExists(x);
        }
    }

    // ---------------------------------------------------------------------------------------------------- command

    @Override
    public List<String> command() {
        Path h = home();
        Path lib = h.resolve("lib");
        try {
            Path bridge = single(lib.resolve("entitlement-bridge"), "*.jar");
            Path launcher = single(lib.resolve("pakn-bootstrap"), "*.jar");
            String heap = setting("pakn.es.heap", "PAKN_ES_HEAP", DEFAULT_HEAP);
            List<String> cmd = new ArrayList<>();
            if (isRoot()) {
                cmd.addAll(asServiceUserPrefix());
            }
            cmd.add(resolveJavaHome().resolve("bin/java").toString());
            cmd.addAll(List.of(
                    "-Xms" + heap, "-Xmx" + heap,
                    "-XX:MaxDirectMemorySize=" + halfOf(heap),
                    "-XX:+UseG1GC",
                    "-Xss1m",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-XX:-OmitStackTraceInFastThrow",
                    "-XX:ErrorFile=" + h.resolve("logs/hs_err_pid%p.log"),
                    "-Djava.io.tmpdir=" + h.resolve("tmp"),
                    "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                    "-Djava.awt.headless=true",
                    "-Djava.locale.providers=CLDR",
                    "-Djna.nosys=true",
                    "-Des.networkaddress.cache.ttl=60",
                    "-Des.networkaddress.cache.negative.ttl=10",
                    "-Dio.netty.noUnsafe=true",
                    "-Dio.netty.noKeySetOptimization=true",
                    "-Dio.netty.recycler.maxCapacityPerThread=0",
                    "-Dlog4j.shutdownHookEnabled=false",
                    "-Dlog4j2.disable.jmx=true",
                    "-Dlog4j2.formatMsgNoLookups=true",
                    "-Des.distribution.type=tar",
                    "-Des.path.home=" + h,
                    "-Des.path.conf=" + h.resolve("config"),
                    // native access (zstd, system call filter...); libvec is not published, without this switch the
                    // failure to load it turns ALL native access off
                    "--enable-native-access=org.elasticsearch.nativeaccess,org.elasticsearch.foreign,org.apache.lucene.core",
                    "-Dorg.elasticsearch.nativeaccess.enableVectorLibrary=false",
                    "--add-modules=jdk.incubator.vector",
                    // entitlements: the server attaches lib/entitlement-agent/ to itself
                    "-XX:+EnableDynamicAgentLoading",
                    "-Djdk.attach.allowAttachSelf=true",
                    "--patch-module=java.base=" + bridge,
                    "--add-exports=java.base/org.elasticsearch.entitlement.bridge="
                            + "org.elasticsearch.entitlement,java.logging,java.net.http,java.naming,jdk.net",
                    // our launcher calls the package-private org.elasticsearch.bootstrap.Elasticsearch.main
                    "--add-opens=org.elasticsearch.server/org.elasticsearch.bootstrap=ALL-UNNAMED",
                    "--module-path", lib.toString(),
                    "--add-modules=jdk.net,jdk.management.agent,ALL-MODULE-PATH",
                    "-cp", launcher.toString()));
            String extra = setting("pakn.es.javaOpts", "PAKN_ES_JAVA_OPTS", "").trim();
            if (!extra.isEmpty()) {
                cmd.addAll(List.of(extra.split("\\s+")));
            }
            cmd.add(LAUNCHER_MAIN);
            return cmd;
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch home " + h + " is incomplete; run prepare() first", e);
        }
    }

    private static String setting(String property, String env, String defaultValue) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    /** Half the heap, as the distribution's JVM ergonomics do for direct memory. */
    static String halfOf(String heap) {
        Matcher m = Pattern.compile("(\\d+)([kKmMgG]?)").matcher(heap);
        if (!m.matches()) {
            throw new IllegalArgumentException("heap size like 256m or 1g expected, got " + heap);
        }
        long bytes = Long.parseLong(m.group(1)) * switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Long.toString(bytes / 2);
    }

    /** A JDK 21+ that can run the node (see the class comment). */
    Path resolveJavaHome() {
        String configured = setting("pakn.es.javaHome", "PAKN_ES_JAVA_HOME", null);
        if (configured != null) {
            return Path.of(configured);
        }
        if (javaHome != null && javaMajor(javaHome) >= MIN_JAVA) {
            return javaHome;
        }
        Path best = null;
        int bestMajor = 0;
        try (DirectoryStream<Path> jvms = Files.newDirectoryStream(Path.of("/usr/lib/jvm"))) {
            for (Path jdk : jvms) {
                int major = javaMajor(jdk);
                if (major >= MIN_JAVA && major > bestMajor && Files.isExecutable(jdk.resolve("bin/java"))) {
                    best = jdk;
                    bestMajor = major;
                }
            }
        } catch (IOException e) {
            // none found
        }
        if (best == null) {
            throw new IllegalStateException("Elasticsearch needs Java " + MIN_JAVA + " or later; " + javaHome
                    + " is older and none was found under /usr/lib/jvm; set PAKN_ES_JAVA_HOME");
        }
        return best;
    }

    static int javaMajor(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
                    String first = v.split("[.+-]")[0];
                    return Integer.parseInt(first.equals("1") ? v.split("\\.")[1] : first);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a JDK
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------- readiness

    @Override
    public boolean ready() {
        return health().map(s -> s.equals("green") || s.equals("yellow")).orElse(false);
    }

    /** The cluster health status (green, yellow, red), empty when the node does not answer. Never throws. */
    public Optional<String> health() {
        try {
            HttpClient client = http;
            if (client == null) {
                client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                http = client;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(httpUrl() + "/_cluster/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 408) {
                return Optional.empty();
            }
            Matcher m = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"").matcher(response.body());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------------------------------------------- manual

    /**
     * Manual test: {@code ElasticsearchSpec [templateHome [stateDir [port [javaHome]]]]} prepares, starts the node detached
     * ({@code setsid}, stdin /dev/null, output to the log file), waits for yellow/green and prints the pid and the
     * time it took. The node keeps running: stop it with {@code kill PID}.
     */
    public static void main(String[] args) throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        Path template = args.length > 0 ? Path.of(args[0]) : cwd.resolve("local-stack/elasticsearch-dist/target/home");
        Path state = args.length > 1 ? Path.of(args[1]) : cwd.resolve(".stack/elasticsearch-manual");
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 9200;
        Path jdk = args.length > 3 ? Path.of(args[3]) : Path.of(System.getProperty("java.home"));
        ElasticsearchSpec spec = new ElasticsearchSpec(template, state, port, jdk);

        long t0 = System.nanoTime();
        spec.prepare();
        long prepared = System.nanoTime();
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.addAll(spec.command());
        Files.createDirectories(spec.logFile().getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(spec.workDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                .redirectErrorStream(true);
        pb.environment().putAll(spec.environment());
        Process process = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(spec.startTimeoutSeconds()).toNanos();
        while (!spec.ready()) {
            if (!process.isAlive()) {
                System.err.println("elasticsearch exited with " + process.exitValue() + "; log: " + spec.logFile());
                System.exit(1);
            }
            if (System.nanoTime() > deadline) {
                System.err.println("elasticsearch not ready after " + spec.startTimeoutSeconds() + " s; log: "
                        + spec.logFile() + " (pid " + process.pid() + " left running)");
                System.exit(2);
            }
            Thread.sleep(200);
        }
        long ready = System.nanoTime();
        System.out.printf(Locale.ROOT, "elasticsearch %s ready (%s) pid %d: prepare %d ms, start to ready %d ms;"
                        + " home %s, log %s%n", spec.httpUrl(), spec.health().orElse("?"), process.pid(),
                (prepared - t0) / 1_000_000, (ready - prepared) / 1_000_000, spec.home(), spec.logFile());
    }
}
