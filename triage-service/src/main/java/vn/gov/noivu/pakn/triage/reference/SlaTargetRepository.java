package vn.gov.noivu.pakn.triage.reference;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.triage.reference.SlaTarget;

@ApplicationScoped
public class SlaTargetRepository implements PanacheRepositoryBase<SlaTarget, Urgency> {
}
