package vn.gov.noivu.pakn.triage.handling;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import vn.gov.noivu.pakn.triage.handling.CaseAction;

import java.util.List;

@ApplicationScoped
public class CaseActionRepository implements PanacheRepositoryBase<CaseAction, Long> {

    public List<CaseAction> timeline(String caseId) {
        return list("caseId", Sort.by("id"), caseId);
    }
}
