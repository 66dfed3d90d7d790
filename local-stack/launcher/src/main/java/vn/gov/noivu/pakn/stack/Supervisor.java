package vn.gov.noivu.pakn.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts servers as detached child processes (own session, so they outlive the launcher and a closed terminal), keeps
 * their pids in {@code run/NAME.pid} and stops them. A pid is only trusted while the process still has the marker
 * (the run directory) on its command line or environment-free identity (its start time), so a recycled pid is
 * never killed.
 */
public final class Supervisor {

    private final Path runDir;
    private final Consumer<String> progress;

    public Supervisor(Path runDir, Consumer<String> progress) {
        this.runDir = runDir;
        this.progress = progress;
    }

    public static final class StartFailure extends RuntimeException {
        public StartFailure(String message) {
            super(message);
        }
    }

    /** Starts the server unless it already runs; waits for readiness. Returns the pid. */
    public long start(ServerSpec spec) {
        Optional<ProcessHandle> running = running(spec.name());
        if (running.isPresent()) {
            if (spec.ready()) {
                progress.accept(spec.name() + " already running (pid " + running.get().pid() + ")");
                return running.get().pid();
            }
            progress.accept(spec.name() + " is running (pid " + running.get().pid() + ") but not ready; waiting");
            awaitReady(spec, running.get());
            return running.get().pid();
        }
        if (!Ports.isFree(spec.port())) {
            throw new StartFailure("port " + spec.port() + " for " + spec.name()
                    + " is taken by another program; stop it or choose another port (see README: ports)");
        }
        try {
            spec.prepare();
        } catch (Exception e) {
            throw new StartFailure("preparing " + spec.name() + " failed: " + e.getMessage()
                    + " (log: " + spec.logFile() + ")");
        }
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.addAll(spec.command());
        ProcessBuilder pb = new ProcessBuilder(command).directory(spec.workDir().toFile());
        pb.environment().putAll(spec.environment());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Files.createDirectories(spec.logFile().getParent());
            Files.writeString(spec.logFile(), "\n==== starting " + spec.name() + " at " + java.time.Instant.now()
                    + ": " + String.join(" ", spec.command()) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
        pb.redirectErrorStream(true);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new StartFailure("cannot start " + spec.name() + ": " + e.getMessage());
        }
        ProcessHandle handle = process.toHandle();
        writePid(spec.name(), handle);
        awaitReady(spec, handle);
        try {
            spec.afterReady();
        } catch (Exception e) {
            throw new StartFailure(spec.name() + " started but its setup failed: " + e.getMessage()
                    + " (log: " + spec.logFile() + ")");
        }
        return handle.pid();
    }

    private void awaitReady(ServerSpec spec, ProcessHandle handle) {
        long deadline = System.nanoTime() + Duration.ofSeconds(spec.startTimeoutSeconds()).toNanos();
        while (System.nanoTime() < deadline) {
            if (!handle.isAlive()) {
                deletePid(spec.name());
                throw new StartFailure(spec.name() + " exited during start-up; see its log: " + spec.logFile()
                        + "\n" + tail(spec.logFile(), 15));
            }
            if (spec.ready()) {
                return;
            }
            sleep(250);
        }
        throw new StartFailure(spec.name() + " was not ready after " + spec.startTimeoutSeconds()
                + " s; see its log: " + spec.logFile() + "\n" + tail(spec.logFile(), 15));
    }

    /** The live process recorded for this name, if its pid file is current. */
    public Optional<ProcessHandle> running(String name) {
        Path pidFile = runDir.resolve(name + ".pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(pidFile).trim().split("\\s+");
            long pid = Long.parseLong(parts[0]);
            long startMillis = parts.length > 1 ? Long.parseLong(parts[1]) : -1;
            Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (handle.isPresent() && startMillis > 0) {
                long actual = handle.get().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
                if (actual > 0 && Math.abs(actual - startMillis) > 2000) {
                    return Optional.empty(); // the pid was recycled by another program
                }
            }
            return handle;
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM, then SIGKILL after the grace period; also ends what the server left behind. */
    public boolean stop(String name, Duration grace) {
        return stop(name, "TERM", grace);
    }

    /** Stops with the server's own stop signal. */
    public boolean stop(ServerSpec spec, Duration grace) {
        return stop(spec.name(), spec.stopSignal(), grace);
    }

    private boolean stop(String name, String signal, Duration grace) {
        Optional<ProcessHandle> handle = running(name);
        if (handle.isEmpty()) {
            deletePid(name);
            return false;
        }
        ProcessHandle p = handle.get();
        List<ProcessHandle> descendants = p.descendants().toList();
        if ("TERM".equals(signal)) {
            p.destroy();
        } else {
            Unix.output(List.of("kill", "-s", signal, Long.toString(p.pid())));
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (p.isAlive() && System.nanoTime() < deadline) {
            sleep(100);
        }
        if (p.isAlive()) {
            progress.accept(name + " did not stop within " + grace.toSeconds() + " s; killing it");
            p.destroyForcibly();
            p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
        for (ProcessHandle d : descendants) {
            if (d.isAlive()) {
                d.destroy();
            }
        }
        for (ProcessHandle d : descendants) {
            d.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> null).join();
            if (d.isAlive()) {
                d.destroyForcibly();
            }
        }
        deletePid(name);
        return true;
    }

    private void writePid(String name, ProcessHandle handle) {
        long start = handle.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
        try {
            Files.createDirectories(runDir);
            Files.writeString(runDir.resolve(name + ".pid"), handle.pid() + " " + start + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deletePid(String name) {
        try {
            Files.deleteIfExists(runDir.resolve(name + ".pid"));
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    public static String tail(Path file, int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log yet)";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure("interrupted");
        }
    }
}
