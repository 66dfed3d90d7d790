package vn.gov.noivu.pakn.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.chrome.ChromeDriver;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.stack.Mailboxes;
import vn.gov.noivu.pakn.testsupport.Browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's "done when", through the real services, the real Keycloak directory and the real mail server
 * (GreenMail, read over IMAP): a case a commune submits, the liaison claims and answers makes the commune official's
 * mailbox receive the Vietnamese e-mails, whose link opens the case page, and the in-app inbox shows them; with the
 * mail server killed during the flow, every e-mail arrives after it returns; re-publishing the case's events (same
 * CloudEvent ids) sends nothing twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationJourneyIT {

    static final Duration EVENTUAL = Duration.ofSeconds(90);
    /** The mail queue retries with a growing back-off (5 s, 10 s, 20 s...): after an outage, allow a few rounds. */
    static final Duration AFTER_OUTAGE = Duration.ofSeconds(180);

    // Phường Ngọc Hà (commune 8) in Thành phố Hà Nội (province 1); its official is commune-8 (commune-8@pakn.local)
    static final int COMMUNE = 8;
    static final int PROVINCE = 1;

    static final String ROUTED = "Hồ sơ đã được phân công xử lý";
    static final String CLAIMED = "Hồ sơ đã được nhận xử lý";
    static final String ANSWERED = "Bộ Nội vụ đã trả lời";

    static SystemUnderTest sut;
    static String intake;
    static String triage;
    static String notification;
    static String address;
    static String caseId;
    static String code;
    static ChromeDriver chrome;

    @BeforeAll
    static void up() {
        sut = SystemUnderTest.get();
        intake = sut.url("intake-service");
        triage = sut.url("triage-service");
        notification = sut.url("notification-service");
        address = sut.user("commune-official", COMMUNE) + "@pakn.local";
    }

    @AfterAll
    static void down() {
        if (chrome != null) {
            chrome.quit();
        }
        // whatever failed: the mail server runs again for the other tests
        if (sut != null && !sut.part("greenmail").ready()) {
            sut.start("greenmail");
        }
    }

    static String commune() {
        return sut.token("commune-official", COMMUNE);
    }

    static String liaison() {
        return sut.token("liaison", PROVINCE);
    }

    /** The messages of this case in the official's mailbox, read over IMAP. */
    static List<Mailboxes.Mail> mails() {
        try {
            return new Mailboxes(sut.layout.mail()).inbox(address).stream()
                    .filter(m -> code != null && m.subject().contains(code)).toList();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + address + " over IMAP: " + e, e);
        }
    }

    static long count(List<Mailboxes.Mail> mails, String headline) {
        return mails.stream().filter(m -> m.subject().contains(headline)).count();
    }

    /** The official's in-app notifications of this case. */
    static List<Map<String, Object>> inbox() {
        JsonPath page = given().auth().oauth2(commune()).queryParam("size", 100)
                .get(notification + "/api/v1/inbox").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        return items.stream().filter(i -> caseId.equals(i.get("caseId"))).toList();
    }

    static long kinds(List<Map<String, Object>> items, String kind) {
        return items.stream().filter(i -> kind.equals(i.get("kind"))).count();
    }

    /** The e-mail deliveries of this case to the official, as admins see them. */
    static List<Map<String, Object>> emailDeliveries() {
        List<Map<String, Object>> items = given().auth().oauth2(sut.token("admin", null))
                .queryParam("channel", "EMAIL").queryParam("size", 500)
                .get(notification + "/api/v1/admin/deliveries").then().statusCode(200).extract().jsonPath()
                .getList("items");
        return items.stream().filter(d -> code.equals(d.get("caseCode")) && address.equals(d.get("address"))).toList();
    }

    static JsonPath triageCase() {
        return given().auth().oauth2(liaison()).get(triage + "/api/v1/cases/" + caseId)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void theCommuneOfficialIsToldByMailAndInAppThatTheCaseWasRouted() {
        String marker = "thong-bao-" + UUID.randomUUID();
        Map<String, Object> body = Map.of(
                "commune", COMMUNE, "topic", "T05", "kind", "PROPOSAL", "urgency", "NORMAL",
                "title", "Đề nghị hướng dẫn bố trí công chức văn hóa - xã hội sau sắp xếp",
                "description", "Sau sáp nhập, xã có ba công chức văn hóa - xã hội nhưng định mức chỉ hai. Đề nghị Bộ "
                        + "hướng dẫn cách bố trí, điều động trong thời gian chuyển tiếp. (" + marker + ")",
                "contact", Map.of("name", "Trần Văn Nam", "phone", "0987654321"));
        JsonPath created = given().auth().oauth2(commune()).contentType(ContentType.JSON).body(body)
                .header("Idempotency-Key", marker)
                .post(intake + "/api/v1/cases").then().statusCode(201).extract().jsonPath();
        caseId = created.getString("id");
        code = created.getString("code");
        assertNotNull(caseId);
        assertNotNull(code);

        List<Mailboxes.Mail> mails = Poll.until("the routing e-mail in " + address, EVENTUAL,
                NotificationJourneyIT::mails, m -> count(m, ROUTED) == 1);
        Mailboxes.Mail routed = mails.stream().filter(m -> m.subject().contains(ROUTED)).findFirst().orElseThrow();
        assertEquals("[PAKN] " + ROUTED + ": hồ sơ " + code, routed.subject());
        assertTrue(routed.text().contains("Kính gửi"), routed.text());
        assertNotNull(routed.html(), "an HTML part beside the plain text");
        assertTrue(routed.text().contains("/huy-dang-ky"), "an unsubscribe link: " + routed.text());

        // the link of the e-mail opens the case's page on intake once the official signs in
        Matcher link = Pattern.compile(Pattern.quote(intake) + "/xa/ho-so/[0-9a-f-]{36}").matcher(routed.text());
        assertTrue(link.find(), "a link to the case page in: " + routed.text());
        assertEquals(intake + "/xa/ho-so/" + caseId, link.group());
        chrome = Browser.start();
        Browser.signIn(chrome, link.group(), sut.user("commune-official", COMMUNE));
        Poll.until("the case page after sign-in", EVENTUAL, chrome::getPageSource, p -> p.contains(code));
        assertTrue(chrome.getCurrentUrl().startsWith(link.group()), chrome.getCurrentUrl());

        List<Map<String, Object>> items = Poll.until("the in-app notification", EVENTUAL,
                NotificationJourneyIT::inbox, i -> kinds(i, "ROUTED") == 1);
        assertEquals(code, items.get(0).get("caseCode"));
        assertEquals(false, items.get(0).get("read"));
        int unread = given().auth().oauth2(commune()).get(notification + "/api/v1/inbox/unread-count")
                .then().statusCode(200).extract().path("unread");
        assertTrue(unread >= 1, "unread " + unread);
    }

    @Test
    @Order(2)
    void withTheMailServerKilledEveryEmailArrivesAfterItReturns() {
        assertNotNull(code, "the case of the first step");
        sut.kill("greenmail");
        try {
            given().auth().oauth2(liaison()).contentType(ContentType.JSON)
                    .post(triage + "/api/v1/cases/" + caseId + "/claim").then().statusCode(200);
            if (!triageCase().getList("missingSixClear").isEmpty()) {
                given().auth().oauth2(liaison()).contentType(ContentType.JSON)
                        .body(Map.of("task", "Hướng dẫn bố trí công chức văn hóa - xã hội", "deliverable",
                                "Công văn hướng dẫn", "reason", "bổ sung 6 rõ"))
                        .post(triage + "/api/v1/cases/" + caseId + "/assign").then().statusCode(200);
            }
            given().auth().oauth2(liaison()).contentType(ContentType.JSON)
                    .body(Map.of("answer", "Xã bố trí công chức dôi dư sang vị trí còn thiếu trong thời gian chuyển "
                            + "tiếp tối đa 5 năm theo Nghị định 29/2023/NĐ-CP; báo cáo Sở Nội vụ trước khi điều động."))
                    .post(triage + "/api/v1/cases/" + caseId + "/answer").then().statusCode(200);

            // the in-app channel needs no mail server: both notices are there while SMTP is down
            Poll.until("claimed and answered in the inbox", EVENTUAL, NotificationJourneyIT::inbox,
                    i -> kinds(i, "CLAIMED") == 1 && kinds(i, "ANSWERED") == 1);
            // the mail queue tried, failed and keeps both messages for later
            List<Map<String, Object>> waiting = Poll.until("failed attempts recorded while SMTP is down", EVENTUAL,
                    NotificationJourneyIT::emailDeliveries, d -> d.stream().filter(x -> !"ROUTED".equals(x.get("kind")))
                            .filter(x -> "PENDING".equals(x.get("state"))
                                    && ((Number) x.get("attempts")).intValue() >= 1 && x.get("lastError") != null)
                            .count() == 2);
            assertEquals(2, waiting.stream().filter(x -> "PENDING".equals(x.get("state"))).count(), waiting.toString());
        } finally {
            sut.start("greenmail");
        }

        // GreenMail keeps mail in memory: after its restart the mailbox holds what was sent since, i.e. both notices
        List<Mailboxes.Mail> mails = Poll.until("claimed and answered e-mails after the outage", AFTER_OUTAGE,
                NotificationJourneyIT::mails, m -> count(m, CLAIMED) >= 1 && count(m, ANSWERED) >= 1);
        assertEquals(1, count(mails, CLAIMED), mails.toString());
        assertEquals(1, count(mails, ANSWERED), mails.toString());
        Mailboxes.Mail answered = mails.stream().filter(m -> m.subject().contains(ANSWERED)).findFirst().orElseThrow();
        assertTrue(answered.text().contains(intake + "/xa/ho-so/" + caseId), answered.text());
        Poll.until("every e-mail of the case SENT", EVENTUAL, NotificationJourneyIT::emailDeliveries,
                d -> d.size() == 3 && d.stream().allMatch(x -> "SENT".equals(x.get("state"))));
    }

    @Test
    @Order(3)
    void replayingTheCaseEventsSendsNothingTwice() throws Exception {
        assertNotNull(code, "the case of the first steps");
        List<Mailboxes.Mail> before = Poll.until("both e-mails of the outage step", EVENTUAL,
                NotificationJourneyIT::mails, m -> count(m, CLAIMED) == 1 && count(m, ANSWERED) == 1);
        int inboxBefore = inbox().size();
        int deliveriesBefore = emailDeliveries().size();
        assertEquals(3, inboxBefore);
        assertEquals(3, deliveriesBefore);

        int replayed = republishEventsOfTheCase();
        assertTrue(replayed >= 3, "submitted, routed, claimed, answered... were re-published: " + replayed);
        awaitNotificationConsumerCaughtUp();
        // a duplicate would have been written while consuming; give the mail queue (every 2 s) time to send one
        Thread.sleep(8_000);

        assertEquals(inboxBefore, inbox().size(), "no second in-app notice");
        assertEquals(deliveriesBefore, emailDeliveries().size(), "no second e-mail delivery");
        List<Mailboxes.Mail> after = mails();
        assertEquals(before.size(), after.size(), "no second e-mail: " + after);
        assertEquals(1, count(after, CLAIMED));
        assertEquals(1, count(after, ANSWERED));
    }

    /** Every record of this case on both case topics produced again, unchanged (key, value, headers: same ids). */
    private static int republishEventsOfTheCase() {
        String bootstrap = sut.layout.kafka().bootstrapServers();
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        List<ProducerRecord<String, byte[]>> again = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c)) {
            for (String topic : List.of(Topics.INTAKE_CASE_EVENTS, Topics.TRIAGE_CASE_EVENTS)) {
                List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                        .map(i -> new TopicPartition(topic, i.partition())).toList();
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                Map<TopicPartition, Long> end = consumer.endOffsets(parts);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                        && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        if (caseId.equals(r.key())) {
                            again.add(new ProducerRecord<>(r.topic(), r.partition(), r.key(), r.value(), r.headers()));
                        }
                    }
                }
            }
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (ProducerRecord<String, byte[]> r : again) {
                producer.send(r);
            }
            producer.flush();
        }
        return again.size();
    }

    /** Until the consumer group notification-service has committed the end of both case topics. */
    private static void awaitNotificationConsumerCaughtUp() {
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sut.layout.kafka().bootstrapServers());
        try (Admin admin = Admin.create(a)) {
            Poll.until("notification-service consumed the replayed events", EVENTUAL, () -> {
                try {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin
                            .listConsumerGroupOffsets("notification-service").partitionsToOffsetAndMetadata().get();
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    admin.describeTopics(List.of(Topics.INTAKE_CASE_EVENTS, Topics.TRIAGE_CASE_EVENTS)).allTopicNames()
                            .get().forEach((topic, d) -> d.partitions().forEach(
                                    pi -> latest.put(new TopicPartition(topic, pi.partition()), OffsetSpec.latest())));
                    long lag = 0;
                    for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                        OffsetAndMetadata done = committed.get(e.getKey());
                        lag += e.getValue().offset() - (done == null ? 0 : done.offset());
                    }
                    return latest.isEmpty() ? null : lag;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, lag -> lag == 0);
        }
    }
}
