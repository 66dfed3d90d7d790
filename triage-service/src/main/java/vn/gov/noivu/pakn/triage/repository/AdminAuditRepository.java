package vn.gov.noivu.pakn.triage.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import vn.gov.noivu.pakn.triage.entity.AdminAudit;

@ApplicationScoped
public class AdminAuditRepository implements PanacheRepositoryBase<AdminAudit, Long> {
}
