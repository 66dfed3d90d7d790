package vn.gov.noivu.pakn.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The local mail server: GreenMail standalone (collected by local-stack/greenmail-dist) with SMTP, IMAP and its REST
 * API on 127.0.0.1, authentication disabled (any sender, a mailbox per recipient, created on first mail; IMAP accepts
 * the address as login with any password). Mail is kept in memory: a restart forgets it.
 */
public final class GreenMailSpec implements ServerSpec {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path jar;
    private final Path stateDir;
    private final int smtpPort;
    private final int imapPort;
    private final int apiPort;
    private final Path javaHome;

    public GreenMailSpec(Path jar, Path stateDir, int smtpPort, int imapPort, int apiPort, Path javaHome) {
        this.jar = jar;
        this.stateDir = stateDir;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.apiPort = apiPort;
        this.javaHome = javaHome;
    }

    @Override
    public String name() {
        return "greenmail";
    }

    /** The SMTP port (the one the services send to). */
    @Override
    public int port() {
        return smtpPort;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** GreenMail's REST API: users, their messages, readiness. */
    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    @Override
    public void prepare() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("GreenMail missing at " + jar
                    + " (build it: ./mvnw -pl local-stack/greenmail-dist package, or run ./stack up)");
        }
        for (int p : new int[] {imapPort, apiPort}) {
            if (!Ports.isFree(p)) {
                throw new IllegalStateException("GreenMail port " + p + " is taken");
            }
        }
        Files.createDirectories(stateDir);
    }

    @Override
    public List<String> command() {
        return List.of(javaHome.resolve("bin/java").toString(), "-Xmx128m", "-XX:+UseSerialGC",
                "-Dfile.encoding=UTF-8",
                "-Dgreenmail.hostname=127.0.0.1",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtpPort,
                "-Dgreenmail.imap.hostname=127.0.0.1", "-Dgreenmail.imap.port=" + imapPort,
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + apiPort,
                "-Dgreenmail.auth.disabled",
                "-jar", jar.toString());
    }

    @Override
    public Path workDir() {
        return stateDir;
    }

    @Override
    public Path logFile() {
        return stateDir.resolve("greenmail.log");
    }

    /** GreenMail's own readiness (its SMTP and IMAP servers are up) and the SMTP port accepting connections. */
    @Override
    public boolean ready() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/service/readiness"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                return false;
            }
            try (var s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", smtpPort), 2000);
                return true;
            }
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public int startTimeoutSeconds() {
        return 60;
    }
}
