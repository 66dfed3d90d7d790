package vn.gov.noivu.pakn.search;

import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.search.issues.IssueMath;
import vn.gov.noivu.pakn.search.issues.IssueRepair;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupingDiagnosisTest {

    static final IssueRepair.Params PARAMS = new IssueRepair.Params(new IssueMath.Params(0.5, 0.29, 0.39, 2, 300), 0.5,
            0.28, 0.7, 0.2, 6);

    @Test
    void reportsAProblemInTwoIssuesACaseAloneAndTheWrongPairs() {
        // P01: a, b in one issue, c and d in another, e alone; x (P02) sits in the first issue
        Map<String, String> labelOf = Map.of("a", "P01", "b", "P01", "c", "P01", "d", "P01", "e", "P01", "x", "P02",
                "y", "P02");
        Map<String, Map<String, Double>> v = Map.of("a", Map.of("w", 1.0), "b", Map.of("w", 1.0),
                "c", Map.of("u", 1.0), "d", Map.of("u", 1.0), "e", Map.of("w", 0.6, "z", 0.8),
                "x", Map.of("w", 1.0), "y", Map.of("q", 1.0));
        // y is in no group (not visible yet): alone, as the scores count it
        List<Set<String>> groups = List.of(Set.of("a", "b", "x"), Set.of("c", "d"), Set.of("e"));
        List<String> report = GroupingDiagnosis.report(labelOf, groups, v, PARAMS);
        String p01 = report.stream().filter(l -> l.startsWith("P01")).findFirst().orElseThrow();
        // 10 pairs, 2 together (a-b, c-d)
        assertTrue(p01.startsWith("P01 (5 cases): missed 8 of 10 pairs; issues [2/3, 2/2], alone 1, in others' issues 0"),
                p01);
        assertTrue(p01.contains("fragments 3+2 link 0.000"), p01);
        assertTrue(p01.contains("alone: link to its problem's issue 0.600"), p01);
        String p02 = report.stream().filter(l -> l.startsWith("P02")).findFirst().orElseThrow();
        assertTrue(p02.contains("in P01's issue (3)"), p02);
        assertTrue(report.contains("issue of 3, mostly P01: 2 wrong pairs {P01=2, P02=1}, cohesion 1.000"), report.toString());
        assertEquals("missed pairs 9, wrong pairs 2", report.getLast());
    }
}
