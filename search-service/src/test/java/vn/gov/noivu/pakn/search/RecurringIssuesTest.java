package vn.gov.noivu.pakn.search;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.testsupport.ElasticsearchResource;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The labelled Vietnamese corpus (68 cases: ten problems written six ways by communes of twelve provinces, plus eight
 * different problems sharing words with them) goes through Kafka into Elasticsearch; GET /api/v1/recurring-issues
 * must keep paraphrases together and different problems apart. Pairwise precision and recall are printed.
 */
@QuarkusTest
@QuarkusTestResource(value = ElasticsearchResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecurringIssuesTest {

    /**
     * The corpus lives in a 40-day window picked at random between 1950 and 2010, where no other test writes (the
     * test node keeps its data between runs, so each run needs its own window).
     */
    static final Instant START = Instant.parse("1950-01-02T01:00:00Z")
            .plus(Duration.ofDays(java.util.concurrent.ThreadLocalRandom.current().nextInt(0, 60 * 365)));
    static final Map<String, ?> WINDOW = Map.of(
            "from", START.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(1).toString(),
            "to", START.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(40).toString());

    final Map<String, String> labelOf = new HashMap<>();
    final Map<String, Integer> provinceOf = new HashMap<>();
    final List<TestEvents.Submission> cases = new ArrayList<>();

    @BeforeAll
    void publishCorpus() {
        List<LabelledCorpus.Case> corpus = LabelledCorpus.load();
        for (int i = 0; i < corpus.size(); i++) {
            LabelledCorpus.Case c = corpus.get(i);
            LabelledCorpus.Commune commune = LabelledCorpus.COMMUNES.get(i % LabelledCorpus.COMMUNES.size());
            TestEvents.Submission s = TestEvents.Submission.of(commune, c.topic(), c.title(), c.description())
                    .at(START.plus(Duration.ofHours(13L * i)));
            cases.add(s);
            labelOf.put(s.caseId(), c.single() ? c.label() + "#" + i : c.label());
            provinceOf.put(s.caseId(), commune.provinceCode());
            TestEvents.publish(TestEvents.submitted(s, 1));
        }
        // one case of the "con dấu" problem is answered
        TestEvents.Submission answered = cases.get(6);
        TestEvents.publish(TestEvents.triage(CaseEventType.ANSWERED, answered, 1, CaseStatus.ANSWERED,
                SlaState.STOPPED, 0, 0, "Bộ Công an đã hướng dẫn cấp con dấu mới trong 5 ngày."));
    }

    private boolean indexed;

    /** Waits once until the cases of @BeforeAll are searchable (REST Assured is configured only per test). */
    @org.junit.jupiter.api.BeforeEach
    void ready() {
        if (!indexed) {
            TestEvents.await("corpus indexed", Duration.ofSeconds(90), () -> given().auth().oauth2(TestTokens.leader())
                    .queryParams(WINDOW).queryParam("size", 1).get("/api/v1/search").then().extract().jsonPath()
                    .getInt("total") == labelOf.size()
                    && given().auth().oauth2(TestTokens.leader()).queryParams(WINDOW).queryParam("answered", true)
                    .get("/api/v1/search").then().extract().jsonPath().getInt("total") == 1);
            indexed = true;
        }
    }

    @Test
    void groupsKeepParaphrasesTogetherAndDifferentProblemsApart() {
        long t0 = System.nanoTime();
        JsonPath r = given().auth().oauth2(TestTokens.leader()).queryParams(WINDOW).get("/api/v1/recurring-issues")
                .then().statusCode(200).extract().jsonPath();
        double ms = (System.nanoTime() - t0) / 1e6;
        List<Map<String, Object>> groups = r.getList("groups");
        List<Set<String>> predicted = new ArrayList<>();
        for (Map<String, Object> g : groups) {
            @SuppressWarnings("unchecked")
            List<String> ids = (List<String>) g.get("caseIds");
            predicted.add(new HashSet<>(ids));
            Map<String, Integer> labels = new HashMap<>();
            ids.forEach(id -> labels.merge(labelOf.get(id), 1, Integer::sum));
            System.out.printf("[recurring] group of %d: %s — %s%n", ids.size(), g.get("label"), labels);
        }
        LabelledCorpus.Score score = LabelledCorpus.score(labelOf, predicted);
        System.out.printf("[recurring] %d cases, %d groups, request %.0f ms: %s%n", labelOf.size(), groups.size(), ms,
                score);
        assertEquals(68, r.getInt("candidates"));
        assertTrue(score.precision() >= 0.8, "precision " + score);
        assertTrue(score.recall() >= 0.8, "recall " + score);
        assertTrue(groups.size() >= 8 && groups.size() <= 13, "about ten groups, got " + groups.size());
    }

    @Test
    void groupCarriesTheContractFields() {
        JsonPath r = given().auth().oauth2(TestTokens.leader()).queryParams(WINDOW).get("/api/v1/recurring-issues")
                .then().statusCode(200).extract().jsonPath();
        String sealCase = cases.get(6).caseId();
        Map<String, Object> g = r.getMap("groups.find { it.caseIds.contains('" + sealCase + "') }");
        assertNotNull(g, "the answered case is in a group");
        assertEquals(true, g.get("answered"));
        int size = (Integer) g.get("size");
        assertTrue(size >= 5, "con dấu group: " + g);
        assertEquals(size, ((List<?>) g.get("caseIds")).size());
        assertTrue(((List<?>) g.get("provinces")).size() >= 5, "spread over provinces");
        assertEquals(size, ((List<?>) g.get("communes")).stream().mapToInt(c -> (Integer) ((Map<?, ?>) c).get("count")).sum());
        assertNotNull(g.get("firstSeen"));
        assertNotNull(g.get("lastSeen"));
        assertEquals(size, ((List<?>) g.get("weeklyTrend")).stream().mapToInt(w -> (Integer) ((Map<?, ?>) w).get("count")).sum());
        Map<?, ?> mix = (Map<?, ?>) g.get("statusMix");
        assertEquals(1, mix.get("ANSWERED"));
        Map<?, ?> rep = (Map<?, ?>) g.get("representative");
        assertTrue(((List<?>) g.get("caseIds")).contains(rep.get("caseId")));
        assertTrue(((String) g.get("groupId")).startsWith("ri-"));
        // groups not containing the answered case are unanswered
        assertFalse(r.getList("groups.findAll { !it.caseIds.contains('" + sealCase + "') }.answered", Boolean.class)
                .contains(true));
        // filters: a topic narrows the candidates
        JsonPath t = given().auth().oauth2(TestTokens.leader()).queryParams(WINDOW).queryParam("topic", "T10")
                .get("/api/v1/recurring-issues").then().statusCode(200).extract().jsonPath();
        assertTrue(t.getList("groups.topics.flatten()", String.class).stream().allMatch("T10"::equals));
        // minSize
        JsonPath big = given().auth().oauth2(TestTokens.leader()).queryParams(WINDOW).queryParam("minSize", 6)
                .get("/api/v1/recurring-issues").then().statusCode(200).extract().jsonPath();
        assertTrue(big.getList("groups.size", Integer.class).stream().allMatch(s -> s >= 6));
    }

    @Test
    void liaisonGroupsOnlyOwnProvinceCases() {
        JsonPath r = given().auth().oauth2(TestTokens.liaison(1)).queryParams(WINDOW).get("/api/v1/recurring-issues")
                .then().statusCode(200).extract().jsonPath();
        List<String> ids = r.getList("groups.caseIds.flatten()", String.class);
        assertTrue(ids.stream().allMatch(id -> provinceOf.get(id) == 1), "only province 1: " + ids);
        assertTrue(r.getInt("candidates") <= 6, "candidates " + r.getInt("candidates"));
    }
}
