package vn.gov.noivu.pakn.triage.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;

/** Working days: Monday to Friday, except public holidays. Pure and immutable, so it is unit-tested on its own. */
public final class WorkingCalendar {

    private final Set<LocalDate> holidays;

    public WorkingCalendar(Collection<LocalDate> holidays) {
        this.holidays = Set.copyOf(holidays);
    }

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /** The n-th working day strictly after {@code start} (n ≥ 1); n = 0 gives start itself or the next working day. */
    public LocalDate plusWorkingDays(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0");
        }
        LocalDate d = start;
        if (n == 0) {
            while (!isWorkingDay(d)) {
                d = d.plusDays(1);
            }
            return d;
        }
        int left = n;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** The n-th working day strictly before {@code day} (n ≥ 1). */
    public LocalDate minusWorkingDays(LocalDate day, int n) {
        LocalDate d = day;
        int left = n;
        while (left > 0) {
            d = d.minusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** Number of working days in the interval (from, to]; 0 when to ≤ from. */
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        int count = 0;
        for (LocalDate d = fromExclusive.plusDays(1); !d.isAfter(toInclusive); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }
}
