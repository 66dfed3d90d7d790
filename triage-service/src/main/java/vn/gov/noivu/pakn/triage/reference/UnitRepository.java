package vn.gov.noivu.pakn.triage.reference;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import vn.gov.noivu.pakn.triage.reference.ResponsibleUnit;

@ApplicationScoped
public class UnitRepository implements PanacheRepositoryBase<ResponsibleUnit, String> {
}
