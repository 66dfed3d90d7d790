package vn.gov.noivu.pakn.stack.demo;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoPlanTest {

    static final Instant ANCHOR = Instant.parse("2026-03-15T03:00:00Z");
    static final List<String> UNITS = List.of("VU-CQDP", "VU-TCBC", "VU-CCVC", "VU-DTBD", "VU-PC", "VU-KHTC", "VP-BO");

    /** 34 provinces with 40 to 106 communes each (codes like the statistics office's: unique integers). */
    static List<DemoPlan.Commune> communes() {
        List<DemoPlan.Commune> all = new ArrayList<>();
        int code = 1;
        for (int p = 1; p <= 34; p++) {
            for (int i = 0; i < 40 + 2 * p; i++) {
                all.add(new DemoPlan.Commune(code, "Xã Số " + code, p, "Tỉnh " + p));
                code += 3;
            }
        }
        return all;
    }

    static DemoPlan plan(long seed, List<DemoPlan.Commune> communes) {
        return new DemoPlan(seed, ANCHOR, PhraseBank.load(), communes, UNITS);
    }

    @Test
    void theSameSeedPlansTheSameCasesWhateverTheOrderOfTheReferenceData() {
        List<DemoPlan.Commune> communes = communes();
        List<DemoPlan.Commune> reversed = new ArrayList<>(communes);
        java.util.Collections.reverse(reversed);
        DemoPlan a = plan(7, communes);
        DemoPlan b = plan(7, reversed);
        for (int n = 1; n <= 500; n++) {
            assertEquals(a.spec(n), b.spec(n), "case " + n);
        }
        assertNotEquals(a.spec(1), plan(8, communes).spec(1), "another seed, another data set");
    }

    @Test
    void threeThousandCasesCoverSixMonthsAllProvincesAndRecurringProblemsAcrossProvinces() {
        DemoPlan plan = plan(20250701L, communes());
        Set<Integer> provinces = new HashSet<>();
        Set<Integer> communes = new HashSet<>();
        Set<String> keys = new HashSet<>();
        Map<YearMonth, Integer> months = new TreeMap<>();
        Map<String, Set<Integer>> problemProvinces = new HashMap<>();
        Map<String, Set<String>> problemTitles = new HashMap<>();
        EnumSet<DemoPlan.Fate> fates = EnumSet.noneOf(DemoPlan.Fate.class);
        int live = 0;
        int oneOff = 0;
        int supported = 0;
        for (int n = 1; n <= 3000; n++) {
            DemoPlan.CaseSpec s = plan.spec(n);
            assertTrue(keys.add(s.key()), "idempotency keys are unique");
            provinces.add(s.commune().provinceCode());
            communes.add(s.commune().code());
            fates.add(s.fate());
            assertTrue(s.title().length() >= 5 && s.title().length() <= 200, s.title());
            assertTrue(s.description().length() >= 20, s.description());
            assertFalse(s.description().contains("{"), "placeholders filled: " + s.description());
            if (s.receivedAt() == null) {
                live++;
            } else {
                assertTrue(!s.receivedAt().isAfter(ANCHOR.minus(30, ChronoUnit.MINUTES))
                        && s.receivedAt().isAfter(ANCHOR.minus(DemoPlan.DAYS + 3, ChronoUnit.DAYS)), "" + s.receivedAt());
                months.merge(YearMonth.from(s.receivedAt().atZone(DemoPlan.VN)), 1, Integer::sum);
            }
            if (s.problem() == null) {
                oneOff++;
            } else {
                problemProvinces.computeIfAbsent(s.problem(), k -> new HashSet<>()).add(s.commune().provinceCode());
                problemTitles.computeIfAbsent(s.problem(), k -> new HashSet<>()).add(s.description());
            }
            if (!s.supporters().isEmpty()) {
                supported++;
                assertFalse(s.supporters().contains(s.commune()), "a commune does not support its own case");
            }
        }
        assertEquals(34, provinces.size());
        assertTrue(communes.size() > 500, "many communes: " + communes.size());
        assertTrue(months.size() >= 6, "six months or more: " + months);
        assertTrue(months.values().stream().filter(c -> c >= 100).count() >= 5, "months of data: " + months);
        assertEquals(EnumSet.allOf(DemoPlan.Fate.class), fates);
        assertTrue(live > 0 && live < 100, "a few cases are submitted live today: " + live);
        assertTrue(oneOff > 100, "long tail: " + oneOff);
        assertTrue(supported > 200, "supports: " + supported);
        assertTrue(problemProvinces.size() >= 25, "a few dozen recurring problems: " + problemProvinces.size());
        problemProvinces.forEach((k, v) -> assertTrue(v.size() >= 10, k + " reported in " + v.size() + " provinces"));
        problemTitles.forEach((k, v) -> assertTrue(v.size() >= 10, k + " told in " + v.size() + " ways"));
    }

    @Test
    void caseNDoesNotDependOnHowManyCasesAreLoaded() {
        DemoPlan plan = plan(1, communes());
        DemoPlan.CaseSpec fifth = plan.spec(5);
        for (int n = 1; n <= 50; n++) {
            plan.spec(n);
        }
        assertEquals(fifth, plan.spec(5));
    }

    @Test
    void aBrokenPhraseBankIsRefusedWithItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PhraseBank.parse(List.of("[problem x T01 QUESTION]", "title: a")));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PhraseBank.parse(List.of("[problem x T01 QUESTION 1]", "title: a")));
        assertThrows(IllegalArgumentException.class, () -> PhraseBank.parse(List.of("[oneoff T01 QUESTION]", "no bar")));
    }
}
