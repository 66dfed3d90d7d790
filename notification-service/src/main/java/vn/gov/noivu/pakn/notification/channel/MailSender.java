package vn.gov.noivu.pakn.notification.channel;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.eventing.consumer.Failures;
import vn.gov.noivu.pakn.notification.config.NotificationConfig;
import vn.gov.noivu.pakn.notification.entity.Delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The outbox of the queued channels (e-mail): every {@code pakn.notification.mail.send-every} it claims due PENDING
 * deliveries ({@code FOR UPDATE SKIP LOCKED}, then a lease by moving {@code next_attempt_at} ahead, so two replicas
 * never take the same row), hands each to its channel and records the result in its own transaction:
 * SENT; or a retry with exponential backoff (relay down, 4xx); or FAILED with the reason for a permanent failure
 * (5xx, invalid address) or after {@code max-attempts}. State is visible to admins at
 * {@code GET /api/v1/admin/deliveries?state=}.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    /** A claimed row is left alone by other replicas for this long (a crash mid-send frees it then). */
    static final Duration LEASE = Duration.ofMinutes(2);

    @Inject
    EntityManager em;

    @Inject
    NotificationConfig config;

    @Inject
    @All
    List<NotificationChannel> channels;

    @Inject
    MeterRegistry registry;

    @Scheduled(every = "${pakn.notification.mail.send-every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        sendDue();
    }

    /** Sends what is due now; returns how many deliveries were handled. */
    public int sendDue() {
        List<Long> ids = claim(Instant.now());
        Map<String, NotificationChannel> byId = channels.stream()
                .collect(Collectors.toMap(NotificationChannel::id, Function.identity()));
        for (Long id : ids) {
            Delivery d = load(id);
            if (d == null) {
                continue;
            }
            NotificationChannel channel = byId.get(d.channel);
            if (channel == null) {
                record(id, Result.failed("không có kênh " + d.channel + " trong bản triển khai này"));
                continue;
            }
            Result result;
            try {
                channel.send(d);
                result = Result.SENT;
            } catch (NotificationChannel.PermanentFailure e) {
                result = Result.failed(e.getMessage());
            } catch (Exception e) {
                result = Result.retry(Failures.rootMessage(e));
            }
            record(id, result);
        }
        return ids.size();
    }

    record Result(boolean sent, boolean permanent, String error) {
        static final Result SENT = new Result(true, false, null);

        static Result failed(String reason) {
            return new Result(false, true, reason);
        }

        static Result retry(String reason) {
            return new Result(false, false, reason);
        }
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<Long> claim(Instant now) {
        List<Number> ids = em.createNativeQuery("""
                update delivery set next_attempt_at = ?1
                where id in (select id from delivery where state = 'PENDING' and next_attempt_at <= ?2
                             order by next_attempt_at, id limit ?3 for update skip locked)
                returning id""")
                .setParameter(1, now.plus(LEASE)).setParameter(2, now).setParameter(3, config.mail().batchSize())
                .getResultList();
        return ids.stream().map(Number::longValue).sorted().toList();
    }

    @Transactional
    Delivery load(long id) {
        Delivery d = Delivery.findById(id);
        if (d != null) {
            em.detach(d);
        }
        return d;
    }

    @Transactional
    void record(long id, Result result) {
        Delivery d = Delivery.findById(id);
        if (d == null || d.state != Delivery.State.PENDING) {
            return;
        }
        Instant now = Instant.now();
        d.attempts++;
        if (result.sent()) {
            d.state = Delivery.State.SENT;
            d.sentAt = now;
            d.lastError = null;
            registry.counter("pakn.notification.mail", "outcome", "sent").increment();
            return;
        }
        d.lastError = truncate(result.error());
        if (result.permanent() || d.attempts >= config.mail().maxAttempts()) {
            d.state = Delivery.State.FAILED;
            if (!result.permanent()) {
                d.lastError = truncate("sau " + d.attempts + " lần thử: " + result.error());
            }
            registry.counter("pakn.notification.mail", "outcome", "failed").increment();
            LOG.warnf("delivery %d to %s FAILED: %s", id, d.address, d.lastError);
            return;
        }
        d.nextAttemptAt = now.plus(backoff(d.attempts));
        registry.counter("pakn.notification.mail", "outcome", "retry").increment();
        LOG.infof("delivery %d to %s not sent (attempt %d), next at %s: %s", id, d.address, d.attempts,
                d.nextAttemptAt, result.error());
    }

    Duration backoff(int attempts) {
        Duration initial = config.mail().initialBackoff();
        Duration max = config.mail().maxBackoff();
        int shift = Math.min(attempts - 1, 30);
        Duration d = initial.multipliedBy(1L << shift);
        return d.compareTo(max) > 0 || d.isNegative() ? max : d;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
