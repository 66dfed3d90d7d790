package vn.gov.noivu.pakn.intake.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.commons.domain.NotFound;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.intake.security.Requester;

import java.util.Optional;
import java.util.UUID;

/**
 * Who may see and act on which case. A case outside the requester's scope is answered exactly like a missing one
 * (404), so a commune never learns that another commune's case exists.
 * <ul>
 *   <li>commune official: the cases of its own commune (read and act);</li>
 *   <li>liaison: the cases of its provinces (read);</li>
 *   <li>department head: the cases its unit is responsible for (read);</li>
 *   <li>leader, admin: every case (read).</li>
 * </ul>
 */
@ApplicationScoped
public class CaseAccess {

    public static final String CASE = "hồ sơ";

    @Inject
    CaseRepository cases;

    public boolean canRead(Requester r, IntakeCase c) {
        if (r.seesEverything()) {
            return true;
        }
        if (r.isCommuneOfficial() && r.communeCode() == c.communeCode) {
            return true;
        }
        if (r.is(Identity.LIAISON) && r.provinceCodes().contains(c.provinceCode)) {
            return true;
        }
        return r.is(Identity.DEPARTMENT_HEAD) && r.unitCode() != null && r.unitCode().equals(c.responsibleUnitCode);
    }

    public boolean canAct(Requester r, IntakeCase c) {
        return r.isCommuneOfficial() && r.communeCode() == c.communeCode;
    }

    public IntakeCase readable(Requester r, UUID id) {
        return cases.findByIdOptional(id).filter(c -> canRead(r, c)).orElseThrow(() -> new NotFound(CASE));
    }

    /** The case locked for a commune action of the requester's own commune, or 404. */
    public IntakeCase ownLocked(Requester r, UUID id) {
        return cases.lock(id).filter(c -> canAct(r, c)).orElseThrow(() -> new NotFound(CASE));
    }

    public static UUID parseId(String id) {
        try {
            return Optional.ofNullable(id).map(UUID::fromString).orElseThrow();
        } catch (RuntimeException e) {
            throw new NotFound(CASE);
        }
    }
}
