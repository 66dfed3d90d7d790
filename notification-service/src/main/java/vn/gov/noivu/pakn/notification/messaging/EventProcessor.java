package vn.gov.noivu.pakn.notification.messaging;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import vn.gov.noivu.pakn.eventing.consumer.Failures;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.TriageCaseData;
import vn.gov.noivu.pakn.notification.directory.Directory;
import vn.gov.noivu.pakn.notification.directory.Recipient;
import vn.gov.noivu.pakn.notification.rules.NotificationRules;
import vn.gov.noivu.pakn.notification.service.EventWriter;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Processes one valid case event: looks up the recipients in the directory (outside any transaction), then applies
 * it ({@link EventWriter}). A transient failure (database restarting, lock conflict, Keycloak unreachable) is retried
 * with exponential backoff until it passes (SmallRye Fault Tolerance), so an outage delays notifications and loses
 * none; any other failure goes back to the consumer, which parks the record on the dead-letter topic.
 */
@ApplicationScoped
public class EventProcessor {

    /** What a retry can overcome. */
    public static final class Transient implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof Directory.DirectoryUnavailable) {
                    return true;
                }
            }
            return Failures.isTransient(e);
        }
    }

    @Inject
    Directory directory;

    @Inject
    NotificationRules rules;

    @Inject
    EventWriter writer;

    @Retry(maxRetries = -1, delay = 200, jitter = 100, maxDuration = 7, durationUnit = ChronoUnit.DAYS)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    @RetryWhen(exception = Transient.class)
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
