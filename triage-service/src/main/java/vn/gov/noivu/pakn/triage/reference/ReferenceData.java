package vn.gov.noivu.pakn.triage.reference;

import io.quarkus.cache.CacheInvalidateAll;
import io.quarkus.cache.CacheResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.triage.admin.AdminService;
import vn.gov.noivu.pakn.triage.sla.WorkingCalendar;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The reference data routing and the SLA clock read for every case — provinces, primary liaisons, topic routes with
 * their units, SLA targets and holidays (a few hundred rows) — read in one go and kept in the Quarkus cache {@value
 * #CACHE} for {@code quarkus.cache.caffeine."reference-data".expire-after-write} (30 s) instead of five queries per
 * routed event, as intake keeps its reference data. An admin edit ({@link AdminService}) fires {@link Edited}; when
 * its transaction commits, the copy of this replica is dropped ({@link CacheInvalidateAll}), so the edit applies here
 * at once; other replicas pick it up within the 30 s.
 */
@ApplicationScoped
public class ReferenceData {

    public static final String CACHE = "reference-data";

    public record LiaisonRef(String id, String name) {
    }

    public record Route(String topicCode, String topicName, String unitCode, String unitName,
            AuthorityLevel authorityLevel, String taskTemplate, String deliverableTemplate) {
    }

    /** One consistent copy of the reference tables. */
    public record Snapshot(Map<Integer, String> provinces, Map<Integer, LiaisonRef> primaryLiaisons,
            Map<String, Route> routes, Map<Urgency, Integer> targetDays, WorkingCalendar calendar) {

        public Optional<LiaisonRef> primaryOf(int provinceCode) {
            return Optional.ofNullable(primaryLiaisons.get(provinceCode));
        }
    }

    /** An administrator changed a reference table (fired in the transaction of the change). */
    public record Edited(String entity) {
    }

    @Inject
    ProvinceRepository provinces;
    @Inject
    LiaisonRepository liaisons;
    @Inject
    TopicRouteRepository routes;
    @Inject
    UnitRepository units;
    @Inject
    SlaTargetRepository targets;
    @Inject
    HolidayRepository holidays;

    /**
     * The cached copy; loaded by the first caller after it expired or was dropped (concurrent callers wait for that
     * one load), in a transaction of its own, so that a caller's uncommitted change is never what gets cached.
     */
    @CacheResult(cacheName = CACHE)
    public Snapshot get() {
        return QuarkusTransaction.requiringNew().call(this::load);
    }

    /**
     * Drops the copy once an admin edit committed (nothing is dropped for an edit that rolled back; without a
     * transaction, at once). After the commit, not before: a load between the two would cache the old rows again.
     */
    @CacheInvalidateAll(cacheName = CACHE)
    void edited(@Observes(during = TransactionPhase.AFTER_SUCCESS) Edited edit) {
    }

    private Snapshot load() {
        Map<Integer, String> p = new HashMap<>();
        for (Province province : provinces.listAll()) {
            p.put(province.code, province.name);
        }
        Map<Integer, LiaisonRef> primary = new HashMap<>();
        liaisons.list("role = ?1 and active = true", Liaison.Role.PRIMARY).stream()
                .sorted(Comparator.comparing(l -> l.id))
                .forEach(l -> primary.putIfAbsent(l.provinceCode, new LiaisonRef(l.id, l.name)));
        Map<String, String> unitNames = new HashMap<>();
        for (ResponsibleUnit u : units.listAll()) {
            unitNames.put(u.code, u.name);
        }
        Map<String, Route> r = new HashMap<>();
        for (TopicRoute t : routes.listAll()) {
            r.put(t.topicCode, new Route(t.topicCode, t.topicName, t.unitCode, unitNames.get(t.unitCode),
                    t.authorityLevel, t.taskTemplate, t.deliverableTemplate));
        }
        Map<Urgency, Integer> days = new EnumMap<>(Urgency.class);
        for (SlaTarget t : targets.listAll()) {
            days.put(t.urgency, t.workingDays);
        }
        return new Snapshot(Map.copyOf(p), Map.copyOf(primary), Map.copyOf(r), Map.copyOf(days),
                new WorkingCalendar(holidays.allDays()));
    }
}
