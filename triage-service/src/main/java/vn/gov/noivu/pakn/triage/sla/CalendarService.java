package vn.gov.noivu.pakn.triage.sla;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.triage.config.TriageConfig;
import vn.gov.noivu.pakn.triage.reference.ReferenceData;

/**
 * The SLA clock built from the holidays and targets in the database, through {@link ReferenceData}'s cached copy (an
 * admin's edit applies at once on the replica that made it, within the cache's 30 s on the others).
 */
@ApplicationScoped
public class CalendarService {

    static final int DEFAULT_TARGET_DAYS = 10;

    @Inject
    ReferenceData reference;

    @Inject
    TriageConfig config;

    public SlaClock clock() {
        return clock(reference.get());
    }

    public int targetDays(Urgency urgency) {
        return targetDays(reference.get(), urgency);
    }

    public SlaClock clock(ReferenceData.Snapshot data) {
        return new SlaClock(data.calendar(), config.zone(), config.sla().dayEnd(), config.sla().atRiskWorkingDays());
    }

    public static int targetDays(ReferenceData.Snapshot data, Urgency urgency) {
        return data.targetDays().getOrDefault(urgency == null ? Urgency.NORMAL : urgency, DEFAULT_TARGET_DAYS);
    }
}
