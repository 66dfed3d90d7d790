package vn.gov.noivu.pakn.triage.reference;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import vn.gov.noivu.pakn.triage.reference.Province;

@ApplicationScoped
public class ProvinceRepository implements PanacheRepositoryBase<Province, Integer> {
}
