package vn.gov.noivu.pakn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Readings from /proc: CPU ticks of a process (and its children), peak and current memory, machine-wide CPU. */
final class ProcStats {

    private ProcStats() {
    }

    static final long HZ = clockTicks();

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100;
        }
    }

    /** utime, stime, cutime, cstime in ticks; zeros when the process is gone. */
    static long[] ticks(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state); utime is field 14
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return new long[4];
        }
    }

    /** CPU seconds of the process itself (all threads). */
    static double cpuSelf(long pid) {
        long[] t = ticks(pid);
        return (t[0] + t[1]) / (double) HZ;
    }

    /** CPU seconds of the process, its reaped children and its live descendants (PostgreSQL: postmaster + backends). */
    static double cpuTree(long pid) {
        long[] t = ticks(pid);
        long sum = t[0] + t[1] + t[2] + t[3];
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            for (ProcessHandle d : h.get().descendants().toList()) {
                long[] dt = ticks(d.pid());
                sum += dt[0] + dt[1];
            }
        }
        return sum / (double) HZ;
    }

    /** CPU seconds of this JVM's reaped children (pgbench, jcmd). */
    static double cpuReapedChildrenOfSelf() {
        long[] t = ticks(ProcessHandle.current().pid());
        return (t[2] + t[3]) / (double) HZ;
    }

    static long statusKb(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    static long hwmKb(long pid) {
        return statusKb(pid, "VmHWM");
    }

    static long rssKb(long pid) {
        return statusKb(pid, "VmRSS");
    }

    /** Proportional set size: shared pages divided among the processes sharing them. */
    static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    /** Sum of PSS over a process and its descendants. */
    static long treePssKb(long pid) {
        long sum = pssKb(pid);
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            for (ProcessHandle d : h.get().descendants().toList()) {
                sum += pssKb(d.pid());
            }
        }
        return sum;
    }

    /** Machine-wide {busy, total} ticks from /proc/stat (busy excludes idle and iowait). */
    static long[] machineTicks() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[2];
        }
    }

    static String meminfoTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.substring(9).trim().split("\\s+")[0]);
                    return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "?";
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "?";
    }

    static String loadAvg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", List.of(f[0], f[1], f[2]));
        } catch (IOException e) {
            return "?";
        }
    }

    static String kernel() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            return System.getProperty("os.version");
        }
    }
}
