package vn.gov.noivu.pakn.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Small helpers around the operating system. */
public final class Unix {

    private Unix() {
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a command to completion, output appended to the log; fails with the log's tail on a non-zero exit. */
    public static void run(List<String> command, Path workDir, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        java.nio.file.Files.createDirectories(log.getParent());
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        int code = pb.start().waitFor();
        if (code != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + code + "; log " + log + ":\n"
                    + Supervisor.tail(log, 10));
        }
    }

    /** Runs a command and returns its standard output, or null on a non-zero exit. */
    public static String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
