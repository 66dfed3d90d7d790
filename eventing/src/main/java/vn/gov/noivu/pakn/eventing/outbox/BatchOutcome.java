package vn.gov.noivu.pakn.eventing.outbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rows of a sent batch count as published. A row acknowledged by Kafka is published unless an earlier row of the
 * same case failed: that case's later rows are sent again with it, so a consumer never sees a newer event of a case
 * published while an older one is still pending (it would keep the newer one and skip the older anyway, but the
 * outbox keeps the order it can). Rows of other cases make progress even when some of the batch failed.
 */
public final class BatchOutcome {

    /** One sent row, in outbox order: its sequence, its case, whether Kafka acknowledged it. */
    public record Sent(long seq, String caseId, boolean acked) {
    }

    private BatchOutcome() {
    }

    /** The sequences to mark published, in order. */
    public static List<Long> published(List<Sent> batch) {
        List<Long> ok = new ArrayList<>(batch.size());
        Set<String> failedCases = new HashSet<>();
        for (Sent s : batch) {
            if (!s.acked()) {
                failedCases.add(s.caseId());
            } else if (!failedCases.contains(s.caseId())) {
                ok.add(s.seq());
            }
        }
        return ok;
    }
}
