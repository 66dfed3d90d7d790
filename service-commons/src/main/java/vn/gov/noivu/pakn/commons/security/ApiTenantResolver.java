package vn.gov.noivu.pakn.commons.security;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Machine interfaces ({@code /api/...}, {@code /open311/...}) always use the default OIDC tenant: bearer tokens only.
 * Without this, quarkus-oidc would pick the pages' code-flow tenant from a session cookie sent along, and a page
 * session would open the API. Other paths are left to the tenants' {@code tenant-paths}.
 */
@ApplicationScoped
public class ApiTenantResolver implements TenantResolver {

    /** quarkus-oidc's id of the default tenant. */
    static final String DEFAULT_TENANT = "Default";

    @Override
    public String resolve(RoutingContext context) {
        String path = context.normalizedPath();
        return path.startsWith("/api/") || path.startsWith("/open311/") ? DEFAULT_TENANT : null;
    }
}
