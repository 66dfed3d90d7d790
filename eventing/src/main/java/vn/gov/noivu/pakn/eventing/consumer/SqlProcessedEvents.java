package vn.gov.noivu.pakn.eventing.consumer;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import vn.gov.noivu.pakn.events.CaseEvent;

/**
 * {@link ProcessedEvents} in a table {@code processed_event(event_id primary key, case_id, type, case_version,
 * outcome, processed_at)} in the handler's transaction: {@link #claimAll} writes a whole poll with ONE multi-row
 * {@code insert ... on conflict do nothing returning event_id} (chunks of {@value #CHUNK} rows), {@link #claim} one
 * event.
 */
public final class SqlProcessedEvents implements ProcessedEvents {

    /** Rows per statement: 5 parameters each, far below PostgreSQL's 32,767 bind parameters. */
    static final int CHUNK = 1000;

    private final EntityManager em;

    public SqlProcessedEvents(EntityManager em) {
        this.em = em;
    }

    /**
     * Whether the event was already processed (committed): a read-only check a handler may make before costly work
     * outside its transaction; the {@link #claim} in the transaction stays the decision.
     */
    public boolean contains(String eventId) {
        return !em.createNativeQuery("select 1 from processed_event where event_id = ?1")
                .setParameter(1, eventId).setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public boolean claim(CaseEvent event, String outcome) {
        return !claimAll(List.of(event), outcome).isEmpty();
    }

    @Override
    public Set<String> claimAll(List<CaseEvent> events, String outcome) {
        Map<String, CaseEvent> distinct = new LinkedHashMap<>();
        events.forEach(e -> distinct.putIfAbsent(e.id(), e));
        List<CaseEvent> rows = List.copyOf(distinct.values());
        Set<String> claimed = new HashSet<>();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<CaseEvent> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            StringBuilder sql = new StringBuilder(
                    "insert into processed_event (event_id, case_id, type, case_version, outcome) values ");
            for (int i = 0; i < chunk.size(); i++) {
                int p = i * 5;
                sql.append(i == 0 ? "" : ", ").append("(?").append(p + 1).append(", ?").append(p + 2).append(", ?")
                        .append(p + 3).append(", ?").append(p + 4).append(", ?").append(p + 5).append(')');
            }
            sql.append(" on conflict (event_id) do nothing returning event_id");
            Query q = em.createNativeQuery(sql.toString(), String.class);
            for (int i = 0; i < chunk.size(); i++) {
                CaseEvent e = chunk.get(i);
                int p = i * 5;
                q.setParameter(p + 1, e.id()).setParameter(p + 2, e.subject()).setParameter(p + 3, e.type())
                        .setParameter(p + 4, e.caseVersion()).setParameter(p + 5, outcome);
            }
            for (Object id : q.getResultList()) {
                claimed.add(id.toString());
            }
        }
        return claimed;
    }
}
