package vn.gov.noivu.pakn.triage.reference;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.triage.config.TriageConfig;
import vn.gov.noivu.pakn.triage.reference.Liaison;
import vn.gov.noivu.pakn.triage.reference.Province;
import vn.gov.noivu.pakn.triage.reference.ResponsibleUnit;
import vn.gov.noivu.pakn.triage.reference.SlaTarget;
import vn.gov.noivu.pakn.triage.reference.TopicRoute;
import vn.gov.noivu.pakn.triage.reference.HolidayRepository;
import vn.gov.noivu.pakn.triage.reference.LiaisonRepository;
import vn.gov.noivu.pakn.triage.reference.ProvinceRepository;
import vn.gov.noivu.pakn.triage.reference.SlaTargetRepository;
import vn.gov.noivu.pakn.triage.reference.TopicRouteRepository;
import vn.gov.noivu.pakn.triage.reference.UnitRepository;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import vn.gov.noivu.pakn.triage.admin.AdminService;
import vn.gov.noivu.pakn.triage.sla.WorkingCalendar;

/**
 * The reference data routing and the SLA clock read for every case — provinces, primary liaisons, topic routes with
 * their units, SLA targets and holidays (a few hundred rows) — read in one go and kept for
 * {@code pakn.triage.reference-data-ttl} (30 s) instead of five queries per routed event. An admin edit
 * ({@link AdminService}) drops the copy of its own replica when its transaction commits, so it applies there at
 * once; other replicas pick it up within the TTL.
 */
@ApplicationScoped
public class ReferenceData {

    public record LiaisonRef(String id, String name) {
    }

    public record Route(String topicCode, String topicName, String unitCode, String unitName,
            AuthorityLevel authorityLevel, String taskTemplate, String deliverableTemplate) {
    }

    /** One consistent copy of the reference tables. */
    public record Snapshot(Map<Integer, String> provinces, Map<Integer, LiaisonRef> primaryLiaisons,
            Map<String, Route> routes, Map<Urgency, Integer> targetDays, WorkingCalendar calendar, long loadedAt) {

        public Optional<LiaisonRef> primaryOf(int provinceCode) {
            return Optional.ofNullable(primaryLiaisons.get(provinceCode));
        }
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
    @Inject
    TriageConfig config;
    @Inject
    TransactionSynchronizationRegistry transactions;

    private volatile Snapshot current;

    /** The cached copy, reloaded (in its own short transaction) when older than the TTL or invalidated. */
    public Snapshot get() {
        Snapshot s = current;
        if (s != null && System.nanoTime() - s.loadedAt() < ttl().toNanos()) {
            return s;
        }
        synchronized (this) {
            s = current;
            if (s == null || System.nanoTime() - s.loadedAt() >= ttl().toNanos()) {
                s = QuarkusTransaction.requiringNew().call(this::load);
                current = s;
            }
            return s;
        }
    }

    /** Drops the copy when the caller's transaction ends (after an admin edit commits), or now without one. */
    public void invalidateAfterCompletion() {
        if (transactions.getTransactionKey() == null) {
            current = null;
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    current = null;
                }
            }
        });
    }

    private Duration ttl() {
        return config.referenceDataTtl();
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
                new WorkingCalendar(holidays.allDays()), System.nanoTime());
    }
}
