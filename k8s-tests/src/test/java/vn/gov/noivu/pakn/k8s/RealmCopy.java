package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The realm the cluster imports (KeycloakRealmImport spec.realm) is a copy of the repository's realm
 * ({@link #FILE}, the one the local stack runs), with only these differences:
 * <ul>
 *   <li>no {@code users} (the local demo users and their passwords stay local) except the service-account users of
 *   the repository's service-account clients (their client roles, e.g. realm-management view-users for
 *   notification-service's directory), which must be equal;</li>
 *   <li>a client's {@code secret} is a placeholder (checked separately: backed by a Secret);</li>
 *   <li>a client's {@code redirectUris} and post-logout redirect URIs ({@code attributes."post.logout.redirect.uris"})
 *   are on the public host (checked separately: they must cover the pages of every service that signs users in);</li>
 *   <li>production hardening ({@link #hardening}): the repository's password-grant clients (public {@code pakn-cli}
 *   for scripts and tests) are left out, {@code accessTokenLifespan} is at most {@link #MAX_ACCESS_TOKEN_SECONDS},
 *   every client has {@code fullScopeAllowed: false} and its realm roles in {@code scopeMappings} (a
 *   service-account-only client its service account's client roles in {@code clientScopeMappings}).</li>
 * </ul>
 * Everything else (roles, clients, protocol mappers and so the claims, lifespans, user profile) must be equal.
 */
final class RealmCopy {

    static final String FILE = "local-stack/keycloak-dist/src/main/realm/pakn-realm.json";

    private RealmCopy() {
    }

    static JsonNode repositoryRealm(Path repo) {
        try {
            return new ObjectMapper().readTree(Yaml.read(repo.resolve(FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Differences between the cluster's realm and the repository's, other than the allowed ones. */
    static List<String> differences(JsonNode cluster, JsonNode repository) {
        List<String> out = new ArrayList<>();
        if (cluster == null || !cluster.isObject()) {
            out.add("spec.realm is missing");
            return out;
        }
        for (JsonNode u : Yaml.each(cluster.get("users"))) {
            if (!u.hasNonNull("serviceAccountClientId")) {
                out.add("spec.realm.users: the cluster's realm imports no users (the repository's are local demo users) "
                        + "but service accounts; " + u.path("username").asText() + " is not one");
            }
        }
        diff("spec.realm.users(service accounts)", serviceAccounts(cluster), serviceAccounts(repository), out);
        out.addAll(hardening(cluster));
        JsonNode a = strip(cluster);
        ObjectNode b = (ObjectNode) strip(repository);
        ArrayNode clients = (ArrayNode) b.get("clients");
        for (int i = clients.size() - 1; i >= 0; i--) {
            if (clients.get(i).path("directAccessGrantsEnabled").asBoolean(false)) {
                clients.remove(i);
            }
        }
        diff("spec.realm", a, b, out);
        if (!out.isEmpty()) {
            out.add(0, "spec.realm differs from " + FILE
                    + " (only users, client secrets, redirect URIs, post-logout redirect URIs and the production hardening may differ):");
        }
        return out;
    }

    static final int MAX_ACCESS_TOKEN_SECONDS = 300;

    /** What the production realm must be beyond a copy: no password grant, short tokens, no full scope. */
    static List<String> hardening(JsonNode realm) {
        List<String> out = new ArrayList<>();
        if (realm.path("accessTokenLifespan").asInt(300) > MAX_ACCESS_TOKEN_SECONDS) {
            out.add("spec.realm.accessTokenLifespan " + realm.path("accessTokenLifespan").asInt()
                    + " s: access tokens must live at most " + MAX_ACCESS_TOKEN_SECONDS + " s");
        }
        for (JsonNode c : Yaml.each(realm.get("clients"))) {
            String id = c.path("clientId").asText();
            if (c.path("directAccessGrantsEnabled").asBoolean(false)) {
                out.add("client " + id + " allows the password grant (directAccessGrantsEnabled)");
            }
            if (c.path("fullScopeAllowed").asBoolean(true)) {
                out.add("client " + id + " must have fullScopeAllowed false");
            }
            if (!signsInUsers(c)) {
                // a service account: its tokens carry the client roles of its service-account user, when mapped
                JsonNode account = null;
                for (JsonNode u : Yaml.each(realm.get("users"))) {
                    if (id.equals(u.path("serviceAccountClientId").asText())) {
                        account = u;
                    }
                }
                if (account != null) {
                    account.path("clientRoles").fields().forEachRemaining(e -> {
                        for (JsonNode role : Yaml.each(e.getValue())) {
                            boolean scoped = false;
                            for (JsonNode m : Yaml.each(realm.path("clientScopeMappings").get(e.getKey()))) {
                                if (m.path("client").asText().equals(id)) {
                                    for (JsonNode r : Yaml.each(m.get("roles"))) {
                                        scoped |= r.asText().equals(role.asText());
                                    }
                                }
                            }
                            if (!scoped) {
                                out.add("client " + id + ": role " + e.getKey() + "/" + role.asText() + " of its service "
                                        + "account is not in clientScopeMappings (its tokens would not carry it)");
                            }
                        }
                    });
                }
                continue;
            }
            boolean mapped = false;
            for (JsonNode m : Yaml.each(realm.get("scopeMappings"))) {
                mapped |= m.path("client").asText().equals(id) && m.path("roles").size() > 0;
            }
            if (!mapped) {
                out.add("client " + id + " has no realm roles in scopeMappings (its tokens would carry no roles)");
            }
        }
        return out;
    }

    /**
     * A client people sign in with (authorization code or password grant), whose tokens the services verify; the
     * others are service accounts (client credentials only), e.g. notification-service's reader of the directory.
     */
    static boolean signsInUsers(JsonNode client) {
        return client.path("standardFlowEnabled").asBoolean(true) || client.path("directAccessGrantsEnabled").asBoolean(false)
                || client.path("implicitFlowEnabled").asBoolean(false);
    }

    /** The service-account users of a realm (serviceAccountClientId set), without their ids. */
    static ArrayNode serviceAccounts(JsonNode realm) {
        ArrayNode out = new ObjectMapper().createArrayNode();
        for (JsonNode u : Yaml.each(realm.get("users"))) {
            if (u.hasNonNull("serviceAccountClientId")) {
                ObjectNode copy = u.deepCopy();
                copy.remove("id");
                out.add(copy);
            }
        }
        return out;
    }

    private static JsonNode strip(JsonNode realm) {
        ObjectNode r = realm.deepCopy();
        r.remove("users");
        r.remove(List.of("accessTokenLifespan", "scopeMappings", "clientScopeMappings"));
        for (JsonNode c : Yaml.each(r.get("clients"))) {
            ((ObjectNode) c).remove(List.of("secret", "redirectUris", "fullScopeAllowed"));
            if (c.get("attributes") instanceof ObjectNode attributes) {
                attributes.remove(POST_LOGOUT);
            }
        }
        return r;
    }

    /** The client attribute of the post-logout redirect URIs: "##"-separated, "+" = the client's redirect URIs. */
    static final String POST_LOGOUT = "post.logout.redirect.uris";

    /** The client of the realm with this clientId, or null. */
    static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode c : Yaml.each(realm == null ? null : realm.get("clients"))) {
            if (c.path("clientId").asText().equals(clientId)) {
                return c;
            }
        }
        return null;
    }

    static List<String> redirectUris(JsonNode client) {
        List<String> out = new ArrayList<>();
        Yaml.each(client.get("redirectUris")).forEach(u -> out.add(u.asText()));
        return out;
    }

    /** Where Keycloak lets a logout return: the attribute's entries, "+" standing for the redirect URIs. */
    static List<String> postLogoutRedirectUris(JsonNode client) {
        List<String> out = new ArrayList<>();
        String attr = client.path("attributes").path(POST_LOGOUT).asText("");
        for (String u : attr.split("##")) {
            if (u.strip().equals("+")) {
                out.addAll(redirectUris(client));
            } else if (!u.isBlank()) {
                out.add(u.strip());
            }
        }
        return out;
    }

    /**
     * Whether Keycloak accepts the URI against the patterns: a pattern ending in * matches every URI that starts with
     * what precedes the *, any other pattern only itself.
     */
    static boolean allows(List<String> patterns, String uri) {
        for (String p : patterns) {
            if (p.endsWith("*") ? uri.startsWith(p.substring(0, p.length() - 1)) : uri.equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every page under the prefix (https://host/xa/...) is allowed: a pattern prefix/* or shorter. */
    static boolean allowsEverythingUnder(List<String> patterns, String prefix) {
        String base = prefix.endsWith("/") ? prefix : prefix + "/";
        for (String p : patterns) {
            if (p.endsWith("*") && base.startsWith(p.substring(0, p.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** The Secret (name, key) behind a client's secret placeholder ${NAME} (spec.placeholders.NAME.secret), or null. */
    static String[] secretOf(JsonNode realmImportSpec, JsonNode client) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\$\\{(\\w+)}$").matcher(client.path("secret").asText());
        if (!m.find()) {
            return null;
        }
        JsonNode s = Yaml.at(realmImportSpec, "placeholders", m.group(1), "secret");
        return s == null ? null : new String[] {s.path("name").asText(), s.path("key").asText()};
    }

    private static void diff(String at, JsonNode cluster, JsonNode repo, List<String> out) {
        if (cluster == null || repo == null) {
            if (cluster != repo) {
                out.add(at + (cluster == null ? " is missing" : " is not in the repository's realm"));
            }
            return;
        }
        if (cluster.isObject() && repo.isObject()) {
            Set<String> keys = new TreeSet<>();
            cluster.fieldNames().forEachRemaining(keys::add);
            repo.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(at + "." + k, cluster.get(k), repo.get(k), out);
            }
        } else if (cluster.isArray() && repo.isArray()) {
            if (cluster.size() != repo.size()) {
                out.add(at + " has " + cluster.size() + " entries, the repository's " + repo.size());
                return;
            }
            for (int i = 0; i < cluster.size(); i++) {
                JsonNode c = cluster.get(i);
                String label = c.has("clientId") ? c.get("clientId").asText() : c.has("name") ? c.get("name").asText() : String.valueOf(i);
                diff(at + "[" + label + "]", c, repo.get(i), out);
            }
        } else if (!cluster.equals(repo)) {
            out.add(at + " is " + cluster + ", the repository's " + repo);
        }
    }

    /**
     * clientId -> the claims its access tokens carry (mappers of the client and of its default client scopes), for the
     * clients people sign in with.
     */
    static Map<String, Set<String>> claimsByClient(JsonNode realm) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (realm == null) {
            return out;
        }
        for (JsonNode client : Yaml.each(realm.get("clients"))) {
            if (!signsInUsers(client)) {
                continue;
            }
            Set<String> claims = new TreeSet<>();
            for (JsonNode m : mappers(realm, client)) {
                JsonNode cfg = m.path("config");
                if ("true".equals(cfg.path("access.token.claim").asText()) && cfg.has("claim.name")) {
                    claims.add(cfg.path("claim.name").asText());
                }
            }
            out.put(client.path("clientId").asText(), claims);
        }
        return out;
    }

    /** Audiences every client people sign in with adds to its access tokens (audience mappers). */
    static Set<String> audiences(JsonNode realm) {
        Set<String> common = null;
        for (JsonNode client : Yaml.each(realm == null ? null : realm.get("clients"))) {
            if (!signsInUsers(client)) {
                continue;
            }
            Set<String> aud = new HashSet<>();
            for (JsonNode m : mappers(realm, client)) {
                JsonNode cfg = m.path("config");
                if ("oidc-audience-mapper".equals(m.path("protocolMapper").asText())
                        && "true".equals(cfg.path("access.token.claim").asText())) {
                    if (cfg.hasNonNull("included.custom.audience")) {
                        aud.add(cfg.get("included.custom.audience").asText());
                    }
                    if (cfg.hasNonNull("included.client.audience")) {
                        aud.add(cfg.get("included.client.audience").asText());
                    }
                }
            }
            if (common == null) {
                common = aud;
            } else {
                common.retainAll(aud);
            }
        }
        return common == null ? Set.of() : new TreeSet<>(common);
    }

    private static List<JsonNode> mappers(JsonNode realm, JsonNode client) {
        List<JsonNode> out = new ArrayList<>();
        Yaml.each(client.get("protocolMappers")).forEach(out::add);
        for (JsonNode scopeName : Yaml.each(client.get("defaultClientScopes"))) {
            for (JsonNode scope : Yaml.each(realm.get("clientScopes"))) {
                if (scope.path("name").asText().equals(scopeName.asText())) {
                    Yaml.each(scope.get("protocolMappers")).forEach(out::add);
                }
            }
        }
        return out;
    }

    static ArrayNode clients(JsonNode realm) {
        return (ArrayNode) realm.get("clients");
    }
}
