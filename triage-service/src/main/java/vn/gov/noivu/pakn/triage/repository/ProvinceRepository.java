package vn.gov.noivu.pakn.triage.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import vn.gov.noivu.pakn.triage.entity.Province;

@ApplicationScoped
public class ProvinceRepository implements PanacheRepositoryBase<Province, Integer> {
}
