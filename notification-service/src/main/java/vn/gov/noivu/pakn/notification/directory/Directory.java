package vn.gov.noivu.pakn.notification.directory;

import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import vn.gov.noivu.pakn.contract.Identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The real directory: Keycloak's users, their realm roles (direct, composite or through groups) and scope attributes
 * ({@code commune_code}, {@code province_codes}, {@code unit_code}), read through the admin API with the service
 * account of client {@code pakn-notification} (realm-management {@code view-users}, {@code query-users}, {@code view-realm}: listing a realm role's members, the leaders). Results are
 * cached briefly (caches {@code directory-*}, one per kind of look-up). Any failure to reach it is a {@link DirectoryUnavailable}: the event is
 * retried, never dropped. The admin client is request-scoped: each look-up activates a request context (consumers
 * and scheduled jobs have none).
 */
@ApplicationScoped
public class Directory {

    /** Largest audience read at once (communes have a handful of officials; leaders are tens). */
    static final int MAX_USERS = 1000;

    @Inject
    Keycloak keycloak;

    @ConfigProperty(name = "quarkus.keycloak.admin-client.realm")
    String realm;

    /** The commune officials of a commune. */
    @CacheResult(cacheName = "directory-communes")
    @ActivateRequestContext
    public List<Recipient> communeOfficials(int communeCode) {
        return byAttribute(Identity.CLAIM_COMMUNE, Integer.toString(communeCode), Identity.COMMUNE_OFFICIAL);
    }

    /** The liaisons of a province, deputies included (everyone with the role whose {@code province_codes} has it). */
    @CacheResult(cacheName = "directory-provinces")
    @ActivateRequestContext
    public List<Recipient> liaisons(int provinceCode) {
        return byAttribute(Identity.CLAIM_PROVINCES, Integer.toString(provinceCode), Identity.LIAISON);
    }

    /** The heads of a ministry unit. */
    @CacheResult(cacheName = "directory-units")
    @ActivateRequestContext
    public List<Recipient> departmentHeads(String unitCode) {
        return byAttribute(Identity.CLAIM_UNIT, unitCode, Identity.DEPARTMENT_HEAD);
    }

    /** The ministry's leaders. */
    @CacheResult(cacheName = "directory-leaders")
    @ActivateRequestContext
    public List<Recipient> leaders() {
        try {
            List<UserRepresentation> users = realm().roles().get(Identity.LEADER).getUserMembers(false, 0, MAX_USERS);
            List<Recipient> out = new ArrayList<>();
            for (UserRepresentation u : users) {
                if (Boolean.TRUE.equals(u.isEnabled())) {
                    out.add(recipient(u, roles(u)));
                }
            }
            return List.copyOf(out);
        } catch (RuntimeException e) {
            throw new DirectoryUnavailable("cannot list the leaders", e);
        }
    }

    private List<Recipient> byAttribute(String attribute, String value, String role) {
        try {
            List<UserRepresentation> users = realm().users()
                    .searchByAttributes(0, MAX_USERS, /* enabled */ true, /* exact */ true, /* brief */ false,
                            attribute + ":" + value);
            List<Recipient> out = new ArrayList<>();
            for (UserRepresentation u : users) {
                List<String> values = u.getAttributes() == null ? null : u.getAttributes().get(attribute);
                if (values == null || values.stream().map(String::trim).noneMatch(value::equalsIgnoreCase)) {
                    continue; // the search matched differently than asked: keep only exact scope matches
                }
                Set<String> roles = roles(u);
                if (roles.contains(role)) {
                    out.add(recipient(u, roles));
                }
            }
            return List.copyOf(out);
        } catch (RuntimeException e) {
            throw new DirectoryUnavailable("cannot look up users with " + attribute + "=" + value, e);
        }
    }

    private Set<String> roles(UserRepresentation u) {
        return realm().users().get(u.getId()).roles().realmLevel().listEffective().stream()
                .map(RoleRepresentation::getName).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Recipient recipient(UserRepresentation u, Set<String> roles) {
        String name = ((u.getFirstName() == null ? "" : u.getFirstName()) + " "
                + (u.getLastName() == null ? "" : u.getLastName())).trim();
        return new Recipient(u.getUsername(), name.isEmpty() ? u.getUsername() : name, u.getEmail(), Set.copyOf(roles));
    }

    private RealmResource realm() {
        return keycloak.realm(realm);
    }

    /** The directory could not be read (Keycloak down, refused the service account...): retry later. */
    public static class DirectoryUnavailable extends vn.gov.noivu.pakn.eventing.consumer.TransientException {
        public DirectoryUnavailable(String message, Throwable cause) {
            super(message + ": " + cause, cause);
            org.jboss.logging.Logger.getLogger(Directory.class).warnf("directory unavailable (will retry): %s: %s",
                    message, cause.toString());
        }
    }
}
