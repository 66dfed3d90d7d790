package vn.gov.noivu.pakn.triage.reference;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import vn.gov.noivu.pakn.triage.reference.TopicRoute;

@ApplicationScoped
public class TopicRouteRepository implements PanacheRepositoryBase<TopicRoute, String> {
}
