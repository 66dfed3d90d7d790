package vn.gov.noivu.pakn.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.search.indexing.CaseDocument;
import vn.gov.noivu.pakn.testsupport.ElasticsearchResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Case events from real Kafka become one Elasticsearch document per case. */
@QuarkusTest
@QuarkusTestResource(value = ElasticsearchResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class IndexingTest {

    static final Duration MAX = Duration.ofSeconds(60);
    static final LabelledCorpus.Commune BA_DINH = LabelledCorpus.COMMUNES.get(0);

    @Inject
    ElasticsearchClient client;

    CaseDocument doc(String id) {
        try {
            GetResponse<CaseDocument> r = client.get(g -> g.index("pakn-cases").id(id), CaseDocument.class);
            return r.found() ? r.source() : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void duplicatesReorderingAndPoisonOnTheSamePartition() throws Exception {
        TestEvents.Submission s = TestEvents.Submission.of(BA_DINH, "T08", "Thủ tục chứng thực bản sao chậm",
                "Bản đầu tiên của mô tả.");
        TestEvents.Submission v2 = new TestEvents.Submission(s.caseId(), s.code(), s.commune(), s.topic(),
                "Thủ tục chứng thực bản sao điện tử chậm", "Bản mô tả đã bổ sung.", s.submittedAt());
        CaseEvent intake1 = TestEvents.submitted(s, 1);
        CaseEvent intake2 = TestEvents.intake(CaseEventType.INFO_PROVIDED, v2, 2, List.of(1273), v2.title());
        // newer first, then the older one, then a re-sent duplicate (same event id)
        var md = TestEvents.publish(intake2);
        TestEvents.publish(intake1);
        TestEvents.publish(intake2);
        CaseEvent routed = TestEvents.triage(CaseEventType.ROUTED, s, 1, CaseStatus.ROUTED, SlaState.ON_TRACK, 0, 0, null);
        CaseEvent claimed = TestEvents.triage(CaseEventType.CLAIMED, s, 2, CaseStatus.CLAIMED, SlaState.ON_TRACK, 0, 0, null);
        CaseEvent handed = TestEvents.triage(CaseEventType.HANDED_OVER, s, 3, CaseStatus.CLAIMED, SlaState.AT_RISK, 1, 0, null);
        TestEvents.publish(handed);
        TestEvents.publish(routed);
        TestEvents.publish(claimed);
        TestEvents.publish(handed);

        // poison on the same partition of the intake topic: not JSON at all, with the case's key
        TestEvents.producer().send(new ProducerRecord<>(Topics.INTAKE_CASE_EVENTS, md.partition(), s.caseId(),
                "{ not json".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        // a well-formed CloudEvent of an unknown type, same key, triage topic
        String unknown = CaseEventCodec.write(routed).replace("case.routed", "case.teleported");
        TestEvents.publishRaw(Topics.TRIAGE_CASE_EVENTS, s.caseId(), unknown.getBytes(StandardCharsets.UTF_8));
        // another case right behind the poison on the very same partition
        TestEvents.Submission next = TestEvents.Submission.of(BA_DINH, "T08", "Sau bản ghi lỗi vẫn được lập chỉ mục",
                "Hồ sơ nằm sau bản ghi lỗi.");
        TestEvents.producer().send(new ProducerRecord<>(Topics.INTAKE_CASE_EVENTS, md.partition(), next.caseId(),
                CaseEventCodec.write(TestEvents.submitted(next, 1)).getBytes(StandardCharsets.UTF_8)))
                .get(30, TimeUnit.SECONDS);

        List<ConsumerRecord<String, byte[]>> parked = DeadLetters.withKey(s.caseId(), 2, MAX);
        assertEquals(2, parked.size(), "both bad records parked");
        for (ConsumerRecord<String, byte[]> p : parked) {
            String reason = new String(p.headers().lastHeader(CaseEventCodec.DLQ_REASON_HEADER).value(),
                    StandardCharsets.UTF_8);
            assertTrue(reason.contains("not a CloudEvent") || reason.contains("unknown event type"), reason);
            assertNotNull(p.headers().lastHeader(CaseEventCodec.DLQ_ORIGIN_HEADER));
        }
        TestEvents.await("case behind the poison indexed", MAX, () -> doc(next.caseId()) != null);

        // everything before the poison on that partition has been consumed: the newest snapshots won
        CaseDocument d = doc(s.caseId());
        assertEquals(2, d.intakeVersion);
        assertEquals("Thủ tục chứng thực bản sao điện tử chậm", d.title);
        assertEquals("Bản mô tả đã bổ sung.", d.description);
        assertEquals(1, d.supporters);
        TestEvents.await("triage snapshots applied", MAX, () -> doc(s.caseId()).triageVersion == 3);
        d = doc(s.caseId());
        assertEquals("CLAIMED", d.status);
        assertEquals("AT_RISK", d.slaState);
        assertEquals(1, d.handoverCount);
        assertEquals(1, d.provinceCode);
        assertEquals("Phường Ba Đình", d.communeName);
        // the timeline keeps every event once (the older snapshots too: they are history), in time order
        List<String> steps = d.timeline.stream().map(t -> t.type).toList();
        assertEquals(List.of("SUBMITTED", "INFO_PROVIDED", "ROUTED", "CLAIMED", "HANDED_OVER"), steps);
        assertEquals(List.of(intake1.id(), intake2.id(), routed.id(), claimed.id(), handed.id()),
                d.timeline.stream().map(t -> t.eventId).toList());
        assertEquals("CLAIMED", d.timeline.get(4).status);
        assertEquals(TestEvents.LIAISON_ACTOR.name(), d.timeline.get(4).actorName);
        assertEquals("Vụ Chính quyền địa phương", d.responsibleUnitName);
        assertEquals("Trả lời vướng mắc", d.task);
    }

    @Inject
    vn.gov.noivu.pakn.search.indexing.RecentCases recent;

    @Test
    void theNextEventStartsFromTheKeptCopyAndAChangeBehindItsBackIsNotLost() throws Exception {
        TestEvents.Submission s = TestEvents.Submission.of(BA_DINH, "T08", "Chế độ phụ cấp công chức văn hoá xã hội",
                "Xin hướng dẫn phụ cấp sau sắp xếp.");
        TestEvents.publish(TestEvents.submitted(s, 1));
        TestEvents.await("indexed", MAX, () -> doc(s.caseId()) != null);
        String index = client.get(g -> g.index("pakn-cases").id(s.caseId()), CaseDocument.class).index();
        // what the consumer (and the assigner, when it writes the case's issue) keeps is the version Elasticsearch has
        TestEvents.await("the kept copy is at the stored version", MAX, () -> {
            var stored = get(s.caseId());
            var kept = recent.get(index, s.caseId());
            return kept.isPresent() && kept.get().seqNo() == stored.seqNo()
                    && kept.get().primaryTerm() == stored.primaryTerm()
                    && java.util.Objects.equals(kept.get().doc().recurringIssueId, stored.source().recurringIssueId)
                    && kept.get().doc().title.equals(stored.source().title);
        });

        // another writer changes the case behind the consumer's back: the kept copy is stale now (retried when the
        // assigner writes the case's issue at the same moment: _update reads, then writes conditionally)
        client.update(u -> u.index(index).id(s.caseId()).doc(java.util.Map.of("supporters", 42)).retryOnConflict(5),
                CaseDocument.class);
        TestEvents.publish(TestEvents.triage(CaseEventType.ROUTED, s, 1, CaseStatus.ROUTED, SlaState.ON_TRACK, 0, 0, null));
        TestEvents.await("routed applied", MAX, () -> doc(s.caseId()).triageVersion == 1);
        CaseDocument d = doc(s.caseId());
        assertEquals(42, d.supporters, "the conditional write from the stale copy was refused and the case re-read");
        assertEquals("ROUTED", d.status);
        assertEquals(List.of("SUBMITTED", "ROUTED"), d.timeline.stream().map(t -> t.type).toList());
    }

    /**
     * The assigner writes a case it took from the consumer's copy as a whole document (an {@code index} conditional on
     * the copy's version, not a partial update): the stored case must be the consumer's, field for field, plus its issue.
     */
    @Test
    void theMembershipWrittenFromTheKeptCopyKeepsEveryFieldTheConsumerWrote() throws Exception {
        TestEvents.Submission s = TestEvents.Submission.of(BA_DINH, "T10", "Kinh phí sửa chữa trụ sở xã sau hợp nhất",
                "Trụ sở cũ xuống cấp, xin hướng dẫn nguồn kinh phí sửa chữa.");
        TestEvents.publish(TestEvents.submitted(s, 1));
        TestEvents.await("assigned", MAX, () -> {
            CaseDocument d = doc(s.caseId());
            return d != null && d.recurringIssueId != null;
        });
        var stored = get(s.caseId());
        CaseDocument d = stored.source();
        assertEquals(s.title(), d.title);
        assertEquals(s.description(), d.description);
        assertEquals("Phường Ba Đình", d.communeName);
        assertEquals(1, d.intakeVersion);
        assertEquals(List.of("SUBMITTED"), d.timeline.stream().map(t -> t.type).toList());
        assertNotNull(d.recurringAssignedAt);
        assertNotNull(d.submittedAt);
        // the copy the next event starts from is what is stored, at the stored version (kept once the bulk answered)
        TestEvents.await("the kept copy is at the stored version", MAX, () -> {
            var kept = recent.get(stored.index(), s.caseId());
            return kept.isPresent() && kept.get().seqNo() == stored.seqNo()
                    && d.recurringIssueId.equals(kept.get().doc().recurringIssueId)
                    && d.recurringAssignedAt.equals(kept.get().doc().recurringAssignedAt);
        });
        // and the next event, written from it, keeps the issue
        TestEvents.publish(TestEvents.triage(CaseEventType.ROUTED, s, 1, CaseStatus.ROUTED, SlaState.ON_TRACK, 0, 0, null));
        TestEvents.await("routed applied", MAX, () -> doc(s.caseId()).triageVersion == 1);
        assertEquals(d.recurringIssueId, doc(s.caseId()).recurringIssueId);
        assertEquals(List.of("SUBMITTED", "ROUTED"), doc(s.caseId()).timeline.stream().map(t -> t.type).toList());
    }

    @Test
    void aSubmittedCaseThatAnotherWriterCreatedFirstIsMergedNotReplaced() throws Exception {
        TestEvents.Submission s = TestEvents.Submission.of(BA_DINH, "T09", "Sắp xếp lại thôn tổ dân phố sau sáp nhập",
                "Xin hướng dẫn sắp xếp thôn.");
        // the triage half written by another instance: this one has no copy of the case and creates it without a read
        CaseDocument other = new CaseDocument();
        other.caseId = s.caseId();
        other.status = "ROUTED";
        other.triageVersion = 1;
        client.index(i -> i.index("pakn-cases").id(s.caseId()).document(other));
        TestEvents.publish(TestEvents.submitted(s, 1));
        TestEvents.await("intake half merged", MAX, () -> doc(s.caseId()).intakeVersion == 1);
        CaseDocument d = doc(s.caseId());
        assertEquals("ROUTED", d.status, "the create was refused and the case read and merged");
        assertEquals(1, d.triageVersion);
        assertEquals(s.title(), d.title);
    }

    GetResponse<CaseDocument> get(String id) {
        try {
            return client.get(g -> g.index("pakn-cases").id(id), CaseDocument.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void triageBeforeIntakeIsMergedAndNotSearchableUntilSubmitted() {
        TestEvents.Submission s = TestEvents.Submission.of(BA_DINH, "T09", "Bố trí công chức kiêm nhiệm văn thư lưu trữ",
                "Xin hướng dẫn bố trí kiêm nhiệm.");
        TestEvents.publish(TestEvents.triage(CaseEventType.ROUTED, s, 1, CaseStatus.ROUTED, SlaState.ON_TRACK, 0, 0, null));
        TestEvents.await("triage half stored", MAX, () -> doc(s.caseId()) != null);
        assertNull(doc(s.caseId()).title);
        String leader = TestTokens.leader();
        assertEquals(0, given().auth().oauth2(leader).queryParam("q", s.code()).get("/api/v1/search")
                .then().statusCode(200).extract().jsonPath().getList("items").size());

        TestEvents.publish(TestEvents.submitted(s, 1));
        TestEvents.await("intake half merged", MAX, () -> doc(s.caseId()).intakeVersion == 1);
        CaseDocument d = doc(s.caseId());
        assertEquals("ROUTED", d.status, "the triage status is not overwritten by the later SUBMITTED");
        assertEquals(1, d.triageVersion);
        TestEvents.await("searchable", MAX, () -> given().auth().oauth2(leader).queryParam("q", s.code())
                .get("/api/v1/search").then().extract().jsonPath().getList("items").size() == 1);
    }
}
