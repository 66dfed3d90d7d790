package vn.gov.noivu.pakn.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Progress lines with the elapsed time, on stdout and in the run's log file. */
final class Log {

    private final long t0 = System.nanoTime();
    private final PrintWriter file;

    Log(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        this.file = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING), true);
    }

    double elapsed() {
        return (System.nanoTime() - t0) / 1e9;
    }

    synchronized void say(String line) {
        String s = String.format("[bench %6.1fs] %s", elapsed(), line);
        System.out.println(s);
        System.out.flush();
        file.println(s);
    }
}
