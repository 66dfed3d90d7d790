package vn.gov.noivu.pakn.intake.security;

import vn.gov.noivu.pakn.commons.security.TokenIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.Actor;

import java.util.Optional;
import java.util.Set;

/**
 * Who is asking, and what it may see: a value built from the verified token, either the request's {@link Caller}
 * (bearer header, or the session of the pages) or a token passed as a parameter (Open311 {@code api_key}) and
 * verified by the same parser. The service layer works only with this value.
 */
public record Requester(String id, String name, Set<String> roles, Integer communeCode, Set<Integer> provinceCodes,
        String unitCode) {

    public static Requester of(Caller caller) {
        return new Requester(caller.id(), caller.name(), caller.roles(), caller.communeCode().orElse(null),
                caller.provinceCodes(), caller.unitCode().orElse(null));
    }

    public static Requester of(JsonWebToken jwt) {
        TokenIdentity t = TokenIdentity.of(jwt);
        return new Requester(t.id(), t.name(), t.roles(), t.communeCode(), t.provinceCodes(), t.unitCode());
    }

    private TokenIdentity identity() {
        return new TokenIdentity(id, name, roles, communeCode, provinceCodes, unitCode);
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    public boolean isCommuneOfficial() {
        return is(Identity.COMMUNE_OFFICIAL) && communeCode != null;
    }

    public Optional<Integer> commune() {
        return isCommuneOfficial() ? Optional.of(communeCode) : Optional.empty();
    }

    public boolean seesEverything() {
        return is(Identity.LEADER) || is(Identity.ADMIN);
    }

    public String primaryRole() {
        return identity().primaryRole();
    }

    public Actor actor() {
        return identity().actor();
    }
}
