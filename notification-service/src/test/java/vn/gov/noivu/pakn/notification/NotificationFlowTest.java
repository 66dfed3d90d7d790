package vn.gov.noivu.pakn.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.notification.digest.Digests;
import vn.gov.noivu.pakn.notification.entity.Delivery;
import vn.gov.noivu.pakn.notification.service.EventWriter;
import vn.gov.noivu.pakn.testsupport.GreenMailResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.KeycloakResource;
import vn.gov.noivu.pakn.testsupport.MailServer;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestServers;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole path against real servers: case events on the real Kafka, recipients from the real Keycloak (users created
 * through its admin API), mail through a real SMTP server (GreenMail) read back over IMAP, the service's own
 * PostgreSQL database.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "pakn_notification"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = GreenMailResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KeycloakDirectoryResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class NotificationFlowTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    EntityManager em;

    @Inject
    Digests digests;

    @Inject
    EventWriter writer;

    static MailServer mail;

    @BeforeAll
    static void servers() {
        mail = TestServers.greenmail();
    }

    /** A commune (and its province) no other test uses, with its official in Keycloak. */
    record Commune(int code, int province, String user, String address) {
    }

    static Commune commune() {
        int code = ThreadLocalRandom.current().nextInt(100_000, 900_000);
        int province = ThreadLocalRandom.current().nextInt(1_000, 9_000);
        String user = TestServers.keycloakUser(Identity.COMMUNE_OFFICIAL, code);
        return new Commune(code, province, user, user + "@pakn.local");
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(200);
        }
    }

    long deliveries(String eventId, String channel) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.count("eventId = ?1 and channel = ?2", eventId,
                channel));
    }

    Delivery delivery(String eventId, String recipient, String channel) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>find(
                "eventId = ?1 and recipient = ?2 and channel = ?3", eventId, recipient, channel).firstResult());
    }

    List<MailServer.Mail> mails(String address) {
        try {
            return mail.inbox(address);
        } catch (Exception e) {
            return List.of();
        }
    }

    @Test
    void answerReachesTheCommuneByMailOnceWithAWorkingUnsubscribeLink() throws Exception {
        Commune c = commune();
        String caseId = UUID.randomUUID().toString();
        CaseEvent answered = Events.triage(CaseEventType.ANSWERED, caseId, c.code(), c.province(), 4,
                CaseStatus.ANSWERED, SlaState.STOPPED, "Xã bố trí theo Nghị định 33/2023/NĐ-CP, điều 6.");
        CaseEvent submitted = Events.submitted(caseId, c.code(), c.province(), 1);
        Events.send(submitted);
        // the topics are not ordered with each other: the submission (days earlier in reality) first
        await("the submission", () -> QuarkusTransaction.requiringNew().call(
                () -> writer.processed(submitted.id())));
        Events.send(answered);

        List<MailServer.Mail> got = mail.await(c.address(), 1, WAIT);
        assertEquals(1, got.size(), "one mail to the commune official");
        MailServer.Mail m = got.get(0);
        assertEquals("[PAKN] Bộ Nội vụ đã trả lời: hồ sơ " + Events.code(caseId), m.subject());
        assertTrue(m.from().contains("noreply@pakn.local"), m.from());
        assertTrue(m.text().contains("Nghị định 33/2023/NĐ-CP"), m.text());
        assertTrue(m.text().contains("http://127.0.0.1:8081/xa/ho-so/" + caseId), "link to the commune's case page");
        assertTrue(m.html().contains("href=\"http://127.0.0.1:8081/xa/ho-so/" + caseId + "\""), m.html());
        assertTrue(m.text().contains("Thiếu biên chế công chức văn hóa – xã hội sau sáp nhập"), "the case's title");
        assertTrue(Pattern.compile("Thời điểm: \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}").matcher(m.text()).find(),
                "Vietnamese date");

        // replay: the same event (same id) twice more, and an old copy of it: nothing new anywhere
        Events.send(answered);
        Events.send(answered);
        CaseEvent marker = Events.triage(CaseEventType.CLOSED, caseId, c.code(), c.province(), 5,
                CaseStatus.CLOSED, SlaState.STOPPED, null);
        Events.send(marker);
        await("the event after the replays", () -> deliveries(marker.id(), "EMAIL") == 1);
        assertEquals(1, deliveries(answered.id(), "EMAIL"));
        assertEquals(1, deliveries(answered.id(), "IN_APP"));
        await("the closing mail", () -> mails(c.address()).size() == 2);
        Thread.sleep(1500);
        assertEquals(2, mails(c.address()).size(), "replays sent nothing");

        // the unsubscribe link works without signing in: GET shows, POST applies
        Matcher link = Pattern.compile("(/huy-dang-ky\\?t=[A-Za-z0-9_%.-]+)").matcher(m.text());
        assertTrue(link.find(), m.text());
        String path = java.net.URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
        String token = path.substring(path.indexOf("t=") + 2);
        Response page = given().accept("text/html").queryParam("t", token).get("/huy-dang-ky");
        page.then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Hủy nhận thư thông báo"), containsString("Bộ đã trả lời hồ sơ của xã"));
        given().contentType(ContentType.URLENC).formParam("t", token).post("/huy-dang-ky")
                .then().statusCode(200).body(containsString("Đã hủy nhận thư"));
        given().auth().oauth2(TestTokens.communeOfficial(c.code())).get("/api/v1/preferences").then()
                .statusCode(200).body("preferences.find { it.kind == 'ANSWERED' }.mode", equalTo("OFF"));

        // a forged link is refused with a Vietnamese page
        given().accept("text/html").queryParam("t", token.substring(0, token.length() - 3) + "abc").get("/huy-dang-ky")
                .then().statusCode(400).body(containsString("không hợp lệ hoặc đã hết hạn"));

        // now ANSWERED is off for this user: a second answer reaches neither mailbox nor inbox
        CaseEvent again = Events.triage(CaseEventType.ANSWERED, caseId, c.code(), c.province(), 6,
                CaseStatus.ANSWERED, SlaState.STOPPED, "Trả lời bổ sung.");
        Events.send(again);
        CaseEvent marker2 = Events.triage(CaseEventType.CLAIMED, caseId, c.code(), c.province(), 7,
                CaseStatus.CLAIMED, SlaState.ON_TRACK, null);
        Events.send(marker2);
        await("the claim after the second answer", () -> deliveries(marker2.id(), "IN_APP") == 1);
        assertEquals(0, deliveries(again.id(), "EMAIL"));
        assertEquals(0, deliveries(again.id(), "IN_APP"));
    }

    @Test
    void smtpOutageDelaysMailAndLosesNone() throws Exception {
        Commune c = commune();
        String caseId = UUID.randomUUID().toString();
        mail.stop();
        try {
            CaseEvent claimed = Events.triage(CaseEventType.CLAIMED, caseId, c.code(), c.province(), 2,
                    CaseStatus.CLAIMED, SlaState.ON_TRACK, null);
            CaseEvent info = Events.triage(CaseEventType.INFO_REQUESTED, caseId, c.code(), c.province(), 3,
                    CaseStatus.NEEDS_INFO, SlaState.PAUSED, "Đề nghị xã gửi quyết định thành lập.");
            Events.send(claimed);
            Events.send(info);
            await("a failed attempt recorded", () -> {
                Delivery d = delivery(info.id(), c.user(), "EMAIL");
                return d != null && d.attempts >= 1;
            });
            Delivery d = delivery(info.id(), c.user(), "EMAIL");
            assertEquals(Delivery.State.PENDING, d.state);
            assertNotNull(d.lastError);
            // admins see the queue
            given().auth().oauth2(TestTokens.admin()).queryParam("state", "PENDING").queryParam("size", 500)
                    .get("/api/v1/admin/deliveries").then().statusCode(200)
                    .body("items.find { it.eventId == '" + info.id() + "' }.state", equalTo("PENDING"));
            given().auth().oauth2(TestTokens.communeOfficial(c.code())).get("/api/v1/admin/deliveries").then()
                    .statusCode(403).contentType(containsString("application/problem+json"));
        } finally {
            mail.restart();
        }
        List<MailServer.Mail> got = mail.await(c.address(), 2, WAIT);
        assertEquals(2, got.size(), "both mails after the relay came back");
        assertTrue(got.stream().anyMatch(m -> m.subject().startsWith("[PAKN] Đề nghị bổ sung thông tin")));
        assertTrue(got.stream().anyMatch(m -> m.text().contains("Đề nghị xã gửi quyết định thành lập.")));
    }

    @Test
    void aPermanentlyRefusedAddressIsFailedWithTheReasonNotRetried() throws Exception {
        String eventId = "test-permanent-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into delivery (event_id, recipient, channel, kind, address, subject, body_text, state)
                values (?1, 'someone', 'EMAIL', 'ANSWERED', 'not an address', 'Thử', 'Nội dung', 'PENDING')""")
                .setParameter(1, eventId).executeUpdate());
        await("the delivery failed", () -> delivery(eventId, "someone", "EMAIL").state == Delivery.State.FAILED);
        Delivery d = delivery(eventId, "someone", "EMAIL");
        assertEquals(1, d.attempts);
        assertTrue(d.lastError.contains("không hợp lệ"), d.lastError);
        given().auth().oauth2(TestTokens.admin()).queryParam("state", "FAILED").queryParam("size", 500)
                .get("/api/v1/admin/deliveries").then().statusCode(200)
                .body("items.find { it.eventId == '" + eventId + "' }.lastError", containsString("không hợp lệ"));
    }

    @Test
    void liaisonsOfTheProvinceHearOfNewCasesAndSlaNoticesWithTheirPageLinks() throws Exception {
        int province = ThreadLocalRandom.current().nextInt(1_000, 9_000);
        int communeCode = ThreadLocalRandom.current().nextInt(100_000, 900_000);
        String liaison = TestServers.keycloakUser(Identity.LIAISON, province);
        String caseId = UUID.randomUUID().toString();
        Events.send(Events.submitted(caseId, communeCode, province, 1));
        Events.send(Events.triage(CaseEventType.SLA_AT_RISK, caseId, communeCode, province, 2, CaseStatus.CLAIMED,
                SlaState.AT_RISK, null));
        Events.send(Events.triage(CaseEventType.SLA_OVERDUE, caseId, communeCode, province, 3, CaseStatus.CLAIMED,
                SlaState.OVERDUE, null));
        List<MailServer.Mail> got = mail.await(liaison + "@pakn.local", 3, WAIT);
        assertEquals(3, got.size(), got.toString());
        assertTrue(got.stream().anyMatch(m -> m.subject().equals("[PAKN] Có hồ sơ mới: hồ sơ " + Events.code(caseId))));
        assertTrue(got.stream().anyMatch(m -> m.subject().startsWith("[PAKN] Hồ sơ sắp đến hạn")));
        assertTrue(got.stream().anyMatch(m -> m.subject().startsWith("[PAKN] Hồ sơ quá hạn")));
        assertTrue(got.stream().allMatch(m -> m.text().contains("http://127.0.0.1:8082/can-bo/ho-so/" + caseId)));
        // the overdue case is in the leaders' weekly report, under its province
        Digests.WeeklyReport report = digests.report(Instant.now().plusSeconds(1));
        assertTrue(report.overdueByProvince().stream()
                .anyMatch(p -> p.province().equals("Tỉnh Thử Nghiệm " + province) && p.cases() == 1), report.toString());
    }

    @Test
    void leadersGetTheWeeklyBulletinByMailOnceWithTheOverdueProvinces() throws Exception {
        String leader = TestServers.keycloakUser(Identity.LEADER, null);
        String address = leader + "@pakn.local";
        int province = ThreadLocalRandom.current().nextInt(1_000, 9_000);
        int communeCode = ThreadLocalRandom.current().nextInt(100_000, 900_000);
        String caseId = UUID.randomUUID().toString();
        Events.send(Events.submitted(caseId, communeCode, province, 1));
        CaseEvent overdue = Events.triage(CaseEventType.SLA_OVERDUE, caseId, communeCode, province, 2,
                CaseStatus.CLAIMED, SlaState.OVERDUE, null);
        Events.send(overdue);
        await("the overdue case", () -> writer.processed(overdue.id()));

        Instant now = Instant.now().plusSeconds(1);
        Digests.WeeklyReport report = digests.sendWeekly(now);
        digests.sendWeekly(now.plusSeconds(60)); // the scheduler firing twice in one week (two replicas, a restart)

        String subject = "[PAKN] Bản tin tuần " + report.week();
        await("the bulletin in the leader's mailbox", () -> !bulletins(address, subject).isEmpty());
        MailServer.Mail m = bulletins(address, subject).get(0);
        assertTrue(m.text().contains("Hồ sơ mới trong tuần"), m.text());
        assertTrue(m.text().contains("Quá hạn – Tỉnh Thử Nghiệm " + province), m.text());
        assertTrue(m.text().contains("/lanh-dao/xu-huong"), m.text());
        Thread.sleep(3_000); // a second copy would have been sent by now
        assertEquals(1, bulletins(address, subject).size(), "one bulletin per leader per week");
    }

    List<MailServer.Mail> bulletins(String address, String subject) {
        return mails(address).stream().filter(x -> x.subject().equals(subject)).toList();
    }

    @Test
    void inboxApiListsCountsAndMarksRead() throws Exception {
        Commune c = commune();
        String caseId = UUID.randomUUID().toString();
        String token = TestTokens.communeOfficial(c.code());
        CaseEvent routed = Events.triage(CaseEventType.ROUTED, caseId, c.code(), c.province(), 1, CaseStatus.ROUTED,
                SlaState.ON_TRACK, null);
        CaseEvent claimed = Events.triage(CaseEventType.CLAIMED, caseId, c.code(), c.province(), 2,
                CaseStatus.CLAIMED, SlaState.ON_TRACK, null);
        Events.send(routed);
        Events.send(claimed);
        await("two inbox items", () -> deliveries(claimed.id(), "IN_APP") == 1 && deliveries(routed.id(), "IN_APP") == 1);

        given().auth().oauth2(token).get("/api/v1/inbox/unread-count").then().statusCode(200)
                .body("unread", equalTo(2));
        Response list = given().auth().oauth2(token).queryParam("size", 1).get("/api/v1/inbox");
        list.then().statusCode(200).body("total", equalTo(2)).body("items.size()", equalTo(1))
                .body("items[0].kind", equalTo("CLAIMED")) // newest first
                .body("items[0].link", equalTo("http://127.0.0.1:8081/xa/ho-so/" + caseId))
                .body("items[0].read", equalTo(false));
        long id = list.jsonPath().getLong("items[0].id");
        given().auth().oauth2(token).post("/api/v1/inbox/" + id + "/read").then().statusCode(200)
                .body("unread", equalTo(1));
        // somebody else's notification is not found (no leak), problem+json
        given().auth().oauth2(TestTokens.communeOfficial(c.code() + 1)).post("/api/v1/inbox/" + id + "/read").then()
                .statusCode(404).contentType(containsString("application/problem+json"));
        given().auth().oauth2(token).queryParam("size", 1000).get("/api/v1/inbox").then().statusCode(422)
                .contentType(containsString("application/problem+json"));
        given().get("/api/v1/inbox").then().statusCode(401);
        given().auth().oauth2(token).post("/api/v1/inbox/read-all").then().statusCode(200).body("marked", equalTo(1));
        given().auth().oauth2(token).get("/api/v1/inbox/unread-count").then().body("unread", equalTo(0));
    }

    @Test
    void preferencesDecideBetweenImmediateDailyDigestAndNothing() throws Exception {
        Commune c = commune();
        String token = TestTokens.communeOfficial(c.code());
        given().auth().oauth2(token).get("/api/v1/preferences").then().statusCode(200)
                .body("preferences.kind", org.hamcrest.Matchers.hasItems("ROUTED", "ANSWERED", "CLOSED"))
                .body("preferences.kind", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("SLA_OVERDUE")))
                .body("preferences.find { it.kind == 'CLOSED' }.mode", equalTo("IMMEDIATE"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"preferences\":[{\"kind\":\"CLOSED\",\"mode\":\"DAILY_DIGEST\"},"
                        + "{\"kind\":\"ROUTED\",\"mode\":\"OFF\"}]}")
                .put("/api/v1/preferences").then().statusCode(200)
                .body("preferences.find { it.kind == 'CLOSED' }.mode", equalTo("DAILY_DIGEST"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"preferences\":[{\"kind\":\"SLA_OVERDUE\",\"mode\":\"OFF\"}]}")
                .put("/api/v1/preferences").then().statusCode(422)
                .contentType(containsString("application/problem+json"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"preferences\":[{\"kind\":\"CLOSED\",\"mode\":\"SOMETIMES\"}]}")
                .put("/api/v1/preferences").then().statusCode(422);

        String caseId = UUID.randomUUID().toString();
        CaseEvent routed = Events.triage(CaseEventType.ROUTED, caseId, c.code(), c.province(), 1, CaseStatus.ROUTED,
                SlaState.ON_TRACK, null);
        CaseEvent closed = Events.triage(CaseEventType.CLOSED, caseId, c.code(), c.province(), 2, CaseStatus.CLOSED,
                SlaState.STOPPED, null);
        CaseEvent claimed = Events.triage(CaseEventType.CLAIMED, caseId, c.code(), c.province(), 3,
                CaseStatus.CLAIMED, SlaState.ON_TRACK, null);
        Events.send(routed);
        Events.send(closed);
        Events.send(claimed);
        await("the claim mail", () -> mails(c.address()).size() == 1);
        assertEquals(0, deliveries(routed.id(), "IN_APP"), "OFF: no inbox item");
        assertEquals(0, deliveries(routed.id(), "EMAIL"), "OFF: no mail");
        assertEquals(1, deliveries(closed.id(), "IN_APP"), "digest: in the inbox at once");
        assertEquals(Delivery.State.DIGEST, delivery(closed.id(), c.user(), "EMAIL").state);
        assertTrue(mails(c.address()).get(0).subject().startsWith("[PAKN] Hồ sơ đã được nhận xử lý"));

        digests.sendDaily(Instant.now());
        List<MailServer.Mail> got = mail.await(c.address(), 2, WAIT);
        assertEquals(2, got.size());
        MailServer.Mail digest = got.get(1);
        assertTrue(digest.subject().startsWith("[PAKN] Tổng hợp thông báo ngày "), digest.subject());
        assertTrue(digest.text().contains("[PAKN] Hồ sơ đã đóng: hồ sơ " + Events.code(caseId)), digest.text());
        assertEquals(Delivery.State.DIGESTED, delivery(closed.id(), c.user(), "EMAIL").state);
        digests.sendDaily(Instant.now());
        Thread.sleep(1500);
        assertEquals(2, mails(c.address()).size(), "a second run sends no second digest");
    }

    @Test
    void anUnreadableRecordIsParkedOnTheDeadLetterTopicWithTheReason() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        Events.sendRaw(Topics.TRIAGE_CASE_EVENTS, key, "{not json".getBytes(StandardCharsets.UTF_8));
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-dlq-" + UUID.randomUUID());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.NOTIFICATION_DEAD_LETTER).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long end = System.nanoTime() + WAIT.toNanos();
            ConsumerRecord<String, byte[]> found = null;
            while (found == null && System.nanoTime() < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        found = r;
                    }
                }
            }
            assertNotNull(found, "the record was parked");
            var reason = found.headers().lastHeader(vn.gov.noivu.pakn.eventing.consumer.DeadLetters.REASON_HEADER);
            assertNotNull(reason);
            String text = new String(reason.value(), StandardCharsets.UTF_8);
            assertTrue(text.contains("not a CloudEvent in JSON"), text);
        }
        // the partition moved on: a later event of the same topic is processed
        Commune c = commune();
        CaseEvent after = Events.triage(CaseEventType.ROUTED, UUID.randomUUID().toString(), c.code(), c.province(), 1,
                CaseStatus.ROUTED, SlaState.ON_TRACK, null);
        Events.send(after);
        await("an event after the poison one", () -> deliveries(after.id(), "IN_APP") == 1);
    }
}
