package vn.gov.noivu.pakn.triage.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.triage.config.TriageConfig;
import vn.gov.noivu.pakn.triage.entity.SlaTarget;
import vn.gov.noivu.pakn.triage.repository.HolidayRepository;
import vn.gov.noivu.pakn.triage.repository.SlaTargetRepository;

/**
 * The SLA clock built from the holidays and targets in the database (read per use: a few dozen rows, and an admin's
 * edit takes effect at once on every replica).
 */
@ApplicationScoped
public class CalendarService {

    static final int DEFAULT_TARGET_DAYS = 10;

    @Inject
    HolidayRepository holidays;

    @Inject
    SlaTargetRepository targets;

    @Inject
    TriageConfig config;

    public SlaClock clock() {
        return new SlaClock(new WorkingCalendar(holidays.allDays()), config.zone(), config.sla().dayEnd(),
                config.sla().atRiskWorkingDays());
    }

    public int targetDays(Urgency urgency) {
        SlaTarget t = targets.findById(urgency == null ? Urgency.NORMAL : urgency);
        return t == null ? DEFAULT_TARGET_DAYS : t.workingDays;
    }
}
