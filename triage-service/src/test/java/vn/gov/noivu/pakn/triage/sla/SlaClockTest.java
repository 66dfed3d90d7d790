package vn.gov.noivu.pakn.triage.sla;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Working-day arithmetic of the SLA clock, on the seeded 2026 holidays. */
class SlaClockTest {

    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    static final WorkingCalendar CAL = new WorkingCalendar(List.of(
            LocalDate.of(2026, 1, 1),
            LocalDate.of(2026, 2, 16), LocalDate.of(2026, 2, 17), LocalDate.of(2026, 2, 18),
            LocalDate.of(2026, 2, 19), LocalDate.of(2026, 2, 20),
            LocalDate.of(2026, 4, 27), LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 1),
            LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 2)));
    static final SlaClock CLOCK = new SlaClock(CAL, VN, LocalTime.of(17, 0), 1);

    static Instant vn(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(VN).toInstant();
    }

    @Test
    void weekendsAndHolidaysAreNotWorkingDays() {
        assertFalse(CAL.isWorkingDay(LocalDate.of(2026, 4, 25)), "Saturday");
        assertFalse(CAL.isWorkingDay(LocalDate.of(2026, 4, 26)), "Sunday");
        assertFalse(CAL.isWorkingDay(LocalDate.of(2026, 4, 27)), "Giỗ Tổ (compensation day)");
        assertTrue(CAL.isWorkingDay(LocalDate.of(2026, 4, 28)));
    }

    @Test
    void expressCaseSubmittedOnFridayBeforeGioToIsDueOnTuesday() {
        // Fri 24/4 → (Sat, Sun, Mon 27/4 Giỗ Tổ) → Tue 28/4 17:00 local
        assertEquals(vn("2026-04-28T17:00"), CLOCK.dueAt(vn("2026-04-24T09:30"), 1));
    }

    @Test
    void urgentCaseSpansGioToAndReunificationHolidays() {
        // Fri 24/4 + 5 working days: 28, 29, (30/4, 1/5 off), 4, 5, 6 → Wed 6/5
        assertEquals(vn("2026-05-06T17:00"), CLOCK.dueAt(vn("2026-04-24T09:30"), 5));
    }

    @Test
    void normalCaseSpansTet() {
        // Thu 12/2/2026 + 10 working days: 13, (16-20 Tết), 23, 24, 25, 26, 27, 2/3, 3, 4, 5 → Thu 5/3
        assertEquals(vn("2026-03-05T17:00"), CLOCK.dueAt(vn("2026-02-12T08:00"), 10));
    }

    @Test
    void submissionOnAWeekendCountsFromMonday() {
        assertEquals(vn("2026-11-30T17:00"), CLOCK.dueAt(vn("2026-11-28T10:00"), 1));
    }

    @Test
    void atRiskFromEndOfPreviousWorkingDay() {
        // due Tue 28/4 → at risk from the previous working day, Fri 24/4 17:00 (Mon 27/4 is a holiday)
        assertEquals(vn("2026-04-24T17:00"), CLOCK.atRiskAt(vn("2026-04-28T17:00")));
    }

    @Test
    void pauseMovesDueDateByTheWorkingDaysItLasted() {
        Instant due = vn("2026-05-06T17:00");
        // paused Wed 29/4, resumed Mon 4/5: working days in (29/4, 4/5] = 4/5 only → due moves by 1 working day
        assertEquals(vn("2026-05-07T17:00"), CLOCK.resume(due, vn("2026-04-29T10:00"), vn("2026-05-04T09:00")));
        // a pause within one day does not move it
        assertEquals(due, CLOCK.resume(due, vn("2026-04-29T10:00"), vn("2026-04-29T16:00")));
    }

    @Test
    void workingDaysLeftCountsDownAndGoesNegativeWhenOverdue() {
        Instant due = vn("2026-05-06T17:00");
        assertEquals(3, CLOCK.workingDaysLeft(due, vn("2026-04-29T09:00")));
        assertEquals(0, CLOCK.workingDaysLeft(due, vn("2026-05-06T09:00")));
        assertEquals(-2, CLOCK.workingDaysLeft(due, vn("2026-05-08T09:00")));
    }

    @Test
    void minusAndBetweenAreConsistentWithPlus() {
        LocalDate start = LocalDate.of(2026, 8, 28);
        LocalDate due = CAL.plusWorkingDays(start, 3); // 31/8, (1/9, 2/9 off), 3/9, 4/9
        assertEquals(LocalDate.of(2026, 9, 4), due);
        assertEquals(3, CAL.workingDaysBetween(start, due));
        assertEquals(start, CAL.minusWorkingDays(due, 3));
    }
}
