package vn.gov.noivu.pakn.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baselines the system is compared with: pgbench running the submission's insert transaction against the same
 * PostgreSQL, and the raw throughput of a Kafka producer configured like intake-service's outbox relay.
 */
final class Baselines {

    static final String PGBENCH_DB = "bench_pgbench";

    private Baselines() {
    }

    // --------------------------------------------------------------------------------------------------- samples

    /** A real SUBMITTED CloudEvent and a real stored 201 response body from the intake database. */
    record Samples(List<byte[]> payloads, double avgPayloadBytes, String payload, String responseBody) {
    }

    static Samples samples(String jdbcUrl, int limit) throws SQLException {
        List<byte[]> payloads = new ArrayList<>();
        long total = 0;
        String response = null;
        try (Connection c = connect(jdbcUrl); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select payload from outbox_event where event_type = 'SUBMITTED' "
                    + "order by seq desc limit " + limit)) {
                while (rs.next()) {
                    byte[] b = rs.getString(1).getBytes(StandardCharsets.UTF_8);
                    payloads.add(b);
                    total += b.length;
                }
            }
            try (ResultSet rs = s.executeQuery("select response_body from idempotency_key where response_body is not null "
                    + "limit 1")) {
                if (rs.next()) {
                    response = rs.getString(1);
                }
            }
        }
        if (payloads.isEmpty() || response == null) {
            throw new IllegalStateException("no submissions in the intake database to take samples from");
        }
        // the payload closest to the average size stands for all in the pgbench script
        double avg = total / (double) payloads.size();
        byte[] typical = payloads.stream().min((a, b) -> Double.compare(Math.abs(a.length - avg), Math.abs(b.length - avg)))
                .orElseThrow();
        return new Samples(payloads, avg, new String(typical, StandardCharsets.UTF_8), response);
    }

    static Connection connect(String jdbcUrl) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "pakn");
        p.setProperty("password", "pakn");
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl, p);
    }

    // --------------------------------------------------------------------------------------------------- pgbench

    /** How the deployed intake-service numbers cases and limits submissions, read from its live database. */
    record Schema(boolean counterRow, boolean rateLimit, int year) {
        String codeStatement() {
            return counterRow ? "upsert of the year's row in `case_code_counter` (row locked until commit)"
                    : "`nextval` of the year's sequence `case_code_" + year + "`";
        }
    }

    static Schema deployedSchema(String intakeJdbc) throws SQLException {
        try (Connection c = connect(intakeJdbc); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select to_regclass('public.case_code_counter') is not null, "
                     + "to_regclass('public.intake_case_submitter_idx') is not null")) {
            rs.next();
            return new Schema(rs.getBoolean(1), rs.getBoolean(2), java.time.LocalDate.now(Corpus.VN).getYear());
        }
    }

    /** The SQL migrations packaged in intake-service's jar (what its Flyway applied), by version. */
    static java.util.SortedMap<Integer, String> packagedMigrations(Path repoRoot) throws IOException {
        Path app = repoRoot.resolve("intake-service/target/quarkus-app/app");
        java.util.SortedMap<Integer, String> out = new java.util.TreeMap<>();
        try (var jars = Files.list(app)) {
            for (Path jar : jars.filter(j -> j.getFileName().toString().startsWith("intake-service")).toList()) {
                try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {
                    for (var e : java.util.Collections.list(z.entries())) {
                        Matcher m = Pattern.compile("^db/migration/V(\\d+)__.*\\.sql$").matcher(e.getName());
                        if (m.find()) {
                            out.put(Integer.parseInt(m.group(1)), new String(z.getInputStream(e).readAllBytes(),
                                    StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no SQL migrations in " + app);
        }
        return out;
    }

    /**
     * A database with intake-service's schema (the SQL migrations packaged in its jar, the reference data loaded like
     * its Java migration), so pgbench's rows do not reach the outbox relay of the running service.
     */
    static void preparePgbenchDatabase(BenchStack stack, Path repoRoot, ReferenceData ref, Schema schema)
            throws Exception {
        stack.layout.postgres().createDatabase(PGBENCH_DB);
        java.util.SortedMap<Integer, String> migrations = packagedMigrations(repoRoot);
        try (Connection c = connect(stack.jdbcUrl(PGBENCH_DB))) {
            c.setAutoCommit(true);
            for (Map.Entry<Integer, String> m : migrations.entrySet()) {
                try (Statement s = c.createStatement()) {
                    s.execute(m.getValue());
                }
                if (m.getKey() == 1) {
                    loadReference(c, ref); // V2 is a Java migration: the reference data
                }
            }
            try (Statement s = c.createStatement()) {
                if (!schema.counterRow()) {
                    s.execute("create sequence if not exists case_code_" + schema.year());
                }
                // the index of a random commune, so pgbench can pick one like a request names one
                s.execute("create table bench_commune (idx integer primary key, code integer not null)");
                s.execute("insert into bench_commune select (row_number() over (order by code)) - 1, code from commune");
                s.execute("vacuum analyze");
            }
        }
    }

    private static void loadReference(Connection c, ReferenceData ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into province (code, name, type) values (?, ?, ?)")) {
            for (ReferenceData.Province p : ref.provinces.values()) {
                ps.setInt(1, p.code());
                ps.setString(2, p.name());
                ps.setString(3, p.type());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into commune (code, name, type, province_code) values (?, ?, ?, ?)")) {
            for (ReferenceData.Commune m : ref.communes) {
                ps.setInt(1, m.code());
                ps.setString(2, m.name());
                ps.setString(3, m.type());
                ps.setInt(4, m.province().code());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Escapes text for an E'' literal whose colons pgbench must not take for variables. */
    static String literal(String s) {
        return "E'" + s.replace("\\", "\\\\").replace("'", "''").replace(":", "\\x3a").replace("\n", "\\n") + "'";
    }

    /**
     * The statements of {@code CaseService.submit} in the order Hibernate sends them: claim the Idempotency-Key,
     * count the caller's recent cases up to the limit (rate limit), take the next case code, insert the case, the
     * outbox row (the CloudEvent) and the timeline row, store the response for the key; one transaction. Commune,
     * province and topic come from intake's cached reference data, not from a query; the script still reads the
     * commune (to draw a real one with its province), one select more than the service sends.
     */
    static String pgbenchScript(ReferenceData ref, Samples samples, Corpus.Case sampleCase, Schema schema) {
        int n = ref.communes.size();
        // every variable cast: with -M prepared pgbench sends them as parameters of unknown type
        String i = "(:i)::integer";
        String k = "(:k)::bigint";
        String cc = "(:cc)::integer";
        String pc = "(:pc)::integer";
        String caseId = "md5(concat('c', " + k + "))::uuid";
        String eventId = "md5(concat('e', " + k + "))::uuid";
        String caller = "concat('commune-', " + i + ")";
        String key = "concat('k', " + k + ")";
        return String.join("\n",
                "\\set i random(0, " + (n - 1) + ")",
                "\\set t random(1, 12)",
                "\\set k random(1, 1000000000000000)",
                "BEGIN;",
                "insert into idempotency_key (caller_id, idem_key, request_hash, created_at) values (" + caller + ", "
                        + key + ", md5(concat('h', " + k + ")), now()) on conflict do nothing;",
                "select c.code as cc, c.province_code as pc, c.name as cn from commune c join bench_commune b "
                        + "on b.code = c.code where b.idx = " + i + " \\gset",
                schema.rateLimit() ? "select count(*) from (select 1 from intake_case where submitted_by_id = "
                        + "concat('commune-', " + cc + ") and submitted_at > now() - interval '1 minute' limit 30) recent;"
                        : "-- (no rate limit in this version)",
                schema.counterRow()
                        ? "insert into case_code_counter (year, last_value) values (" + schema.year() + ", 1) on conflict "
                        + "(year) do update set last_value = case_code_counter.last_value + 1 returning last_value \\gset"
                        : "select nextval(cast('case_code_" + schema.year() + "' as regclass)) as last_value \\gset",
                "insert into intake_case (id, code, commune_code, province_code, topic_code, kind, urgency, title, "
                        + "description, contact_name, contact_phone, contact_email, submitted_at, submitted_by_id, "
                        + "submitted_by_name, intake_version, attachment_count, status, triage_version, awaiting_triage, "
                        + "updated_at) values (" + caseId + ", concat('PAKN-', "+ schema.year() + ", '-', (:last_value)::bigint), " + cc + ", "
                        + pc + ", concat('T', lpad(((:t)::integer)::text, 2, '0')), 'DIFFICULTY', 'NORMAL', " + literal(sampleCase.title()) + ", "
                        + literal(sampleCase.description()) + ", " + literal(sampleCase.contactName()) + ", "
                        + literal(sampleCase.contactPhone()) + ", null, now(), concat('commune-', " + cc + "), "
                        + literal("Cán bộ xã") + ", 1, 0, 'SUBMITTED', 0, false, now());",
                "insert into outbox_event (event_id, case_id, case_version, event_type, topic, payload, created_at, "
                        + "attempts) values (" + eventId + ", " + caseId + ", 1, 'SUBMITTED', 'pakn.intake.case-events', "
                        + literal(samples.payload()) + ", now(), 0);",
                "insert into case_timeline (case_id, event_id, event_type, producer, occurred_at, actor_id, actor_role, "
                        + "actor_name, reason, text, status) values (" + caseId + ", " + eventId + "::text, 'SUBMITTED', "
                        + "'INTAKE', now(), concat('commune-', " + cc + "), 'commune-official', " + literal("Cán bộ xã")
                        + ", null, null, 'SUBMITTED');",
                "update idempotency_key set case_id = " + caseId + ", response_status = 201, response_body = "
                        + literal(samples.responseBody()) + ", location = concat('/api/v1/cases/', " + caseId
                        + ") where caller_id = " + caller + " and idem_key = " + key + ";",
                "END;",
                "");
    }

    record PgbenchRun(int clients, double tps, double latencyMs, long transactions, long failed,
            Map<String, Double> statementMs, String output) {
    }

    static PgbenchRun pgbench(Path pgbench, Path script, int port, int clients, int seconds, Path outDir, Log log)
            throws IOException, InterruptedException {
        List<String> cmd = List.of(pgbench.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "pakn",
                "-n", "-M", "prepared", "-r", "-f", script.toString(), "-c", Integer.toString(clients), "-j",
                Integer.toString(Math.min(clients, 2)), "-T", Integer.toString(seconds), PGBENCH_DB);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "pakn");
        Path out = outDir.resolve("pgbench-c" + clients + ".txt");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new IOException("pgbench did not finish; output in " + out);
        }
        String text = Files.readString(out);
        if (p.exitValue() != 0) {
            log.say("pgbench exited " + p.exitValue() + ":\n" + text);
        }
        double tps = num(text, "tps = ([0-9.]+) \\(without initial connection time\\)");
        double lat = num(text, "latency average = ([0-9.]+) ms");
        long tx = (long) num(text, "number of transactions actually processed: ([0-9]+)");
        long failed = (long) num(text, "number of failed transactions: ([0-9]+)");
        Map<String, Double> stmts = new LinkedHashMap<>();
        boolean inStatements = false;
        for (String line : text.lines().toList()) {
            if (line.contains("statement latencies in milliseconds")) {
                inStatements = true;
                continue;
            }
            if (inStatements) {
                Matcher m = Pattern.compile("^\\s+([0-9.]+)\\s+(?:[0-9]+\\s+)?(.*)$").matcher(line);
                if (m.find()) {
                    String stmt = m.group(2).trim();
                    if (!stmt.startsWith("\\set")) {
                        stmts.put(stmt.length() > 70 ? stmt.substring(0, 70) + "…" : stmt, Double.parseDouble(m.group(1)));
                    }
                }
            }
        }
        return new PgbenchRun(clients, tps, lat, tx, failed, stmts, text);
    }

    private static double num(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    // --------------------------------------------------------------------------------------------------- Kafka

    record KafkaRun(long messages, double seconds, double avgBytes, Lat.Summary ackLatency) {
        double rate() {
            return messages / seconds;
        }

        double mbPerSecond() {
            return messages * avgBytes / seconds / 1e6;
        }
    }

    static final String KAFKA_TOPIC = "bench.producer-baseline";

    /**
     * As many records as the producer sends in {@code duration}: real SUBMITTED CloudEvents, key = a case id, header
     * content-type, producer settings of intake-service's outbox (acks=all, idempotent, 5 in flight, linger 5 ms,
     * lz4), to a 12-partition topic like the case topics.
     */
    static KafkaRun kafkaProducer(String bootstrap, Samples samples, Duration duration) throws Exception {
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(ap)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(KAFKA_TOPIC)) {
                admin.createTopics(List.of(new NewTopic(KAFKA_TOPIC, 12, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-producer-baseline");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        Lat lat = new Lat();
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Semaphore window = new Semaphore(20_000);
        byte[] ct = "application/cloudevents+json".getBytes(StandardCharsets.UTF_8);
        long bytes = 0;
        long sent = 0;
        long t0;
        long t1;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            // warm-up: metadata and connections
            producer.send(new ProducerRecord<>(KAFKA_TOPIC, "warm-up", samples.payloads().get(0))).get(30, TimeUnit.SECONDS);
            t0 = System.nanoTime();
            long end = t0 + duration.toNanos();
            int i = 0;
            while (System.nanoTime() < end) {
                if (!window.tryAcquire(5, TimeUnit.SECONDS)) {
                    break;
                }
                byte[] v = samples.payloads().get(i++ % samples.payloads().size());
                ProducerRecord<String, byte[]> rec = new ProducerRecord<>(KAFKA_TOPIC, UUID.randomUUID().toString(), v);
                rec.headers().add("content-type", ct);
                long s = System.nanoTime();
                producer.send(rec, (md, ex) -> {
                    if (ex == null) {
                        acked.incrementAndGet();
                        lat.recordNanos(System.nanoTime() - s);
                    } else {
                        failed.incrementAndGet();
                    }
                    window.release();
                });
                bytes += v.length;
                sent++;
            }
            producer.flush();
            t1 = System.nanoTime();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " Kafka baseline sends failed");
        }
        return new KafkaRun(acked.get(), (t1 - t0) / 1e9, bytes / (double) Math.max(1, sent), lat.summary());
    }
}
