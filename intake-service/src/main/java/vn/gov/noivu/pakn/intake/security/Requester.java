package vn.gov.noivu.pakn.intake.security;

import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.Actor;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is asking, and what it may see: a value built from the verified token, either the request's {@link Caller}
 * (bearer header or {@code pakn_token} cookie) or a token passed as a parameter (Open311 {@code api_key}) and
 * verified by the same parser. The service layer works only with this value.
 */
public record Requester(String id, String name, Set<String> roles, Integer communeCode, Set<Integer> provinceCodes,
        String unitCode) {

    public static Requester of(Caller caller) {
        return new Requester(caller.id(), caller.name(), caller.roles(), caller.communeCode().orElse(null),
                caller.provinceCodes(), caller.unitCode().orElse(null));
    }

    public static Requester of(JsonWebToken jwt) {
        Object n = jwt.getClaim(Identity.CLAIM_NAME);
        Object unit = jwt.getClaim(Identity.CLAIM_UNIT);
        Object provinces = jwt.getClaim(Identity.CLAIM_PROVINCES);
        Set<Integer> codes;
        if (provinces instanceof Collection<?> c) {
            codes = c.stream().map(Requester::number).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
        } else {
            Integer single = number(provinces);
            codes = single == null ? Set.of() : Set.of(single);
        }
        return new Requester(jwt.getName(), n == null ? jwt.getName() : unquote(n.toString()),
                jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups()),
                number(jwt.getClaim(Identity.CLAIM_COMMUNE)), codes, unit == null ? null : unquote(unit.toString()));
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
        for (String r : List.of(Identity.ADMIN, Identity.LEADER, Identity.DEPARTMENT_HEAD, Identity.LIAISON,
                Identity.COMMUNE_OFFICIAL)) {
            if (is(r)) {
                return r;
            }
        }
        return "unknown";
    }

    public Actor actor() {
        return new Actor(id, primaryRole(), name);
    }

    private static Integer number(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Number num) {
            return num.intValue();
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
