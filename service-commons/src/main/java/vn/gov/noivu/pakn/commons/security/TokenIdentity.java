package vn.gov.noivu.pakn.commons.security;

import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.Actor;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a verified token says: who (the user name: {@code upn}, then {@code preferred_username}, then {@code sub}),
 * the roles ({@code groups}) and the scope of each role (commune code, province codes, unit code).
 */
public record TokenIdentity(String id, String name, Set<String> roles, Integer communeCode, Set<Integer> provinceCodes,
        String unitCode) {

    private static final List<String> ROLES_BY_POWER = List.of(Identity.ADMIN, Identity.LEADER,
            Identity.DEPARTMENT_HEAD, Identity.LIAISON, Identity.COMMUNE_OFFICIAL);

    public static TokenIdentity of(JsonWebToken jwt) {
        Object name = jwt.getClaim(Identity.CLAIM_NAME);
        Object unit = jwt.getClaim(Identity.CLAIM_UNIT);
        Object provinces = jwt.getClaim(Identity.CLAIM_PROVINCES);
        Set<Integer> codes;
        if (provinces instanceof Collection<?> c) {
            codes = c.stream().map(TokenIdentity::number).filter(Objects::nonNull)
                    .collect(Collectors.toUnmodifiableSet());
        } else {
            Integer single = number(provinces);
            codes = single == null ? Set.of() : Set.of(single);
        }
        return new TokenIdentity(jwt.getName(), name == null ? jwt.getName() : unquote(name.toString()),
                jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups()),
                number(jwt.getClaim(Identity.CLAIM_COMMUNE)), codes, unit == null ? null : unquote(unit.toString()));
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    /** The role this identity acts in: the most powerful one it has. */
    public String primaryRole() {
        return ROLES_BY_POWER.stream().filter(this::is).findFirst().orElse("unknown");
    }

    public Actor actor() {
        return new Actor(id, primaryRole(), name);
    }

    public Optional<Integer> commune() {
        return Optional.ofNullable(communeCode);
    }

    public Optional<String> unit() {
        return Optional.ofNullable(unitCode);
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
