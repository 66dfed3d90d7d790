package vn.gov.noivu.pakn.triage.reference;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import vn.gov.noivu.pakn.triage.reference.Liaison;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class LiaisonRepository implements PanacheRepositoryBase<Liaison, String> {

    /** The active primary liaison of a province, the one routed cases go to. */
    public Optional<Liaison> primaryOf(int provinceCode) {
        return find("provinceCode = ?1 and role = ?2 and active = true", provinceCode, Liaison.Role.PRIMARY)
                .firstResultOptional();
    }

    public List<Liaison> activeOf(int provinceCode) {
        return list("provinceCode = ?1 and active = true", Sort.by("role").and("id"), provinceCode);
    }

    public void countHandover(String liaisonId) {
        update("handoverCount = handoverCount + 1 where id = ?1", liaisonId);
    }

    public void countRelease(String liaisonId) {
        update("releaseCount = releaseCount + 1 where id = ?1", liaisonId);
    }
}
