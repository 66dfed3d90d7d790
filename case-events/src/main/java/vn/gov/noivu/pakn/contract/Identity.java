package vn.gov.noivu.pakn.contract;

import java.util.List;

/**
 * Roles and token claims every service and the token issuer agree on. A bearer token is a JWT signed by the identity
 * provider; its {@code groups} claim holds the roles, and the scope of a role travels in its own claim.
 */
public final class Identity {

    public static final String COMMUNE_OFFICIAL = "commune-official";
    public static final String LIAISON = "liaison";
    public static final String DEPARTMENT_HEAD = "department-head";
    public static final String LEADER = "leader";
    public static final String ADMIN = "admin";

    public static final List<String> ROLES = List.of(COMMUNE_OFFICIAL, LIAISON, DEPARTMENT_HEAD, LEADER, ADMIN);

    /** Claim with the commune code (integer) of a commune official. */
    public static final String CLAIM_COMMUNE = "commune_code";
    /** Claim with the province codes (array of integers) a liaison serves, deputies included. */
    public static final String CLAIM_PROVINCES = "province_codes";
    /** Claim with the responsible unit code of a department head. */
    public static final String CLAIM_UNIT = "unit_code";
    /** Display name. */
    public static final String CLAIM_NAME = "name";

    /** Issuer of the local stack's tokens (the real identity provider has its own). */
    public static final String LOCAL_ISSUER = "https://pakn.local/stack";
    public static final String AUDIENCE = "pakn";

    private Identity() {
    }
}
