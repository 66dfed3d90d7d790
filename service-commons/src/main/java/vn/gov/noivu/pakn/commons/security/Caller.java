package vn.gov.noivu.pakn.commons.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.gov.noivu.pakn.commons.domain.NotFound;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.Actor;

import java.util.Optional;
import java.util.Set;

/**
 * The verified caller of this request, read from its token (signature, issuer, audience and expiry already checked by
 * quarkus-oidc: the bearer token of an API call, or the ID token of a page's signed-in session), with the scope of its role: a commune official's commune, a liaison's provinces, a department
 * head's unit.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    @Inject
    io.quarkus.security.identity.SecurityIdentity securityIdentity;

    private TokenIdentity identity;

    public boolean authenticated() {
        return jwt != null && jwt.getRawToken() != null;
    }

    /**
     * The caller's access token, to call another service on its behalf: the bearer token of an API call, or the access
     * token of a page's session (never the ID token, which is meant for this service only).
     */
    public Optional<String> accessToken() {
        io.quarkus.oidc.AccessTokenCredential credential = securityIdentity.getCredential(io.quarkus.oidc.AccessTokenCredential.class);
        return Optional.ofNullable(credential).map(io.quarkus.oidc.AccessTokenCredential::getToken);
    }

    /** The token's identity (read once per request). */
    public TokenIdentity identity() {
        if (identity == null) {
            identity = TokenIdentity.of(jwt);
        }
        return identity;
    }

    public String id() {
        return identity().id();
    }

    public String name() {
        return identity().name();
    }

    public Set<String> roles() {
        return identity().roles();
    }

    public boolean is(String role) {
        return identity().is(role);
    }

    /** The role this caller acts in (the most powerful one it has). */
    public String primaryRole() {
        return identity().primaryRole();
    }

    public Actor actor() {
        return identity().actor();
    }

    public Optional<Integer> communeCode() {
        return identity().commune();
    }

    public Set<Integer> provinceCodes() {
        return identity().provinceCodes();
    }

    public Optional<String> unitCode() {
        return identity().unit();
    }

    /** Leaders and admins see every case. */
    public boolean seesEverything() {
        return is(Identity.LEADER) || is(Identity.ADMIN);
    }

    /** A commune official may act only for its own commune: anything else is answered as not found. */
    public void requireOwnCommune(int communeCode, String what) {
        if (!is(Identity.COMMUNE_OFFICIAL) || communeCode().filter(c -> c == communeCode).isEmpty()) {
            throw new NotFound(what);
        }
    }

    public boolean servesProvince(int provinceCode) {
        return is(Identity.LIAISON) && provinceCodes().contains(provinceCode);
    }
}
