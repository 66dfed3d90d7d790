package vn.gov.noivu.pakn.triage.sla;

import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.triage.handling.TriageCase;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * SLA arithmetic in working days: a case due in N working days is due at the end of the working day (local
 * {@code dayEnd}) that is the N-th working day after the day it started; it is at risk from the end of the working
 * day {@code atRiskDays} before; a pause for information moves the due date by the working days it lasted.
 */
public record SlaClock(WorkingCalendar calendar, ZoneId zone, LocalTime dayEnd, int atRiskDays) {

    public LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    public Instant endOf(LocalDate day) {
        return day.atTime(dayEnd).atZone(zone).toInstant();
    }

    public Instant dueAt(Instant start, int workingDays) {
        return endOf(calendar.plusWorkingDays(localDate(start), workingDays));
    }

    public Instant atRiskAt(Instant dueAt) {
        return endOf(calendar.minusWorkingDays(localDate(dueAt), atRiskDays));
    }

    /** The due date after a pause from {@code pausedAt} to {@code resumedAt}: later by the working days paused. */
    public Instant resume(Instant dueAt, Instant pausedAt, Instant resumedAt) {
        int paused = calendar.workingDaysBetween(localDate(pausedAt), localDate(resumedAt));
        if (paused == 0) {
            return dueAt;
        }
        return endOf(calendar.plusWorkingDays(localDate(dueAt), paused));
    }

    /** Working days left until the due date (negative when overdue, counted in working days past it). */
    public int workingDaysLeft(Instant dueAt, Instant now) {
        LocalDate today = localDate(now);
        LocalDate due = localDate(dueAt);
        if (!now.isAfter(dueAt)) {
            return calendar.workingDaysBetween(today, due);
        }
        return -calendar.workingDaysBetween(due, today);
    }

    public static SlaState state(TriageCase c, Instant now) {
        return switch (c.status) {
            case ANSWERED, CLOSED -> SlaState.STOPPED;
            case NEEDS_INFO -> SlaState.PAUSED;
            default -> {
                if (c.dueAt == null) {
                    yield SlaState.ON_TRACK;
                }
                if (now.isAfter(c.dueAt)) {
                    yield SlaState.OVERDUE;
                }
                if (c.atRiskAt != null && !now.isBefore(c.atRiskAt)) {
                    yield SlaState.AT_RISK;
                }
                yield SlaState.ON_TRACK;
            }
        };
    }
}
