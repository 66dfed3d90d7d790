package vn.gov.noivu.pakn.triage.handling;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.commons.domain.NotFound;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.commons.text.VietnameseText;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.triage.config.TriageConfig;
import vn.gov.noivu.pakn.triage.handling.TriageCase;
import vn.gov.noivu.pakn.triage.handling.CaseMapper;
import vn.gov.noivu.pakn.triage.handling.CaseViews;
import vn.gov.noivu.pakn.triage.handling.CaseActionRepository;
import vn.gov.noivu.pakn.triage.handling.CaseRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import vn.gov.noivu.pakn.triage.sla.CalendarService;

/** Read side: the queue of a caller's scope with its filters, and the case page. */
@ApplicationScoped
public class QueueService {

    /** Queue filters ({@code state=}). */
    public enum Filter {
        OPEN("open"), UNCLAIMED("unclaimed"), MINE("mine"), AT_RISK("at-risk"), OVERDUE("overdue"),
        NEEDS_INFO("needs-info"), ESCALATED("escalated"), ANSWERED("answered"), CLOSED("closed"), ALL("all");

        public final String param;

        Filter(String param) {
            this.param = param;
        }

        public static Filter of(String param) {
            if (param == null || param.isBlank()) {
                return OPEN;
            }
            return Arrays.stream(values()).filter(f -> f.param.equals(param)).findFirst().orElseThrow(
                    () -> Invalid.field("state", "giá trị hợp lệ: " + String.join(", ",
                            Arrays.stream(values()).map(f -> f.param).toList())));
        }
    }

    private static final String RUNNING = "c.status in ('ROUTED', 'CLAIMED', 'ESCALATED', 'REOPENED')";

    @Inject
    CaseRepository cases;
    @Inject
    CaseActionRepository actions;
    @Inject
    CaseAccess access;
    @Inject
    CaseMapper mapper;
    @Inject
    CalendarService calendar;
    @Inject
    TriageConfig config;
    @Inject
    Clock clock;

    /** Order of a queue: by due date (default), newest or oldest submission first, by case code. */
    public enum Order {
        DUE(Sort.ascending("dueAt").and("code")), NEWEST(Sort.descending("submittedAt").and("code")),
        OLDEST(Sort.ascending("submittedAt").and("code")), CODE(Sort.ascending("code"));

        final Sort sort;

        Order(Sort sort) {
            this.sort = sort;
        }
    }

    /** What the pages narrow a queue by, beyond the API's filters: words of code/title/commune, a topic. */
    public record Narrowing(String text, String topicCode, Order order) {
        public static final Narrowing NONE = new Narrowing(null, null, Order.DUE);
    }

    @Transactional
    public CaseViews.Queue queue(Caller caller, Integer province, String state, int page, int size) {
        return queue(caller, province, state, Narrowing.NONE, page, size);
    }

    @Transactional
    public CaseViews.Queue queue(Caller caller, Integer province, String state, Narrowing narrowing, int page,
            int size) {
        Filter filter = Filter.of(state);
        Instant now = clock.instant();
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (province != null) {
            if (!caller.seesEverything() && !caller.servesProvince(province)) {
                throw new NotFound("Tỉnh " + province);
            }
            where.add("c.provinceCode = :province");
            params.and("province", province);
        }
        if (!caller.seesEverything()) {
            List<String> scope = new ArrayList<>();
            Set<Integer> provinces = caller.is(Identity.LIAISON) ? caller.provinceCodes() : Set.of();
            if (!provinces.isEmpty()) {
                scope.add("c.provinceCode in :provinces");
                params.and("provinces", provinces);
            }
            if (caller.is(Identity.DEPARTMENT_HEAD) && caller.unitCode().isPresent()) {
                scope.add("c.escalationUnit = :unit");
                params.and("unit", caller.unitCode().get());
            }
            if (scope.isEmpty()) {
                return new CaseViews.Queue(List.of(), 0, page, size);
            }
            where.add("(" + String.join(" or ", scope) + ")");
        }
        switch (filter) {
            case OPEN -> where.add("c.status <> 'CLOSED'");
            case UNCLAIMED -> where.add("c.claimedAt is null and c.status in ('ROUTED', 'REOPENED', 'ESCALATED')");
            case MINE -> {
                where.add("c.assigneeId = :me and c.claimedAt is not null and c.status <> 'CLOSED'");
                params.and("me", caller.id());
            }
            case AT_RISK -> {
                where.add(RUNNING + " and c.atRiskAt <= :now and c.dueAt >= :now");
                params.and("now", now);
            }
            case OVERDUE -> {
                where.add(RUNNING + " and c.dueAt < :now");
                params.and("now", now);
            }
            case NEEDS_INFO -> where.add("c.status = 'NEEDS_INFO'");
            case ESCALATED -> where.add("c.status = 'ESCALATED'");
            case ANSWERED -> where.add("c.status = 'ANSWERED'");
            case CLOSED -> where.add("c.status = 'CLOSED'");
            case ALL -> {
            }
        }
        if (narrowing.text() != null && !narrowing.text().isBlank()) {
            where.add("(lower(c.code) like lower(:text) or lower(c.title) like lower(:text) "
                    + "or lower(c.communeName) like lower(:text))");
            params.and("text", "%" + VietnameseText.nfc(narrowing.text().strip())
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (narrowing.topicCode() != null && !narrowing.topicCode().isBlank()) {
            where.add("c.topicCode = :topic");
            params.and("topic", narrowing.topicCode());
        }
        String query = "from TriageCase c" + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
        var q = cases.find(query, narrowing.order().sort, params);
        long total = q.count();
        List<CaseViews.QueueItem> items = q.page(Page.of(page, size)).list().stream()
                .map(c -> mapper.queueItem(c, now, config.zone())).toList();
        return new CaseViews.Queue(items, total, page, size);
    }

    @Transactional
    public CaseViews.CaseDetail detail(Caller caller, String id) {
        TriageCase c = cases.findByIdOptional(id).filter(x -> access.canView(caller, x))
                .orElseThrow(() -> new NotFound("Hồ sơ " + id));
        return detail(c);
    }

    /** The view of a case an action has just changed (and committed): read again, so its files load here. */
    @Transactional
    public CaseViews.CaseDetail detail(TriageCase changed) {
        TriageCase c = cases.findByIdOptional(changed.id).orElse(changed);
        return mapper.detail(c, actions.timeline(c.id), calendar.clock(), clock.instant());
    }
}
