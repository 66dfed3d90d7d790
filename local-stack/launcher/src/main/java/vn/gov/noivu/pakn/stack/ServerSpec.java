package vn.gov.noivu.pakn.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One server of the local stack (PostgreSQL, Kafka, Elasticsearch or a service): how to prepare its files, the command
 * that runs it and a real readiness check. The {@link Supervisor} starts the command detached (own session, stdin from
 * /dev/null, stdout and stderr appended to {@link #logFile()}) and records its pid. The started process must be the
 * server itself (the command execs, it does not fork and wait), so that SIGTERM stops it cleanly and kill -9 leaves
 * nothing behind.
 */
public interface ServerSpec {

    /** Short name: {@code postgres}, {@code kafka}, {@code elasticsearch}, {@code intake-service}... */
    String name();

    /** The TCP port it listens on (checked free before start). */
    int port();

    /** Creates or updates its files; idempotent; first call initialises data (initdb, storage format). */
    void prepare() throws Exception;

    /** The command line to exec. */
    List<String> command();

    /** Extra environment for the command. */
    default Map<String, String> environment() {
        return Map.of();
    }

    /** Working directory of the process. */
    Path workDir();

    Path logFile();

    /** A real readiness check (SQL query, Kafka metadata, cluster health, readiness endpoint). Never throws. */
    boolean ready();

    /** Seconds to wait for readiness before declaring the start failed. */
    default int startTimeoutSeconds() {
        return 240;
    }

    /** The signal that stops it cleanly and promptly (PostgreSQL: INT, its "fast" shutdown). */
    default String stopSignal() {
        return "TERM";
    }

    /** Work after the server is ready (creating databases, topics). */
    default void afterReady() throws Exception {
    }
}
