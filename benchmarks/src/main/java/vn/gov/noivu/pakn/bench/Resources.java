package vn.gov.noivu.pakn.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * CPU seconds and memory of every process of the run: PostgreSQL (postmaster and its backends), Kafka,
 * Elasticsearch, each service, the load generator itself and its child processes (pgbench, jcmd). CPU is taken at
 * phase boundaries, so each phase shows who used the two cores, and how much other programs on the machine used.
 */
final class Resources implements AutoCloseable {

    record Part(String name, LongSupplier pid, boolean tree) {
    }

    static final String LOADGEN = "load generator (this JVM)";
    static final String CHILDREN = "pgbench, jcmd (children of the load generator)";

    final List<Part> parts = new ArrayList<>();
    private final Map<String, Long> peakTreePss = new ConcurrentHashMap<>();
    private final Map<String, Long> lastPid = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Thread sampler;

    Resources(BenchStack stack) {
        for (String n : List.of("postgres", "kafka", "elasticsearch", "intake-service", "triage-service",
                "search-service")) {
            parts.add(new Part(n, () -> stack.pid(n), n.equals("postgres")));
        }
        sampler = Thread.ofPlatform().name("bench-memory-sampler").daemon().start(() -> {
            while (running) {
                for (Part p : parts) {
                    long pid = p.pid().getAsLong();
                    if (pid > 0) {
                        lastPid.put(p.name(), pid);
                        if (p.tree()) {
                            peakTreePss.merge(p.name(), ProcStats.treePssKb(pid), Math::max);
                        }
                    }
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    record Snapshot(long nanos, Map<String, Double> cpu, long[] machine) {
    }

    Snapshot snap() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (Part p : parts) {
            long pid = p.pid().getAsLong();
            cpu.put(p.name(), pid <= 0 ? 0 : p.tree() ? ProcStats.cpuTree(pid) : ProcStats.cpuSelf(pid));
        }
        cpu.put(LOADGEN, ProcStats.cpuSelf(ProcessHandle.current().pid()));
        cpu.put(CHILDREN, ProcStats.cpuReapedChildrenOfSelf());
        return new Snapshot(System.nanoTime(), cpu, ProcStats.machineTicks());
    }

    record Usage(String phase, double seconds, Map<String, Double> cpu, double machineBusy, double capacity) {
        double ours() {
            return cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double other() {
            return Math.max(0, machineBusy - ours());
        }

        double utilisation() {
            return capacity == 0 ? 0 : machineBusy / capacity;
        }
    }

    final List<Usage> phases = new ArrayList<>();

    Usage phase(String name, Snapshot a, Snapshot b) {
        Map<String, Double> d = new LinkedHashMap<>();
        for (String k : b.cpu().keySet()) {
            d.put(k, Math.max(0, b.cpu().get(k) - a.cpu().getOrDefault(k, 0.0)));
        }
        double secs = (b.nanos() - a.nanos()) / 1e9;
        double busy = (b.machine()[0] - a.machine()[0]) / (double) ProcStats.HZ;
        double total = (b.machine()[1] - a.machine()[1]) / (double) ProcStats.HZ;
        Usage u = new Usage(name, secs, d, busy, total);
        phases.add(u);
        return u;
    }

    record Memory(String name, long pid, long hwmKb, long peakTreePssKb, double cpuSeconds) {
    }

    private final List<Memory> retired = new ArrayList<>();

    /** Records a process that is about to be stopped and replaced (a service restarted with another heap). */
    void retire(String name, String label) {
        for (Part p : parts) {
            if (p.name().equals(name)) {
                long pid = p.pid().getAsLong();
                if (pid > 0) {
                    retired.add(new Memory(label, pid, ProcStats.hwmKb(pid), 0, ProcStats.cpuSelf(pid)));
                }
            }
        }
    }

    /** Peak RSS (VmHWM) and total CPU of each process; call before stopping them. */
    List<Memory> totals() {
        List<Memory> out = new ArrayList<>(retired);
        for (Part p : parts) {
            long pid = p.pid().getAsLong();
            if (pid <= 0) {
                pid = lastPid.getOrDefault(p.name(), -1L);
            }
            double cpu = pid <= 0 ? 0 : p.tree() ? ProcStats.cpuTree(pid) : ProcStats.cpuSelf(pid);
            out.add(new Memory(p.name(), pid, pid <= 0 ? 0 : ProcStats.hwmKb(pid), peakTreePss.getOrDefault(p.name(), 0L),
                    cpu));
        }
        long self = ProcessHandle.current().pid();
        out.add(new Memory(LOADGEN, self, ProcStats.hwmKb(self), 0, ProcStats.cpuSelf(self)));
        out.add(new Memory(CHILDREN, -1, 0, 0, ProcStats.cpuReapedChildrenOfSelf()));
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(5000);
    }
}
