package vn.gov.noivu.pakn.commons.rest;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import vn.gov.noivu.pakn.commons.security.Caller;

import java.util.Set;

/** {@code GET /api/v1/me}: who the verified token says the caller is, and the scope of its role. */
@Path("/api/v1/me")
@Authenticated
public class MeResource {

    @Inject
    Caller caller;

    public record Me(String id, String name, Set<String> roles, Integer communeCode, Set<Integer> provinceCodes,
            String unitCode) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Me me() {
        return new Me(caller.id(), caller.name(), caller.roles(), caller.communeCode().orElse(null),
                caller.provinceCodes(), caller.unitCode().orElse(null));
    }
}
