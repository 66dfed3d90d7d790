package vn.gov.noivu.pakn.triage.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import vn.gov.noivu.pakn.commons.text.VietnameseText;
import vn.gov.noivu.pakn.events.Actor;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Change;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.InvalidEventException;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.triage.handling.CaseAttachment;
import vn.gov.noivu.pakn.triage.handling.TriageCase;

import java.time.Instant;
import vn.gov.noivu.pakn.triage.events.CaseEventEmitter;
import vn.gov.noivu.pakn.triage.reference.ReferenceData;
import vn.gov.noivu.pakn.triage.sla.CalendarService;
import vn.gov.noivu.pakn.triage.sla.SlaClock;

/**
 * Routes a submitted case with the routing table: province → its primary liaison; topic → responsible unit, default
 * authority level, task and deliverable; urgency → SLA target in working days from the submission.
 */
@ApplicationScoped
public class RoutingService {

    @Inject
    ReferenceData reference;
    @Inject
    CalendarService calendar;
    @Inject
    CaseEventEmitter emitter;

    /**
     * Routes a case seen for the first time, with the cached {@link ReferenceData} (no query): persists it with its
     * ROUTED event and timeline entry.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public TriageCase route(IntakeCaseData d, long intakeVersion, Instant eventTime, Instant now) {
        ReferenceData.Snapshot data = reference.get();
        String provinceName = data.provinces().get(d.provinceCode());
        if (provinceName == null) {
            throw new InvalidEventException("unknown province code " + d.provinceCode());
        }
        if (d.code() == null || d.code().isBlank()) {
            throw new InvalidEventException("data.code is missing");
        }
        TriageCase c = new TriageCase();
        c.id = d.caseId();
        applySnapshot(c, d, intakeVersion, eventTime);
        if (c.provinceName == null) {
            c.provinceName = provinceName;
        }
        c.status = CaseStatus.ROUTED;
        c.createdAt = now;
        c.updatedAt = now;

        data.primaryOf(d.provinceCode()).ifPresent(l -> {
            c.routedLiaisonId = l.id();
            c.assigneeId = l.id();
            c.assigneeName = l.name();
        });
        ReferenceData.Route route = d.topicCode() == null ? null : data.routes().get(d.topicCode());
        if (route != null) {
            c.unitCode = route.unitCode();
            c.unitName = route.unitName();
            c.authorityLevel = route.authorityLevel();
            c.task = route.taskTemplate();
            c.deliverable = route.deliverableTemplate();
            if (c.topicName == null) {
                c.topicName = route.topicName();
            }
        }
        SlaClock clock = calendar.clock(data);
        c.dueAt = clock.dueAt(c.submittedAt, CalendarService.targetDays(data, c.urgency));
        c.atRiskAt = clock.atRiskAt(c.dueAt);
        // emit persists the new case (with its triage version already set: one INSERT, no UPDATE after it)
        emitter.emit(c, CaseEventType.ROUTED, new Change(Actor.SYSTEM, now,
                "Phân công tự động theo bảng định tuyến (tỉnh → cán bộ phụ trách, chuyên đề → đơn vị chủ trì)",
                null, c.routedLiaisonId));
        return c;
    }

    /** Copies the intake-side snapshot (intake owns it; the newest caseversion wins). */
    public void applySnapshot(TriageCase c, IntakeCaseData d, long intakeVersion, Instant eventTime) {
        c.code = d.code();
        c.title = VietnameseText.nfc(d.title());
        c.description = VietnameseText.nfc(d.description());
        c.kind = d.kind();
        c.urgency = d.urgency() == null ? Urgency.NORMAL : d.urgency();
        c.communeCode = d.communeCode();
        c.communeName = VietnameseText.nfc(d.communeName());
        c.provinceCode = d.provinceCode();
        c.provinceName = VietnameseText.nfc(d.provinceName());
        c.topicCode = d.topicCode();
        c.topicName = VietnameseText.nfc(d.topicName());
        c.submittedAt = d.submittedAt() == null ? eventTime : d.submittedAt();
        if (d.submittedBy() != null) {
            c.submittedById = d.submittedBy().id();
            c.submittedByName = d.submittedBy().name();
        }
        c.supporterCount = d.supportingCommunes() == null ? 0 : d.supportingCommunes().size();
        c.contactName = VietnameseText.nfc(d.contactName());
        c.contactPhone = d.contactPhone();
        c.contactEmail = d.contactEmail();
        c.attachmentCount = d.attachmentCount();
        // an event of a producer that did not carry the metadata yet (null) keeps what an earlier one brought
        if (d.attachments() != null) {
            c.attachments.clear();
            d.attachments().forEach(a -> c.attachments.add(new CaseAttachment(a.id(),
                    VietnameseText.nfc(a.fileName()), a.contentType(), a.sizeBytes())));
            c.attachmentCount = Math.max(c.attachmentCount, c.attachments.size());
        }
        if (d.satisfaction() != null) {
            c.satisfactionRating = d.satisfaction().rating();
            c.satisfactionComment = VietnameseText.nfc(d.satisfaction().comment());
            c.satisfiedAt = d.satisfaction().at();
        }
        c.intakeVersion = intakeVersion;
    }
}
