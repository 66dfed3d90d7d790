package vn.gov.noivu.pakn.search.issues;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which recomputed records the repair writes back: what changed, not every issue it looked at. */
class RepairWritesTest {

    static RecurringIssue issue(double scale) {
        RecurringIssue i = new RecurringIssue();
        i.issueId = "ri-x";
        i.label = "Thiếu biên chế công chức văn hóa";
        i.status = RecurringIssue.Status.AUTO;
        i.size = 3;
        i.representativeCaseId = "c1";
        i.centroid = new LinkedHashMap<>(Map.of("bien che", 1.2 * scale, "cong chuc", 0.9, "van hoa", 0.6));
        i.sumNorm2 = 2.61;
        return i;
    }

    @Test
    void theSameRecordOrIdfDriftBelowOnePercentIsNotWritten() {
        assertFalse(IssueMaintenance.changed(issue(1), issue(1)));
        assertFalse(IssueMaintenance.changed(issue(1), issue(1.002))); // 0.2% of one weight
    }

    @Test
    void membersStatusLabelRepresentativeOrALargerDriftAreWritten() {
        RecurringIssue grown = issue(1);
        grown.size = 4;
        assertTrue(IssueMaintenance.changed(issue(1), grown));
        RecurringIssue candidate = issue(1);
        candidate.status = RecurringIssue.Status.CANDIDATE;
        assertTrue(IssueMaintenance.changed(issue(1), candidate));
        RecurringIssue renamed = issue(1);
        renamed.label = "Thiếu biên chế";
        assertTrue(IssueMaintenance.changed(issue(1), renamed));
        RecurringIssue other = issue(1);
        other.representativeCaseId = "c2";
        assertTrue(IssueMaintenance.changed(issue(1), other));
        assertTrue(IssueMaintenance.changed(issue(1), issue(1.05))); // one weight 5% heavier: the sum moved ~3.7%
        RecurringIssue newTerm = issue(1);
        newTerm.centroid.put("sap xep", 0.3);
        assertTrue(IssueMaintenance.changed(issue(1), newTerm));
        RecurringIssue norm = issue(1);
        norm.sumNorm2 = 2.8;
        assertTrue(IssueMaintenance.changed(issue(1), norm));
    }
}
