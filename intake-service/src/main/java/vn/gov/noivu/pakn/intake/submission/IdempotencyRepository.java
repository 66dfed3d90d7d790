package vn.gov.noivu.pakn.intake.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency keys of submissions, per (caller, key). {@link #claim} inserts the key in the submitting transaction: a
 * concurrent request with the same key waits on the row until the first commits, then sees its stored response.
 */
@ApplicationScoped
public class IdempotencyRepository {

    public record Stored(String requestHash, Integer status, String body, String location) {
    }

    @Inject
    EntityManager em;

    /** True when this transaction now owns the key; false when it was used before. */
    public boolean claim(String callerId, String key, String requestHash, Instant at) {
        return em.createNativeQuery("""
                insert into idempotency_key (caller_id, idem_key, request_hash, created_at)
                values (:caller, :key, :hash, :at) on conflict do nothing""")
                .setParameter("caller", callerId).setParameter("key", key).setParameter("hash", requestHash)
                .setParameter("at", at).executeUpdate() == 1;
    }

    public Optional<Stored> find(String callerId, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select request_hash, response_status, response_body, location from idempotency_key
                where caller_id = :caller and idem_key = :key""")
                .setParameter("caller", callerId).setParameter("key", key).getResultList();
        return rows.stream().findFirst().map(r -> new Stored((String) r[0],
                r[1] == null ? null : ((Number) r[1]).intValue(), (String) r[2], (String) r[3]));
    }

    public void complete(String callerId, String key, UUID caseId, int status, String body, String location) {
        em.createNativeQuery("""
                update idempotency_key set case_id = :case, response_status = :status, response_body = :body,
                location = :location where caller_id = :caller and idem_key = :key""")
                .setParameter("case", caseId).setParameter("status", status).setParameter("body", body)
                .setParameter("location", location).setParameter("caller", callerId).setParameter("key", key)
                .executeUpdate();
    }
}
