package vn.gov.noivu.pakn.triage;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;
import vn.gov.noivu.pakn.triage.events.IntakeEventConsumer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Measures how fast triage routes intake events (prints numbers, asserts only that everything was routed). Off unless
 * {@code -Dpakn.bench.consumer=true}; {@code -Dpakn.bench.events=N} (default 3000) and {@code -Dpakn.bench.rate=R}
 * (events/s of the open-loop phase, default 330: intake's highest measured acceptance rate).
 * <ol>
 *   <li>drain: N SUBMITTED events published while the consumer is stopped, then the time to route them all;</li>
 *   <li>open loop: N events published at R/s with the consumer running; submit → routed latency (p50/p95/max from
 *       the case's submittedAt to its createdAt) and how long after the last send the last case was routed.</li>
 * </ol>
 * Run: {@code ./mvnw -B -pl triage-service -am verify -Dtest=ConsumerThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dpakn.bench.consumer=true}; add
 * {@code -Dquarkus.hibernate-orm.statistics=true} for the SQL statements per routed event (Hibernate statistics),
 * {@code -Dpakn.triage.consumer.threads=N} to try consumer threads.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "triage"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class ConsumerThroughputBenchmark {

    private static final int[] PROVINCES = {1, 79, 48, 31, 92, 56, 42, 40};

    @Inject
    IntakeEventConsumer consumer;
    @Inject
    AgroalDataSource db;
    @Inject
    SessionFactory sessions;

    @Test
    void routesAsFastAsIntakeAccepts() throws Exception {
        assumeTrue(Boolean.getBoolean("pakn.bench.consumer"), "benchmark: -Dpakn.bench.consumer=true");
        int n = Integer.getInteger("pakn.bench.events", 3000);
        int rate = Integer.getInteger("pakn.bench.rate", 330);
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaProducer<String, String> producer = Fixtures.producer(bootstrap)) {
            // warm-up: JIT, connection pool, routing caches
            List<String> warm = publish(producer, 200, 0);
            awaitRouted(warm);

            consumer.stop();
            List<String> backlog = publish(producer, n, 0);
            Statistics stats = sessions.getStatistics();
            long statements0 = stats.getPrepareStatementCount();
            long transactions0 = stats.getTransactionCount();
            long t0 = System.nanoTime();
            consumer.start();
            awaitRouted(backlog);
            double drainSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%nBENCH triage drain: %d events routed in %.2f s = %.0f events/s%n", n, drainSeconds,
                    n / drainSeconds);
            if (stats.isStatisticsEnabled()) {
                // every JDBC statement Hibernate prepared meanwhile (the consumer's, the reference-data reloads', the
                // outbox relay's), per routed event
                System.out.printf("BENCH triage drain: %.1f SQL statements per event, %d transactions%n",
                        (stats.getPrepareStatementCount() - statements0) / (double) n,
                        stats.getTransactionCount() - transactions0);
            }

            long s0 = System.nanoTime();
            List<String> open = publish(producer, n, rate);
            double sendSeconds = (System.nanoTime() - s0) / 1e9;
            long lastSent = System.nanoTime();
            awaitRouted(open);
            double tail = (System.nanoTime() - lastSent) / 1e9;
            long[] latencies = latenciesMillis(open);
            System.out.printf("BENCH triage open loop: %d events at %.0f/s offered; submit->routed p50 %d ms, "
                            + "p95 %d ms, p99 %d ms, max %d ms; last routed %.2f s after the last send%n%n", n,
                    n / sendSeconds, pct(latencies, 50), pct(latencies, 95), pct(latencies, 99),
                    latencies[latencies.length - 1], tail);
            assertEquals(n, latencies.length);
        }
    }

    private List<String> publish(KafkaProducer<String, String> producer, int n, int ratePerSecond) {
        List<String> ids = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (ratePerSecond > 0) {
                long due = start + (long) (i * 1e9 / ratePerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            Fixtures.IntakeCase c = new Fixtures.IntakeCase(PROVINCES[i % PROVINCES.length]);
            CaseEvent e = c.next(CaseEventType.SUBMITTED, null);
            ProducerRecord<String, String> r = new ProducerRecord<>(Topics.INTAKE_CASE_EVENTS, e.subject(),
                    CaseEventCodec.write(e));
            r.headers().add(new RecordHeader("content-type", CaseEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
            producer.send(r);
            ids.add(c.id);
        }
        producer.flush();
        return ids;
    }

    private void awaitRouted(List<String> ids) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (routed(ids) < ids.size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not all routed within 10 minutes: " + routed(ids) + "/" + ids.size());
            }
            Thread.sleep(50);
        }
    }

    private long routed(List<String> ids) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from triage_case where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long[] latenciesMillis(List<String> ids) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select extract(epoch from (created_at - submitted_at)) * 1000 from triage_case where id = any(?) "
                        + "order by 1")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Math.max(0, Math.round(rs.getDouble(1))));
                }
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
