package vn.gov.noivu.pakn.notification.digest;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.notification.config.NotificationConfig;
import vn.gov.noivu.pakn.notification.directory.Directory;
import vn.gov.noivu.pakn.notification.directory.Recipient;
import vn.gov.noivu.pakn.notification.entity.Delivery;
import vn.gov.noivu.pakn.notification.mail.Messages;
import vn.gov.noivu.pakn.notification.rules.Kind;
import vn.gov.noivu.pakn.notification.rules.NotificationRules;
import vn.gov.noivu.pakn.notification.service.Deliveries;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two digests:
 * <ul>
 * <li>daily (07:00 Vietnam time by default): one e-mail per user gathering the notifications of the kinds they set to
 * DAILY_DIGEST (deliveries in state DIGEST become DIGESTED, pointing at the digest's delivery);</li>
 * <li>weekly, for leaders (Monday 07:30): built from this service's case projection — new recurring issues of the
 * week, open overdue cases by province, answer times of the week — sent by e-mail and to the inbox.</li>
 * </ul>
 * Both are safe with several replicas: rows are claimed with {@code FOR UPDATE SKIP LOCKED}, and a digest's delivery
 * has a deterministic event id, so a second replica inserts nothing.
 */
@ApplicationScoped
public class Digests {

    private static final Logger LOG = Logger.getLogger(Digests.class);
    static final String ZONE = "Asia/Ho_Chi_Minh";

    @Inject
    EntityManager em;

    @Inject
    NotificationConfig config;

    @Inject
    NotificationRules rules;

    @Inject
    Messages messages;

    @Inject
    Directory directory;

    @Inject
    Deliveries deliveries;

    @Scheduled(cron = "${pakn.notification.digest.daily-cron}", timeZone = ZONE)
    void daily() {
        int sent = sendDaily(Instant.now());
        LOG.infof("daily digests queued: %d", sent);
    }

    @Scheduled(cron = "${pakn.notification.digest.weekly-cron}", timeZone = ZONE)
    void weekly() {
        sendWeekly(Instant.now());
    }

    /** Queues one digest e-mail per user with waiting DIGEST deliveries; returns how many. */
    public int sendDaily(Instant now) {
        int count = 0;
        for (String recipient : waitingRecipients()) {
            if (digestFor(recipient, now)) {
                count++;
            }
        }
        return count;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<String> waitingRecipients() {
        return em.createNativeQuery("select distinct recipient from delivery where state = 'DIGEST'")
                .getResultList();
    }

    @Transactional
    @SuppressWarnings("unchecked")
    boolean digestFor(String username, Instant now) {
        List<Delivery> rows = em.createNativeQuery("""
                select * from delivery where recipient = ?1 and state = 'DIGEST'
                order by created_at, id for update skip locked""", Delivery.class)
                .setParameter(1, username).getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        List<Messages.Item> items = new ArrayList<>();
        for (Delivery d : rows) {
            items.add(new Messages.Item(d.subject, rules.format(d.createdAt), d.link));
        }
        String day = NotificationRules.DATE.format(now.atZone(config.zone()));
        String subject = "[PAKN] Tổng hợp thông báo ngày " + day + " (" + rows.size() + ")";
        Recipient r = new Recipient(username, "ông/bà", rows.get(0).address, java.util.Set.of());
        Messages.Email email = messages.digest(Kind.DAILY_DIGEST, subject, "Tổng hợp thông báo trong ngày", r,
                "Các thông báo ông/bà chọn nhận theo ngày (" + rows.size() + "):", List.of(), items,
                config.links().self() + "/thong-bao", "Mở hộp thông báo", now);
        Delivery digest = new Delivery();
        digest.eventId = "daily-digest:" + rows.get(0).id + "-" + rows.get(rows.size() - 1).id;
        digest.recipient = username;
        digest.channel = rows.get(0).channel;
        digest.kind = Kind.DAILY_DIGEST.name();
        digest.address = rows.get(0).address;
        digest.subject = subject;
        digest.bodyText = email.text();
        digest.bodyHtml = email.html();
        digest.link = config.links().self() + "/thong-bao";
        digest.state = Delivery.State.PENDING;
        digest.nextAttemptAt = now;
        digest.createdAt = now;
        digest.persist();
        for (Delivery d : rows) {
            d.state = Delivery.State.DIGESTED;
            d.digestId = digest.eventId;
            d.sentAt = now;
        }
        return true;
    }

    /** The leaders' weekly digest of the 7 days before {@code now}; returns the digest's content. */
    public WeeklyReport sendWeekly(Instant now) {
        WeeklyReport report = report(now);
        List<Recipient> leaders = directory.leaders();
        queueWeekly(report, leaders, now);
        LOG.infof("weekly digest %s for %d leaders", report.week(), leaders.size());
        return report;
    }

    public record ProvinceCount(String province, long cases) {
    }

    public record RecurringIssue(String id, String topics, long cases, long provinces) {
    }

    public record WeeklyReport(String week, Instant from, Instant to, long newCases, long answered,
            Double averageAnswerDays, Double medianAnswerDays, List<ProvinceCount> overdueByProvince,
            List<RecurringIssue> newRecurringIssues) {
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public WeeklyReport report(Instant now) {
        Instant from = now.minus(Duration.ofDays(7));
        LocalDate day = now.atZone(config.zone()).toLocalDate();
        String week = String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        long newCases = ((Number) em.createNativeQuery(
                "select count(*) from case_projection where submitted_at >= ?1 and submitted_at < ?2")
                .setParameter(1, from).setParameter(2, now).getSingleResult()).longValue();
        Object[] answers = (Object[]) em.createNativeQuery("""
                select count(*),
                       avg(extract(epoch from answered_at - submitted_at)) / 86400,
                       percentile_cont(0.5) within group (order by extract(epoch from answered_at - submitted_at)) / 86400
                from case_projection
                where answered_at >= ?1 and answered_at < ?2 and submitted_at is not null""")
                .setParameter(1, from).setParameter(2, now).getSingleResult();
        List<Object[]> overdue = em.createNativeQuery("""
                select coalesce(province_name, 'Tỉnh mã ' || province_code), count(*)
                from case_projection
                where sla_state = 'OVERDUE' and coalesce(status, '') <> 'CLOSED'
                group by 1 order by 2 desc, 1""").getResultList();
        List<Object[]> recurring = em.createNativeQuery("""
                select recurring_issue_id, string_agg(distinct coalesce(topic_name, topic_code), ', '),
                       count(*), count(distinct province_code)
                from case_projection where recurring_issue_id is not null
                group by recurring_issue_id having min(linked_at) >= ?1 and min(linked_at) < ?2
                order by 3 desc, 1""").setParameter(1, from).setParameter(2, now).getResultList();
        return new WeeklyReport(week, from, now, newCases, ((Number) answers[0]).longValue(),
                answers[1] == null ? null : ((Number) answers[1]).doubleValue(),
                answers[2] == null ? null : ((Number) answers[2]).doubleValue(),
                overdue.stream().map(o -> new ProvinceCount((String) o[0], ((Number) o[1]).longValue())).toList(),
                recurring.stream().map(o -> new RecurringIssue((String) o[0], (String) o[1],
                        ((Number) o[2]).longValue(), ((Number) o[3]).longValue())).toList());
    }

    @Transactional
    void queueWeekly(WeeklyReport w, List<Recipient> leaders, Instant now) {
        String period = rules.format(w.from()) + " – " + rules.format(w.to());
        List<NotificationRules.Detail> details = new ArrayList<>();
        details.add(new NotificationRules.Detail("Hồ sơ mới trong tuần", Long.toString(w.newCases())));
        details.add(new NotificationRules.Detail("Hồ sơ được trả lời", Long.toString(w.answered())));
        details.add(new NotificationRules.Detail("Thời gian trả lời trung bình", days(w.averageAnswerDays())));
        details.add(new NotificationRules.Detail("Thời gian trả lời trung vị", days(w.medianAnswerDays())));
        details.add(new NotificationRules.Detail("Hồ sơ đang quá hạn", Long.toString(
                w.overdueByProvince().stream().mapToLong(ProvinceCount::cases).sum())));
        List<Messages.Item> items = new ArrayList<>();
        for (RecurringIssue r : w.newRecurringIssues()) {
            items.add(new Messages.Item("Vấn đề lặp lại mới: " + r.topics(), r.cases() + " hồ sơ từ " + r.provinces()
                    + " tỉnh, thành phố", config.links().search() + "/lanh-dao/van-de-lap-lai"));
        }
        for (ProvinceCount p : w.overdueByProvince()) {
            items.add(new Messages.Item("Quá hạn – " + p.province(), p.cases() + " hồ sơ", null));
        }
        if (items.isEmpty()) {
            items.add(new Messages.Item("Trong tuần không có vấn đề lặp lại mới và không có hồ sơ quá hạn.", null,
                    null));
        }
        String subject = "[PAKN] Bản tin tuần " + w.week();
        String link = config.links().search() + "/lanh-dao/xu-huong";
        String intro = "Tình hình tiếp nhận và xử lý phản ánh, kiến nghị của cấp xã từ " + period + ".";
        for (Recipient r : leaders) {
            Messages.Email email = messages.digest(Kind.WEEKLY_DIGEST, subject, "Bản tin tuần " + w.week(), r, intro,
                    details, items, link, "Xem xu hướng", now);
            deliveries.create(new Deliveries.Content("weekly-digest:" + w.week(), Kind.WEEKLY_DIGEST, null, null,
                    link, subject, intro + " Hồ sơ mới: " + w.newCases() + "; đang quá hạn: "
                    + w.overdueByProvince().stream().mapToLong(ProvinceCount::cases).sum() + ".", email), r, now);
        }
    }

    private static String days(Double d) {
        return d == null ? "chưa có" : String.format(Locale.ROOT, "%.1f ngày", d).replace('.', ',');
    }
}
