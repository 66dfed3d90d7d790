package vn.gov.noivu.pakn.triage.handling;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import vn.gov.noivu.pakn.triage.handling.TriageCase;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class CaseRepository implements PanacheRepositoryBase<TriageCase, String> {

    /** Loads a case and locks its row until the transaction ends: actions on one case are serialised. */
    public Optional<TriageCase> findForUpdate(String id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Loads the existing cases among {@code ids} and locks their rows until the transaction ends (one statement, rows
     * locked in id order); absent ids are simply missing from the map.
     */
    public Map<String, TriageCase> findForUpdate(Collection<String> ids) {
        Map<String, TriageCase> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        getEntityManager().createQuery("from TriageCase c where c.id in :ids order by c.id", TriageCase.class)
                .setParameter("ids", ids).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()
                .forEach(c -> found.put(c.id, c));
        return found;
    }

    private static final String CLOCK_RUNNING = "('ROUTED', 'CLAIMED', 'ESCALATED', 'REOPENED')";

    /**
     * Ids of cases matching an SLA/"2 không" condition, locked with {@code FOR UPDATE SKIP LOCKED}: another replica
     * running the same check concurrently skips them, and once this transaction commits the condition no longer
     * holds, so each case is handled exactly once.
     */
    @SuppressWarnings("unchecked")
    public List<String> lockCandidates(String condition, Instant now, long limit, Object extra) {
        var q = getEntityManager().createNativeQuery("select id from triage_case where status in " + CLOCK_RUNNING
                + " and " + condition + " order by due_at nulls last, id limit :limit for update skip locked");
        q.setParameter("limit", limit);
        if (condition.contains(":now")) {
            q.setParameter("now", now);
        }
        if (condition.contains(":extra")) {
            q.setParameter("extra", extra);
        }
        return q.getResultList();
    }
}
