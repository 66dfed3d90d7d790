package vn.gov.noivu.pakn.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.stack.demo.DemoLoader;
import vn.gov.noivu.pakn.stack.demo.DemoPlan;
import vn.gov.noivu.pakn.stack.demo.PhraseBank;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./stack demo} on a small scale against the whole system: 40 cases of the demo plan go in through the real
 * APIs with real Keycloak tokens (the admin's historical import, communes, liaisons, department heads), search dates
 * them by their receipt months back, and a second run with the same plan adds nothing.
 */
class DemoDataIT {

    static final int CASES = 40;

    @Test
    void aSmallDemoLoadsThroughTheApisAndASecondRunAddsNothing() throws Exception {
        SystemUnderTest sut = SystemUnderTest.get();
        DemoLoader.Stack stack = new DemoLoader.Stack() {
            public String intakeUrl() {
                return sut.url("intake-service");
            }

            public String triageUrl() {
                return sut.url("triage-service");
            }

            public String searchUrl() {
                return sut.url("search-service");
            }

            public String token(String role, String scope) throws IOException, InterruptedException {
                return sut.layout.token(role, scope);
            }
        };
        Instant anchor = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        DemoLoader first = new DemoLoader(stack, line -> System.out.println("[demo] " + line));
        DemoPlan plan = new DemoPlan(4242, anchor, PhraseBank.load(), first.communes(), first.units());
        DemoLoader.Result r1 = first.load(plan, CASES, 4);
        first.close();
        assertEquals(0, r1.failed(), "no step failed: " + r1);
        assertEquals(CASES, r1.submitted() + r1.replayed());
        assertTrue(r1.actions() > CASES, "claims, answers, replies, supports were made: " + r1);

        DemoLoader second = new DemoLoader(stack, line -> System.out.println("[demo again] " + line));
        DemoLoader.Result r2 = second.load(plan, CASES, 4);
        assertEquals(0, r2.failed(), "no step failed: " + r2);
        assertEquals(0, r2.submitted(), "the second run submits nothing new");
        assertEquals(CASES, r2.replayed());
        assertEquals(0, r2.actions(), "the second run repeats no step");

        // search dates the imported cases by their receipt: the oldest lies months back
        String leader = sut.token("leader", null);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonPath oldest;
        do {
            oldest = given().auth().oauth2(leader).get(sut.url("search-service")
                    + "/api/v1/search?sort=oldest&size=1").then().statusCode(200).extract().jsonPath();
            if (oldest.getLong("total") >= CASES) {
                break;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        Instant first1 = Instant.parse(oldest.getString("items[0].submittedAt"));
        assertTrue(first1.isBefore(anchor.minus(30, ChronoUnit.DAYS)), "oldest case received " + first1);
        second.close();

        // every demo case is in triage, dated by its receipt, and imported ones say so on intake's timeline
        DemoPlan.CaseSpec imported = java.util.stream.IntStream.rangeClosed(1, CASES).mapToObj(plan::spec)
                .filter(s -> s.receivedAt() != null).findFirst().orElseThrow();
        JsonPath list = given().auth().oauth2(sut.token("commune-official", imported.commune().code()))
                .get(sut.url("intake-service") + "/api/v1/cases?size=200").then().statusCode(200).extract().jsonPath();
        List<String> titles = list.getList("items.title");
        assertTrue(titles.contains(imported.title()), "the commune sees its imported case: " + titles);
    }
}
