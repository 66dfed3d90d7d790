package vn.gov.noivu.pakn.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples pg_stat_activity every 50 ms while a load runs: what the active backends of one database are doing
 * (running on CPU, or waiting: WAL flush = fsync, a row lock, a client read...). Shows what limits the database side.
 */
final class PgWaits implements AutoCloseable {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Thread thread;
    private long samples;
    private long activeSum;

    PgWaits(String jdbcUrl, String database) {
        thread = Thread.ofPlatform().name("bench-pg-waits").daemon().start(() -> {
            try (Connection c = Baselines.connect(jdbcUrl);
                 PreparedStatement ps = c.prepareStatement("select coalesce(wait_event_type, 'CPU'), "
                         + "coalesce(wait_event, 'running') from pg_stat_activity where state = 'active' "
                         + "and datname = ? and pid <> pg_backend_pid()")) {
                ps.setString(1, database);
                while (running) {
                    long n = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            counts.merge(rs.getString(1) + ":" + rs.getString(2), 1L, Long::sum);
                            n++;
                        }
                    }
                    samples++;
                    activeSum += n;
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                // stopped
            } catch (Exception e) {
                counts.merge("sampling failed: " + e.getMessage(), 1L, Long::sum);
            }
        });
    }

    record Result(double avgActive, Map<String, Double> shares) {
        String top(int n) {
            StringBuilder sb = new StringBuilder();
            shares.entrySet().stream().limit(n).forEach(e -> {
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(e.getKey().replace("CPU:running", "on CPU")).append(' ')
                        .append(String.format("%.0f%%", e.getValue()));
            });
            return String.format("%.1f active: ", avgActive) + sb;
        }
    }

    Result stop() throws InterruptedException {
        running = false;
        thread.join(5000);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> shares.put(e.getKey(), total == 0 ? 0 : 100.0 * e.getValue() / total));
        return new Result(samples == 0 ? 0 : activeSum / (double) samples, shares);
    }

    @Override
    public void close() throws InterruptedException {
        if (running) {
            stop();
        }
    }

    static List<String> describe() {
        return List.of("IO:WALSync / LWLock:WALWrite = waiting for the WAL flush (fsync) at commit",
                "Lock:transactionid / Lock:tuple = waiting for another transaction's row lock",
                "Client:ClientRead = idle inside a transaction, waiting for the application's next statement");
    }
}
