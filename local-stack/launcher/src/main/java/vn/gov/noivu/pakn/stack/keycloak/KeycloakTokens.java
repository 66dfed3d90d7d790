package vn.gov.noivu.pakn.stack.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.gov.noivu.pakn.contract.Identity;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Tokens from the local stack's Keycloak. {@code ./stack token ROLE SCOPE} maps to a user of realm {@code pakn}
 * ({@code commune-4}, {@code liaison-1}, {@code head-vu-cqdp}, {@code leader}, {@code admin}); a user that does not
 * exist yet is created through the admin API with its role and scope attribute, then the token comes from the
 * password grant of client {@code pakn-cli}. Local stack only: every user's password is {@value #PASSWORD}.
 */
public final class KeycloakTokens {

    public static final String PASSWORD = "pakn-demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSpec keycloak;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public KeycloakTokens(KeycloakSpec keycloak) {
        this.keycloak = keycloak;
    }

    public record User(String username, String role, Map<String, List<String>> attributes, String first, String last) {
    }

    /** The realm user that stands for a role and scope. */
    public static User userFor(String role, String scope) {
        return switch (role) {
            case Identity.COMMUNE_OFFICIAL -> {
                int commune = code(scope, "a commune code, e.g. `token commune-official 4`");
                yield new User("commune-" + commune, role, Map.of(Identity.CLAIM_COMMUNE, List.of("" + commune)),
                        "Cán bộ", "xã " + commune);
            }
            case Identity.LIAISON -> {
                if (scope == null || scope.isBlank()) {
                    throw new IllegalArgumentException("liaison needs province codes, e.g. `token liaison 1` or `1,79`");
                }
                List<String> provinces = Arrays.stream(scope.split(",")).map(String::trim)
                        .map(s -> Integer.toString(code(s, "province codes"))).toList();
                yield new User("liaison-" + String.join("-", provinces), role,
                        Map.of(Identity.CLAIM_PROVINCES, provinces), "Cán bộ phụ trách", "tỉnh " + String.join(", ", provinces));
            }
            case Identity.DEPARTMENT_HEAD -> {
                if (scope == null || scope.isBlank()) {
                    throw new IllegalArgumentException("department-head needs a unit code, e.g. `token department-head VU-CQDP`");
                }
                String unit = scope.trim().toUpperCase();
                yield new User("head-" + unit.toLowerCase(), role, Map.of(Identity.CLAIM_UNIT, List.of(unit)),
                        "Lãnh đạo", unit);
            }
            case Identity.LEADER -> new User("leader", role, Map.of(), "Lãnh đạo", "Bộ Nội vụ");
            case Identity.ADMIN -> new User("admin", role, Map.of(), "Quản trị", "hệ thống");
            default -> throw new IllegalArgumentException("unknown role '" + role + "'; roles: "
                    + String.join(", ", Identity.ROLES));
        };
    }

    private static int code(String s, String what) {
        try {
            return Integer.parseInt(s == null ? "" : s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + what + ", got '" + s + "'");
        }
    }

    /** The username of the demo user for the role and scope (password {@value #PASSWORD}), created when needed. */
    public String user(String role, String scope) throws IOException, InterruptedException {
        User user = userFor(role, scope);
        ensureUser(user);
        return user.username();
    }

    /** An access token for the role and scope, creating the user first when needed. */
    public String issue(String role, String scope) throws IOException, InterruptedException {
        User user = userFor(role, scope);
        ensureUser(user);
        JsonNode token = form(keycloak.issuer() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "pakn-cli", "username", user.username(),
                "password", PASSWORD, "scope", "openid"), null);
        return token.path("access_token").asText();
    }

    private String admin;
    private long adminUntil;

    /** The master realm's admin token, reused by this instance for up to 30 s (it lives 60 s). */
    private synchronized String adminToken() throws IOException, InterruptedException {
        if (admin != null && System.nanoTime() < adminUntil) {
            return admin;
        }
        String password = Files.readString(keycloak.adminPasswordFile()).trim();
        admin = form(keycloak.url() + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", KeycloakSpec.ADMIN_USER,
                "password", password), null).path("access_token").asText();
        adminUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        return admin;
    }

    private void ensureUser(User user) throws IOException, InterruptedException {
        String admin = adminToken();
        String base = keycloak.url() + "/admin/realms/" + KeycloakSpec.REALM;
        JsonNode found = get(base + "/users?exact=true&username=" + enc(user.username()), admin);
        if (found.isArray() && !found.isEmpty()) {
            // a creation interrupted before its role mapping (process killed) left a user without role: repair it
            String id = found.path(0).path("id").asText();
            for (JsonNode r : get(base + "/users/" + id + "/role-mappings/realm", admin)) {
                if (user.role().equals(r.path("name").asText())) {
                    return;
                }
            }
            mapRole(base, id, user.role(), admin);
            return;
        }
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("username", user.username());
        rep.put("enabled", true);
        rep.put("emailVerified", true);
        rep.put("email", user.username() + "@pakn.local");
        rep.put("firstName", user.first());
        rep.put("lastName", user.last());
        rep.put("attributes", user.attributes());
        rep.put("credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
        send(HttpRequest.newBuilder(URI.create(base + "/users")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(rep))), 201);
        String id = get(base + "/users?exact=true&username=" + enc(user.username()), admin).path(0).path("id").asText();
        mapRole(base, id, user.role(), admin);
    }

    private void mapRole(String base, String userId, String roleName, String admin)
            throws IOException, InterruptedException {
        JsonNode role = get(base + "/roles/" + enc(roleName), admin);
        send(HttpRequest.newBuilder(URI.create(base + "/users/" + userId + "/role-mappings/realm"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + JSON.writeValueAsString(role) + "]")), 204);
    }

    private JsonNode get(String url, String bearer) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).GET(), 200);
    }

    private JsonNode form(String url, Map<String, String> fields, String bearer) throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b, 200);
    }

    private JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IOException("Keycloak answered " + r.statusCode() + " to " + r.request().method() + " "
                    + r.uri().getPath() + ": " + r.body());
        }
        return r.body() == null || r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
