package vn.gov.noivu.pakn.triage.admin;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import vn.gov.noivu.pakn.triage.admin.AdminAudit;

@ApplicationScoped
public class AdminAuditRepository implements PanacheRepositoryBase<AdminAudit, Long> {
}
