package vn.gov.noivu.pakn.intake.submission;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class CaseRepository implements PanacheRepositoryBase<IntakeCase, UUID> {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** The case, locked for update until the end of the transaction (commune actions, triage snapshots). */
    public Optional<IntakeCase> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<IntakeCase> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    /**
     * How many cases {@code submitterId} submitted after {@code since}, counted up to {@code atMost} (the rate limit
     * only needs to know whether the limit is reached): one range scan of the index on (submitted_by_id,
     * submitted_at desc), stopped after {@code atMost} entries.
     */
    public long submittedSince(String submitterId, Instant since, int atMost) {
        return ((Number) getEntityManager().createNativeQuery("""
                select count(*) from (select 1 from intake_case where submitted_by_id = :by and submitted_at > :since
                limit :n) recent""").setParameter("by", submitterId).setParameter("since", since)
                .setParameter("n", atMost).getSingleResult()).longValue();
    }

    /** Years whose code sequence is known to exist (a positive cache: sequences are never dropped). */
    private static final java.util.Set<Integer> YEARS_WITH_SEQUENCE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The next human-readable code {@code PAKN-<year>-<6 digits>} of the year (Vietnam time) of {@code at}, e.g.
     * PAKN-2026-000123, from the year's sequence (which never blocks
     * concurrent submissions; a rolled-back one leaves a gap). A year's sequence is created on its first case.
     */
    public String nextCode(Instant at) {
        int year = at.atZone(VIETNAM).getYear();
        String sequence = "case_code_" + year;
        if (!YEARS_WITH_SEQUENCE.contains(year)) {
            try {
                io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> getEntityManager()
                        .createNativeQuery("create sequence if not exists " + sequence).executeUpdate());
            } catch (RuntimeException concurrentCreate) {
                // another replica created it at the same moment: nextval below finds it
            }
            YEARS_WITH_SEQUENCE.add(year);
        }
        Number n = (Number) getEntityManager().createNativeQuery("select nextval(cast(:sequence as regclass))")
                .setParameter("sequence", sequence).getSingleResult();
        return "PAKN-%d-%06d".formatted(year, n.longValue());
    }
}
