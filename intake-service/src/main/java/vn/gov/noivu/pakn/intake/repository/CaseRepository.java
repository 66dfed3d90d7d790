package vn.gov.noivu.pakn.intake.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import vn.gov.noivu.pakn.intake.entity.IntakeCase;

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
     * Next human-readable code {@code PAKN-<year>-<6 digits>} of the year (Vietnam time) of {@code at}. The counter
     * row is locked until the transaction ends, so codes are unique and, for committed cases, without reuse.
     */
    public String nextCode(Instant at) {
        int year = at.atZone(VIETNAM).getYear();
        Number n = (Number) getEntityManager().createNativeQuery("""
                insert into case_code_counter (year, last_value) values (:year, 1)
                on conflict (year) do update set last_value = case_code_counter.last_value + 1
                returning last_value""").setParameter("year", year).getSingleResult();
        return "PAKN-%d-%06d".formatted(year, n.longValue());
    }
}
