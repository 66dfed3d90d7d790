package vn.gov.noivu.pakn.eventing.outbox;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BatchOutcomeTest {

    private static BatchOutcome.Sent ok(long seq, String caseId) {
        return new BatchOutcome.Sent(seq, caseId, true);
    }

    private static BatchOutcome.Sent failed(long seq, String caseId) {
        return new BatchOutcome.Sent(seq, caseId, false);
    }

    @Test
    void everyAcknowledgedRowIsPublished() {
        assertEquals(List.of(1L, 2L, 3L), BatchOutcome.published(List.of(ok(1, "a"), ok(2, "b"), ok(3, "a"))));
    }

    @Test
    void otherCasesProgressWhenSomeRowsFail() {
        assertEquals(List.of(1L, 3L), BatchOutcome.published(List.of(ok(1, "a"), failed(2, "b"), ok(3, "c"))));
    }

    @Test
    void laterRowsOfAFailedCaseWaitForIt() {
        // b's second event was acknowledged, but its first was not: both are sent again, in order
        assertEquals(List.of(1L, 4L), BatchOutcome.published(
                List.of(ok(1, "a"), failed(2, "b"), ok(3, "b"), ok(4, "c"))));
    }

    @Test
    void earlierRowsOfAFailedCaseStayPublished() {
        assertEquals(List.of(1L), BatchOutcome.published(List.of(ok(1, "a"), failed(2, "a"))));
    }

    @Test
    void nothingWhenEverythingFailed() {
        assertEquals(List.of(), BatchOutcome.published(List.of(failed(1, "a"), failed(2, "b"))));
    }
}
