package vn.gov.noivu.pakn.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.TriageCaseData;
import vn.gov.noivu.pakn.notification.directory.Directory;
import vn.gov.noivu.pakn.notification.directory.Recipient;
import vn.gov.noivu.pakn.notification.rules.NotificationRules;
import vn.gov.noivu.pakn.notification.service.EventWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Processes one valid case event: looks up the recipients in the directory (outside any transaction), then applies
 * it ({@link EventWriter}) in its own transaction. A transient failure (database restarting, lock conflict, Keycloak
 * unreachable: {@link Directory.DirectoryUnavailable} is a {@code TransientException}) goes back to eventing's
 * consumer, which rewinds and retries with backoff, so an outage delays notifications and loses none; any other
 * failure is retried a few times and then parked on the dead-letter topic.
 */
@ApplicationScoped
public class EventProcessor {

    @Inject
    Directory directory;

    @Inject
    NotificationRules rules;

    @Inject
    EventWriter writer;

    public EventWriter.Outcome process(CaseEvent event, CaseEventType type, Object data) {
        if (writer.processed(event.id())) {
            return EventWriter.Outcome.DUPLICATE; // a replay: no directory look-ups
        }
        List<NotificationRules.Target> targets = rules.kind(type).isEmpty() ? List.of()
                : data instanceof IntakeCaseData i ? rules.targets(type, i) : rules.targets(type, (TriageCaseData) data);
        List<EventWriter.Audience> audiences = new ArrayList<>();
        for (NotificationRules.Target t : targets) {
            audiences.add(new EventWriter.Audience(t, recipients(t)));
        }
        return writer.apply(event, type, data, audiences);
    }

    private List<Recipient> recipients(NotificationRules.Target t) {
        return switch (t.audience()) {
            case COMMUNE -> directory.communeOfficials(Integer.parseInt(t.scope()));
            case PROVINCE -> directory.liaisons(Integer.parseInt(t.scope()));
            case UNIT -> directory.departmentHeads(t.scope());
            case LEADER -> directory.leaders();
        };
    }
}
