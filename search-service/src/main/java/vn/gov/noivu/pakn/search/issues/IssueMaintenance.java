package vn.gov.noivu.pakn.search.issues;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.search.config.SearchConfig;
import vn.gov.noivu.pakn.search.service.RecurringIssueService;
import vn.gov.noivu.pakn.search.service.Scope;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The periodic repair of incremental assignment (one instance at a time across replicas: a lock document in the issue
 * index, taken and released with conditional writes). Incremental assignment depends on arrival order: a case that came
 * before its problem had formed stays a single-case candidate. The job re-examines every single-case candidate against
 * the issues that exist now (same relative criterion) and moves its case into the best one, dissolving the candidate;
 * empty automatic issues are deleted. It never renumbers or dissolves an issue a person confirmed, never moves a pinned
 * case, and never offers a case an issue it was moved out of.
 */
@ApplicationScoped
public class IssueMaintenance {

    private static final Logger LOG = Logger.getLogger(IssueMaintenance.class);
    private static final String LOCK = "recluster";

    @Inject
    IssueStore store;

    @Inject
    RecurringIssueAssigner assigner;

    @Inject
    IssueVectors vectors;

    @Inject
    RecurringIssueService service;

    @Inject
    SearchConfig config;

    private final String holder = UUID.randomUUID().toString();

    @Scheduled(every = "${pakn.search.recurring.recluster-every:10m}", delayed = "${pakn.search.recurring.recluster-delay:2m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.recurring().assignEnabled()) {
            return;
        }
        try {
            run(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warnf("re-clustering skipped: %s", e.toString());
        }
    }

    /** Result of one pass: single-case candidates re-examined, joined to an issue, empty issues removed. */
    public record Pass(int examined, int joined, int removed) {
    }

    /** One pass over single-case candidates older than {@code settle} (newer ones may still be joined live). */
    public Pass run(Duration settle) {
        if (!store.lock(LOCK, holder, config.recurring().lockTtl())) {
            return new Pass(0, 0, 0);
        }
        try {
            return repair(settle);
        } finally {
            store.unlock(LOCK, holder);
        }
    }

    private Pass repair(Duration settle) {
        int examined = 0;
        int joined = 0;
        int removed = 0;
        Instant settled = Instant.now().minus(settle);
        String after = null;
        while (true) {
            List<RecurringIssue> page = store.live(after, 200, 1);
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).issueId;
            for (RecurringIssue single : page) {
                if (single.status == RecurringIssue.Status.CONFIRMED || single.createdAt == null
                        || single.createdAt.isAfter(settled)) {
                    continue;
                }
                List<String> members = service.memberIds(single.issueId, Scope.all(), 2);
                if (members.isEmpty()) {
                    store.delete(single.issueId);
                    removed++;
                    continue;
                }
                if (members.size() > 1) {
                    continue; // its counters lag: the sums are repaired when cases move
                }
                examined++;
                if (rejoin(single, members.get(0))) {
                    joined++;
                }
            }
            store.refresh();
        }
        if (examined > 0) {
            LOG.infof("re-clustering: %d single-case candidate(s) re-examined, %d joined an issue, %d empty removed",
                    examined, joined, removed);
        }
        return new Pass(examined, joined, removed);
    }

    private boolean rejoin(RecurringIssue single, String caseId) {
        RecurringIssueAssigner.StoredCase c = assigner.readCases(List.of(caseId)).get(caseId);
        if (c == null || Boolean.TRUE.equals(c.doc().recurringPinned) || !single.issueId.equals(c.doc().recurringIssueId)) {
            return false;
        }
        Map<String, Double> v = vectors.vectors(List.of(new IssueVectors.Text(caseId, c.doc().title,
                c.doc().description))).getOrDefault(caseId, Map.of());
        Set<String> excluded = new LinkedHashSet<>(c.doc().recurringExcluded == null ? List.of() : c.doc().recurringExcluded);
        excluded.add(single.issueId);
        List<String> ids = store.candidates(v, excluded, config.recurring().candidates());
        List<RecurringIssue> others = new ArrayList<>();
        store.mget(ids).values().forEach(x -> others.add(x.issue()));
        IssueMath.Choice choice = IssueMath.choose(v, others, excluded, assigner.params());
        if (choice == null) {
            return false;
        }
        Map<String, Object> f = new HashMap<>();
        f.put("recurringIssueId", choice.issue().issueId);
        f.put("recurringAssignedAt", Instant.now().toString());
        f.put("recurringLink", Math.round(choice.link() * 10000) / 10000.0);
        if (!assigner.writeMembership(caseId, c, f)) {
            return false;
        }
        assigner.addMember(choice.issue().issueId, c.doc(), v, choice.link());
        store.delete(single.issueId);
        return true;
    }
}
