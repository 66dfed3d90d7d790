package vn.gov.noivu.pakn.eventing.consumer;

import jakarta.persistence.EntityManager;

import vn.gov.noivu.pakn.events.CaseEvent;

/**
 * {@link ProcessedEvents} in a table {@code processed_event(event_id primary key, case_id, type, case_version,
 * outcome, processed_at)}: one {@code insert ... on conflict do nothing} per event in the handler's transaction.
 */
public final class SqlProcessedEvents implements ProcessedEvents {

    private final EntityManager em;

    public SqlProcessedEvents(EntityManager em) {
        this.em = em;
    }

    @Override
    public boolean claim(CaseEvent event, String outcome) {
        return em.createNativeQuery("insert into processed_event (event_id, case_id, type, case_version, outcome) "
                        + "values (?1, ?2, ?3, ?4, ?5) on conflict (event_id) do nothing")
                .setParameter(1, event.id()).setParameter(2, event.subject()).setParameter(3, event.type())
                .setParameter(4, event.caseVersion()).setParameter(5, outcome).executeUpdate() == 1;
    }
}
