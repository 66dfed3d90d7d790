package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * k8s/base/keycloak/realm-import.yaml carries a copy of local-stack/keycloak-dist/src/main/realm/pakn-realm.json
 * (kustomize loads no file outside k8s/, and a KeycloakRealmImport takes its realm inline): the copy must stay equal,
 * except users, client secrets and (post-logout) redirect URIs.
 */
class RealmCopyTest {

    private static JsonNode baseRealm() {
        ObjectNode ri = Yaml.readAll(Repo.K8S.resolve("base/keycloak/realm-import.yaml")).get(0);
        return Yaml.at(ri, "spec", "realm");
    }

    @Test
    void theBaseRealmIsTheRepositorysRealm() {
        assertEquals(List.of(), RealmCopy.differences(baseRealm(), RealmCopy.repositoryRealm(Repo.ROOT)));
    }

    @Test
    void everyOverlayImportsTheSameRealm() {
        for (String overlay : Repo.OVERLAYS) {
            ObjectNode ri = ValidatorRejectsBrokenManifestsTest.find(Overlays.render(overlay), "KeycloakRealmImport", "pakn-realm");
            assertEquals(List.of(), RealmCopy.differences(Yaml.at(ri, "spec", "realm"), RealmCopy.repositoryRealm(Repo.ROOT)),
                    overlay);
        }
    }

    @Test
    void onlyTheLocalFileHoldsLocalSecretsAndUsers() {
        JsonNode local = RealmCopy.repositoryRealm(Repo.ROOT);
        JsonNode cluster = baseRealm();
        assertTrue(local.has("users"), "the local realm has demo users");
        for (JsonNode u : Yaml.each(cluster.get("users"))) {
            assertTrue(u.hasNonNull("serviceAccountClientId"), "only service accounts: " + u);
        }
        String text = cluster.toString();
        for (JsonNode c : Yaml.each(local.get("clients"))) {
            if (c.has("secret")) {
                assertFalse(text.contains(c.get("secret").asText()), "local secret of " + c.get("clientId").asText());
            }
        }
        assertFalse(text.contains("pakn-demo"), "demo password");
        assertFalse(text.contains("127.0.0.1") || text.contains("localhost"), "local redirect URIs");
    }

    @Test
    void claimsAndAudienceOfEveryClient() {
        JsonNode realm = baseRealm();
        assertEquals(Set.of("pakn"), RealmCopy.audiences(realm));
        RealmCopy.claimsByClient(realm).forEach((client, claims) ->
                assertTrue(claims.containsAll(Set.of("groups", "upn", "commune_code", "province_codes", "unit_code")),
                        client + " " + claims));
        assertEquals(Set.of("commune_code", "province_codes", "unit_code"), Set.copyOf(Topics.claims(Repo.ROOT)));
    }

    @Test
    void redirectUriMatchingAsKeycloakDoesIt() {
        List<String> patterns = List.of("https://h/xa/*", "https://h/can-bo/da-dang-xuat");
        assertTrue(RealmCopy.allows(patterns, "https://h/xa/dang-nhap"));
        assertTrue(RealmCopy.allows(patterns, "https://h/can-bo/da-dang-xuat"));
        assertFalse(RealmCopy.allows(patterns, "https://h/can-bo/dang-nhap"));
        assertFalse(RealmCopy.allows(patterns, "http://h/xa/dang-nhap"));
        assertTrue(RealmCopy.allowsEverythingUnder(patterns, "https://h/xa"));
        assertFalse(RealmCopy.allowsEverythingUnder(patterns, "https://h/can-bo"));
        assertTrue(RealmCopy.allowsEverythingUnder(List.of("https://h/*"), "https://h/xa"));
        assertFalse(RealmCopy.allowsEverythingUnder(List.of("https://h/xa/dang-nhap*"), "https://h/xa"));
        ObjectNode client = (ObjectNode) Yaml.readTree("{redirectUris: ['https://h/xa/*'], attributes: "
                + "{post.logout.redirect.uris: '+##https://h/bye'}}", "t");
        assertEquals(List.of("https://h/xa/*", "https://h/bye"), RealmCopy.postLogoutRedirectUris(client));
        client.with("attributes").put(RealmCopy.POST_LOGOUT, "+");
        assertEquals(List.of("https://h/xa/*"), RealmCopy.postLogoutRedirectUris(client));
        client.remove("attributes");
        assertEquals(List.of(), RealmCopy.postLogoutRedirectUris(client));
    }

    /** Each overlay's pakn-web lets the login and the logout of every service's pages return on that overlay's host. */
    @Test
    void pagesOfEveryServiceAreRedirectUrisOnEachOverlaysHost() {
        for (String overlay : Repo.OVERLAYS) {
            List<ObjectNode> objects = Overlays.render(overlay);
            String host = Routes.of(objects).get(0).host();
            JsonNode web = ValidatorRejectsBrokenManifestsTest.realmClient(objects, "pakn-web");
            for (String svc : ServiceConfig.SERVICES) {
                String prefix = ServiceConfig.load(Repo.ROOT, svc).properties().get("quarkus.oidc.web.authentication.cookie-path");
                String logout = ServiceConfig.load(Repo.ROOT, svc).properties().get("quarkus.oidc.web.logout.post-logout-path");
                assertTrue(RealmCopy.allowsEverythingUnder(RealmCopy.redirectUris(web), "https://" + host + prefix),
                        overlay + " " + svc + " " + RealmCopy.redirectUris(web));
                assertTrue(RealmCopy.allows(RealmCopy.postLogoutRedirectUris(web), "https://" + host + logout),
                        overlay + " " + svc + " " + RealmCopy.postLogoutRedirectUris(web));
            }
        }
    }

    @Test
    void aDriftIsReportedWhereItIs() {
        ObjectNode drifted = (ObjectNode) baseRealm().deepCopy();
        drifted.put("ssoSessionIdleTimeout", 36000);
        List<String> d = RealmCopy.differences(drifted, RealmCopy.repositoryRealm(Repo.ROOT));
        assertTrue(d.stream().anyMatch(x -> x.contains("spec.realm.ssoSessionIdleTimeout is 36000")), d.toString());
    }

    @Test
    void productionRealmIsHardened() {
        JsonNode realm = baseRealm();
        assertEquals(List.of(), RealmCopy.hardening(realm));
        assertTrue(RealmCopy.client(realm, "pakn-cli") == null, "no password-grant client in production");
        assertTrue(realm.path("accessTokenLifespan").asInt() <= 300);
        ObjectNode weak = (ObjectNode) realm.deepCopy();
        weak.put("accessTokenLifespan", 3600);
        ((ObjectNode) RealmCopy.client(weak, "pakn-web")).put("fullScopeAllowed", true).put("directAccessGrantsEnabled", true);
        weak.remove("scopeMappings");
        List<String> d = RealmCopy.hardening(weak);
        assertTrue(d.stream().anyMatch(x -> x.contains("accessTokenLifespan 3600")), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.contains("pakn-web allows the password grant")), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.contains("pakn-web must have fullScopeAllowed false")), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.contains("pakn-web has no realm roles in scopeMappings")), d.toString());
        ObjectNode withCli = (ObjectNode) realm.deepCopy();
        ((ArrayNode) withCli.get("clients")).add(RealmCopy.client(RealmCopy.repositoryRealm(Repo.ROOT), "pakn-cli").deepCopy());
        assertTrue(RealmCopy.differences(withCli, RealmCopy.repositoryRealm(Repo.ROOT)).stream()
                .anyMatch(x -> x.contains("pakn-cli allows the password grant")));
    }
}
