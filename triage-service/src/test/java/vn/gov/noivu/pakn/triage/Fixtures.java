package vn.gov.noivu.pakn.triage;

import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.Actor;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseKind;
import vn.gov.noivu.pakn.events.Change;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.events.Urgency;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Test fixtures: intake events produced with the plain Kafka client exactly as intake-service publishes them, the
 * triage events read back from Kafka, tokens for roles the shared TestTokens does not issue (deputies).
 */
public final class Fixtures {

    public static final Duration WAIT = Duration.ofSeconds(90);

    private Fixtures() {
    }

    /** An intake-side case being built by the test; {@link #next} produces its next event. */
    public static final class IntakeCase {
        public final String id = UUID.randomUUID().toString();
        public final String code;
        public int province;
        public String topic = "T01";
        public Urgency urgency = Urgency.NORMAL;
        public Instant submittedAt = Instant.now();
        public String title;
        public String description = "Mô tả vướng mắc khi áp dụng quy định mới.";
        public List<Integer> supporters = new ArrayList<>();
        public String contactName;
        public String contactPhone;
        public String contactEmail;
        public List<IntakeCaseData.Attachment> attachments = new ArrayList<>();
        public IntakeCaseData.Satisfaction satisfaction;
        public long version;

        public IntakeCase(int province) {
            this.province = province;
            this.code = "PAKN-2026-" + String.format("%06d", Math.floorMod(id.hashCode(), 1_000_000));
            this.title = "Vướng mắc của xã thuộc tỉnh " + province;
        }

        public int commune() {
            return province * 1000 + 7;
        }

        public IntakeCase topic(String t) {
            topic = t;
            return this;
        }

        public IntakeCase urgency(Urgency u) {
            urgency = u;
            return this;
        }

        public IntakeCase submittedAt(Instant at) {
            submittedAt = at;
            return this;
        }

        public IntakeCase title(String t) {
            title = t;
            return this;
        }

        public IntakeCase description(String d) {
            description = d;
            return this;
        }

        public IntakeCase contact(String name, String phone, String email) {
            contactName = name;
            contactPhone = phone;
            contactEmail = email;
            return this;
        }

        public IntakeCase attachment(String id, String fileName, String contentType, long size) {
            attachments.add(new IntakeCaseData.Attachment(id, fileName, contentType, size, submittedAt));
            return this;
        }

        /** The rating the next events carry (ANSWER_ACCEPTED sets it). */
        public IntakeCase satisfaction(int rating, String comment) {
            satisfaction = new IntakeCaseData.Satisfaction(rating, comment, Instant.now());
            return this;
        }

        public CaseEvent next(CaseEventType type, String text) {
            version++;
            return event(type, version, text);
        }

        public CaseEvent event(CaseEventType type, long caseVersion, String text) {
            Actor commune = new Actor("commune-" + commune(), Identity.COMMUNE_OFFICIAL, "Cán bộ xã " + commune());
            Instant at = type == CaseEventType.SUBMITTED ? submittedAt : Instant.now();
            IntakeCaseData data = new IntakeCaseData(id, code, commune(), "Xã thử nghiệm " + commune(), province,
                    null, topic, null, CaseKind.QUESTION, urgency, title, description, contactName, contactPhone,
                    contactEmail, attachments.size(), List.copyOf(supporters), submittedAt, commune,
                    new Change(commune, at, type == CaseEventType.REOPEN_REQUESTED ? text : null, text, null),
                    List.copyOf(attachments), satisfaction);
            return CaseEventCodec.intake(type, UUID.randomUUID(), caseVersion, data);
        }
    }

    public static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    public static void send(KafkaProducer<String, String> producer, CaseEvent event) {
        sendRaw(producer, event.subject(), CaseEventCodec.write(event));
    }

    public static void sendRaw(KafkaProducer<String, String> producer, String key, String value) {
        ProducerRecord<String, String> r = new ProducerRecord<>(Topics.INTAKE_CASE_EVENTS, key, value);
        r.headers().add(new RecordHeader("content-type", CaseEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(r).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Produces SUBMITTED and waits until the case is routed (visible to the admin). */
    public static IntakeCase submitAndRoute(KafkaProducer<String, String> producer, IntakeCase c) {
        send(producer, c.next(CaseEventType.SUBMITTED, null));
        awaitCase(c.id);
        return c;
    }

    public static void awaitCase(String caseId) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> given().auth().oauth2(admin())
                .get("/api/v1/cases/" + caseId).statusCode() == 200);
    }

    public static Response caseOf(String caseId) {
        return given().auth().oauth2(admin()).get("/api/v1/cases/" + caseId);
    }

    /** All triage events of the given cases on pakn.triage.case-events, once {@code until} holds for them. */
    public static List<CaseEvent> triageEvents(String bootstrap, Set<String> caseIds,
            Predicate<List<CaseEvent>> until) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<CaseEvent> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.TRIAGE_CASE_EVENTS));
            await().atMost(WAIT).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (caseIds.contains(r.key())) {
                        CaseEvent e = CaseEventCodec.read(r.value());
                        if (!e.subject().equals(r.key())) {
                            throw new AssertionError("record key differs from subject: " + r.key());
                        }
                        seen.add(e);
                    }
                }
                return until.test(seen);
            });
        }
        return seen;
    }

    public static long count(List<CaseEvent> events, String caseId, CaseEventType type) {
        return events.stream().filter(e -> e.subject().equals(caseId) && e.type().equals(type.ceType())).count();
    }

    public static String admin() {
        return vn.gov.noivu.pakn.testsupport.TestTokens.admin();
    }

    public static String liaison(int province) {
        return vn.gov.noivu.pakn.testsupport.TestTokens.liaison(province);
    }

    public static String head(String unit) {
        return vn.gov.noivu.pakn.testsupport.TestTokens.token(Identity.DEPARTMENT_HEAD, unit);
    }

    /** A deputy liaison of a province ({@code deputy-P}), signed with the test key pair like TestTokens. */
    public static String deputy(int province) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(Identity.LOCAL_ISSUER);
            claims.setAudience(Identity.AUDIENCE);
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(60);
            claims.setGeneratedJwtId();
            claims.setSubject("deputy-" + province);
            claims.setClaim("upn", "deputy-" + province);
            claims.setClaim(Identity.CLAIM_NAME, "Cán bộ phó phụ trách tỉnh " + province);
            claims.setClaim(Identity.CLAIM_PROVINCES, List.of(province));
            claims.setStringListClaim("groups", List.of(Identity.LIAISON));
            String pem = Files.readString(Path.of("target/test-keys/jwt-private.pem").toAbsolutePath())
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem))));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
