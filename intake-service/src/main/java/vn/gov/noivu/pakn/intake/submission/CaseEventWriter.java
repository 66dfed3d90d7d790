package vn.gov.noivu.pakn.intake.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import vn.gov.noivu.pakn.commons.id.Ids;
import vn.gov.noivu.pakn.eventing.outbox.Outbox;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.Change;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.intake.reference.Commune;
import vn.gov.noivu.pakn.intake.reference.Province;
import vn.gov.noivu.pakn.intake.reference.ReferenceRepository;
import vn.gov.noivu.pakn.intake.reference.Topic;
import vn.gov.noivu.pakn.intake.tracking.TimelineEntry;

import java.util.List;

/**
 * Records an intake event of a case in the transaction of the change: increments the case's caseversion, builds the
 * CloudEvent (full intake snapshot + the change), hands it to eventing's {@link Outbox} (which stamps the trace, stores
 * it and wakes the relay after commit) and adds it to the case's timeline. Nothing is published that was not committed.
 */
@ApplicationScoped
public class CaseEventWriter {

    @Inject
    ReferenceRepository reference;

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public CaseEvent record(IntakeCase c, CaseEventType type, Change change) {
        c.intakeVersion += 1;
        c.updatedAt = change.at();
        return write(c, type, change);
    }

    /**
     * The first event of a new case, whose {@code intakeVersion} (1) and {@code updatedAt} the caller set before
     * persisting it, so that the case is inserted once with its final values instead of inserted and then updated.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CaseEvent recordFirst(IntakeCase c, CaseEventType type, Change change) {
        if (c.intakeVersion != 1 || !change.at().equals(c.updatedAt)) {
            throw new IllegalStateException("the first event needs intakeVersion 1 and updatedAt = the change's time");
        }
        return write(c, type, change);
    }

    private CaseEvent write(IntakeCase c, CaseEventType type, Change change) {
        CaseEvent event = outbox.append(Topics.INTAKE_CASE_EVENTS,
                CaseEventCodec.intake(type, Ids.next(), c.intakeVersion, snapshot(c, change)));

        TimelineEntry t = new TimelineEntry();
        t.caseId = c.id;
        t.eventId = event.id();
        t.eventType = type.name();
        t.producer = "INTAKE";
        t.occurredAt = change.at();
        t.actorId = change.actor().id();
        t.actorRole = change.actor().role();
        t.actorName = change.actor().name();
        t.reason = change.reason();
        t.text = change.text();
        t.status = c.status.name();
        t.persist();
        return event;
    }

    IntakeCaseData snapshot(IntakeCase c, Change change) {
        Commune commune = reference.commune(c.communeCode).orElseThrow();
        Province province = reference.province(c.provinceCode).orElseThrow();
        Topic topic = reference.topic(c.topicCode).orElseThrow();
        List<Integer> supporters = CaseMapper.supporters(c);
        return new IntakeCaseData(c.id.toString(), c.code, c.communeCode, commune.name, c.provinceCode, province.name,
                c.topicCode, topic.name, c.kind, c.urgency, c.title, c.description, c.contactName, c.contactPhone,
                c.contactEmail, c.attachmentCount, supporters, c.submittedAt,
                new vn.gov.noivu.pakn.events.Actor(c.submittedById, "commune-official", c.submittedByName), change,
                c.attachmentCount == 0 ? List.of() : vn.gov.noivu.pakn.intake.attachment.Attachment
                        .<vn.gov.noivu.pakn.intake.attachment.Attachment>find(
                        "caseId = ?1 order by uploadedAt, fileName, id", c.id).stream()
                        .map(a -> new IntakeCaseData.Attachment(a.id.toString(), a.fileName, a.contentType,
                                a.sizeBytes, a.uploadedAt))
                        .toList(),
                c.satisfactionRating == null ? null : new IntakeCaseData.Satisfaction(c.satisfactionRating,
                        c.satisfactionComment, c.satisfactionAt));
    }
}
