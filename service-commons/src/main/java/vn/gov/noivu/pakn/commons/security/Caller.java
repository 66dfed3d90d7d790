package vn.gov.noivu.pakn.commons.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.Actor;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The verified caller of this request, read from the bearer token (signature, issuer and expiry already checked by
 * smallrye-jwt), with the scope of its role: a commune official's commune, a liaison's provinces, a department
 * head's unit.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    public boolean authenticated() {
        return jwt != null && jwt.getRawToken() != null;
    }

    public String id() {
        return jwt.getName(); // upn, then preferred_username, then sub: Keycloak user names, local subjects
    }

    public String name() {
        Object n = jwt.getClaim(Identity.CLAIM_NAME);
        return n == null ? id() : n.toString();
    }

    public Set<String> roles() {
        return jwt.getGroups() == null ? Set.of() : jwt.getGroups();
    }

    public boolean is(String role) {
        return roles().contains(role);
    }

    /** The role this caller acts in (the most powerful one it has). */
    public String primaryRole() {
        for (String r : List.of(Identity.ADMIN, Identity.LEADER, Identity.DEPARTMENT_HEAD, Identity.LIAISON,
                Identity.COMMUNE_OFFICIAL)) {
            if (is(r)) {
                return r;
            }
        }
        return "unknown";
    }

    public Actor actor() {
        return new Actor(id(), primaryRole(), name());
    }

    public Optional<Integer> communeCode() {
        return Optional.ofNullable(number(jwt.getClaim(Identity.CLAIM_COMMUNE)));
    }

    public Set<Integer> provinceCodes() {
        Object claim = jwt.getClaim(Identity.CLAIM_PROVINCES);
        if (claim instanceof Collection<?> c) {
            return c.stream().map(Caller::number).filter(java.util.Objects::nonNull)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        Integer single = number(claim);
        return single == null ? Set.of() : Set.of(single);
    }

    public Optional<String> unitCode() {
        Object u = jwt.getClaim(Identity.CLAIM_UNIT);
        return u == null ? Optional.empty() : Optional.of(unquote(u.toString()));
    }

    /** Leaders and admins see every case. */
    public boolean seesEverything() {
        return is(Identity.LEADER) || is(Identity.ADMIN);
    }

    /** A commune official may act only for its own commune: anything else is answered as not found. */
    public void requireOwnCommune(int communeCode, String what) {
        if (!is(Identity.COMMUNE_OFFICIAL) || communeCode().filter(c -> c == communeCode).isEmpty()) {
            throw ProblemException.notFound(what);
        }
    }

    public boolean servesProvince(int provinceCode) {
        return is(Identity.LIAISON) && provinceCodes().contains(provinceCode);
    }

    private static Integer number(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Number n) {
            return n.intValue();
        }
        if (o instanceof jakarta.json.JsonNumber jn) {
            return jn.intValue();
        }
        try {
            return Integer.parseInt(unquote(o.toString()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
