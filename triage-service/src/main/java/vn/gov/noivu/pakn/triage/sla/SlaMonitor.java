package vn.gov.noivu.pakn.triage.sla;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.events.Actor;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Change;
import vn.gov.noivu.pakn.triage.config.TriageConfig;
import vn.gov.noivu.pakn.triage.reference.ResponsibleUnit;
import vn.gov.noivu.pakn.triage.handling.TriageCase;
import vn.gov.noivu.pakn.triage.handling.CaseRepository;
import vn.gov.noivu.pakn.triage.reference.UnitRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import vn.gov.noivu.pakn.triage.events.CaseEventEmitter;

/**
 * Scheduled SLA and "2 không" checks: at risk, overdue (then automatic escalation to the head of the responsible
 * unit), too many handovers (automatic escalation), claims left idle.
 *
 * <p>Safe with several replicas: each check selects its candidates with {@code FOR UPDATE SKIP LOCKED} and a
 * condition the check itself falsifies (e.g. {@code overdue_notified_at is null}) in the same transaction. A replica
 * running concurrently skips the rows locked by the other, and a replica running later no longer matches them, so
 * every event (SLA_AT_RISK, SLA_OVERDUE, ESCALATED, CLAIM_IDLE) is published once per case.
 */
@ApplicationScoped
public class SlaMonitor {

    private static final Logger LOG = Logger.getLogger(SlaMonitor.class);

    @Inject
    CaseRepository cases;
    @Inject
    UnitRepository units;
    @Inject
    CaseEventEmitter emitter;
    @Inject
    TriageConfig config;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry registry;

    public record Report(int atRisk, int overdue, int autoEscalated, int idle) {
    }

    @Scheduled(identity = "sla-monitor", every = "${pakn.triage.sla.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Report r = runOnce(clock.instant());
        if (r.atRisk() + r.overdue() + r.autoEscalated() + r.idle() > 0) {
            LOG.infof("SLA check: %s", r);
        }
    }

    /** One pass of every check at {@code now}; each check in its own transaction. */
    public Report runOnce(Instant now) {
        int batch = config.sla().batchSize();
        int overdue = QuarkusTransaction.requiringNew().call(() -> overdue(now, batch));
        int atRisk = QuarkusTransaction.requiringNew().call(() -> atRisk(now, batch));
        int bounced = QuarkusTransaction.requiringNew().call(() -> tooManyHandovers(now, batch));
        int idle = QuarkusTransaction.requiringNew().call(() -> idleClaims(now, batch));
        registry.counter("pakn_triage_sla_events", "kind", "overdue").increment(overdue);
        registry.counter("pakn_triage_sla_events", "kind", "at_risk").increment(atRisk);
        registry.counter("pakn_triage_sla_events", "kind", "auto_escalation_handovers").increment(bounced);
        registry.counter("pakn_triage_sla_events", "kind", "claim_idle").increment(idle);
        return new Report(atRisk, overdue, bounced, idle);
    }

    private int overdue(Instant now, int batch) {
        List<String> ids = cases.lockCandidates("due_at < :now and overdue_notified_at is null", now, batch, null);
        for (String id : ids) {
            TriageCase c = cases.findById(id);
            c.overdueNotifiedAt = now;
            emitter.emit(c, CaseEventType.SLA_OVERDUE, new Change(Actor.SYSTEM, now, "Quá thời hạn xử lý", null,
                    null));
            autoEscalate(c, now, "OVERDUE", "Tự động chuyển lãnh đạo đơn vị chủ trì: hồ sơ quá hạn xử lý");
        }
        return ids.size();
    }

    private int atRisk(Instant now, int batch) {
        List<String> ids = cases.lockCandidates(
                "at_risk_at <= :now and due_at >= :now and at_risk_notified_at is null", now, batch, null);
        for (String id : ids) {
            TriageCase c = cases.findById(id);
            c.atRiskNotifiedAt = now;
            emitter.emit(c, CaseEventType.SLA_AT_RISK, new Change(Actor.SYSTEM, now, "Sắp đến hạn xử lý", null,
                    null));
        }
        return ids.size();
    }

    private int tooManyHandovers(Instant now, int batch) {
        int max = config.twoNo().maxHandovers();
        List<String> ids = cases.lockCandidates("handover_count > :extra and auto_escalated_at is null", now, batch,
                max);
        for (String id : ids) {
            TriageCase c = cases.findById(id);
            autoEscalate(c, now, "HANDOVERS", "Tự động chuyển lãnh đạo đơn vị chủ trì: hồ sơ bị chuyển giao "
                    + c.handoverCount + " lần (quá " + max + " lần)");
        }
        return ids.size();
    }

    private int idleClaims(Instant now, int batch) {
        Instant idleSince = now.minus(config.twoNo().claimIdleAfter());
        List<String> ids = cases.lockCandidates("claimed_at is not null and claim_idle_flagged_at is null "
                + "and coalesce(last_worked_at, claimed_at) < :extra", now, batch, idleSince);
        for (String id : ids) {
            TriageCase c = cases.findById(id);
            c.claimIdleFlaggedAt = now;
            emitter.emit(c, CaseEventType.CLAIM_IDLE, new Change(Actor.SYSTEM, now,
                    "Đã nhận xử lý nhưng chưa có thao tác nào sau " + config.twoNo().claimIdleAfter().toHours()
                            + " giờ", null, c.assigneeId));
        }
        return ids.size();
    }

    private void autoEscalate(TriageCase c, Instant now, String cause, String reason) {
        if (c.autoEscalatedAt != null) {
            return;
        }
        c.autoEscalatedAt = now;
        c.autoEscalationCause = cause;
        String unitCode = c.unitCode != null ? c.unitCode : config.fallbackUnit();
        ResponsibleUnit unit = units.findById(unitCode);
        if (c.status == CaseStatus.ESCALATED && unitCode.equals(c.escalationUnit)) {
            return; // already with the head of that unit
        }
        c.status = CaseStatus.ESCALATED;
        c.escalationTarget = AuthorityLevel.MINISTRY;
        c.escalationUnit = unitCode;
        c.escalationReason = reason;
        c.escalationAutomatic = true;
        c.escalatedAt = now;
        c.escalationCount++;
        if (c.unitCode == null && unit != null) {
            c.unitCode = unit.code;
            c.unitName = unit.name;
        }
        emitter.emit(c, CaseEventType.ESCALATED, new Change(Actor.SYSTEM, now, reason, null,
                AuthorityLevel.MINISTRY.name() + ":" + unitCode + (unit == null ? "" : ":" + unit.headId)));
    }
}
