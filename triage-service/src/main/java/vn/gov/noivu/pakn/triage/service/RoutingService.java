package vn.gov.noivu.pakn.triage.service;

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
import vn.gov.noivu.pakn.triage.entity.CaseAttachment;
import vn.gov.noivu.pakn.triage.entity.Liaison;
import vn.gov.noivu.pakn.triage.entity.Province;
import vn.gov.noivu.pakn.triage.entity.ResponsibleUnit;
import vn.gov.noivu.pakn.triage.entity.TopicRoute;
import vn.gov.noivu.pakn.triage.entity.TriageCase;
import vn.gov.noivu.pakn.triage.repository.CaseRepository;
import vn.gov.noivu.pakn.triage.repository.LiaisonRepository;
import vn.gov.noivu.pakn.triage.repository.ProvinceRepository;
import vn.gov.noivu.pakn.triage.repository.TopicRouteRepository;
import vn.gov.noivu.pakn.triage.repository.UnitRepository;

import java.time.Instant;

/**
 * Routes a submitted case with the routing table: province → its primary liaison; topic → responsible unit, default
 * authority level, task and deliverable; urgency → SLA target in working days from the submission.
 */
@ApplicationScoped
public class RoutingService {

    @Inject
    CaseRepository cases;
    @Inject
    ProvinceRepository provinces;
    @Inject
    LiaisonRepository liaisons;
    @Inject
    TopicRouteRepository routes;
    @Inject
    UnitRepository units;
    @Inject
    CalendarService calendar;
    @Inject
    CaseEventEmitter emitter;

    @Transactional(Transactional.TxType.MANDATORY)
    public TriageCase route(IntakeCaseData d, long intakeVersion, Instant eventTime, Instant now) {
        Province province = provinces.findById(d.provinceCode());
        if (province == null) {
            throw new InvalidEventException("unknown province code " + d.provinceCode());
        }
        if (d.code() == null || d.code().isBlank()) {
            throw new InvalidEventException("data.code is missing");
        }
        TriageCase c = new TriageCase();
        c.id = d.caseId();
        applySnapshot(c, d, intakeVersion, eventTime);
        if (c.provinceName == null) {
            c.provinceName = province.name;
        }
        c.status = CaseStatus.ROUTED;
        c.createdAt = now;
        c.updatedAt = now;

        liaisons.primaryOf(d.provinceCode()).ifPresent(l -> assign(c, l));
        TopicRoute route = d.topicCode() == null ? null : routes.findById(d.topicCode());
        if (route != null) {
            ResponsibleUnit unit = units.findById(route.unitCode);
            c.unitCode = unit.code;
            c.unitName = unit.name;
            c.authorityLevel = route.authorityLevel;
            c.task = route.taskTemplate;
            c.deliverable = route.deliverableTemplate;
            if (c.topicName == null) {
                c.topicName = route.topicName;
            }
        }
        SlaClock clock = calendar.clock();
        c.dueAt = clock.dueAt(c.submittedAt, calendar.targetDays(c.urgency));
        c.atRiskAt = clock.atRiskAt(c.dueAt);
        cases.persist(c);
        emitter.emit(c, CaseEventType.ROUTED, new Change(Actor.SYSTEM, now,
                "Phân công tự động theo bảng định tuyến (tỉnh → cán bộ phụ trách, chuyên đề → đơn vị chủ trì)",
                null, c.routedLiaisonId));
        return c;
    }

    private static void assign(TriageCase c, Liaison l) {
        c.routedLiaisonId = l.id;
        c.assigneeId = l.id;
        c.assigneeName = l.name;
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
