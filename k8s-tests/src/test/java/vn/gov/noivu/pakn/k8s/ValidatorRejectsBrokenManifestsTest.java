package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks can fail: broken manifests are fed in and each mistake must be reported. */
class ValidatorRejectsBrokenManifestsTest {

    @Test
    void brokenOverlayFromDiskIsReported() {
        Path broken = Path.of("src/test/resources/broken-overlay").toAbsolutePath();
        if (!broken.toFile().isDirectory()) {
            broken = Repo.ROOT.resolve("k8s-tests/src/test/resources/broken-overlay");
        }
        List<ObjectNode> objects = Kubectl.kustomize(broken);
        List<String> schema = SchemaValidator.validate(objects).stream().map(Object::toString).toList();
        List<String> consistency = Consistency.check(objects, Repo.ROOT, DeploymentDoc.platformSecrets(),
                Overlays.EXPECT.get("production"));
        assertContains(schema, "Deployment triage-service", "imagePullPolcy");
        assertContains(schema, "Kafka pakn-kafka", "replicas");
        assertContains(consistency, "Deployment triage-service", "containerPort 'https' is 8080 but the service listens on 8082");
        assertContains(consistency, "Gateway pakn", "Secret some-forgotten-secret");
    }

    @Test
    void everyErrorOfAnObjectIsReported() {
        List<ObjectNode> objects = new ArrayList<>(Overlays.render("production"));
        ObjectNode kafka = find(objects, "Kafka", "pakn-kafka");
        ((ObjectNode) Yaml.at(kafka, "spec", "kafka")).put("version", "4.1.1");
        ((ObjectNode) Yaml.at(kafka, "spec", "kafka", "listeners").get(0)).put("type", "foo");
        ((ObjectNode) Yaml.at(kafka, "spec", "kafka")).put("replicas", 3);
        List<String> problems = SchemaValidator.validate(kafka).stream().map(Object::toString).toList();
        assertContains(problems, "Kafka pakn-kafka", "/spec/kafka/version");
        assertContains(problems, "Kafka pakn-kafka", "/spec/kafka/listeners/0/type");
        assertContains(problems, "Kafka pakn-kafka", "'replicas' is not defined");
    }

    static Stream<Arguments> mutations() {
        return Stream.of(
                schema("unknown field in a Service", o -> find(o, "Service", "intake-service").with("spec").put("selectr", "x"),
                        "selectr"),
                schema("a number where Kubernetes wants a string label", o -> find(o, "Deployment", "intake-service")
                        .with("metadata").with("labels").put("tier", 1), "tier"),
                schema("unknown field in an ECK nodeSet", o -> ((ObjectNode) Yaml.at(find(o, "Elasticsearch", "pakn-es"),
                        "spec", "nodeSets").get(0)).put("replicas", 3), "replicas"),
                schema("unknown field in Keycloak", o -> find(o, "Keycloak", "pakn-keycloak").with("spec").put("hostName", "x"),
                        "hostName"),
                schema("CNPG parameter not quoted", o -> find(o, "Cluster", "pakn-pg").with("spec").with("postgresql")
                        .with("parameters").put("max_connections", 300), "max_connections"),
                schema("deprecated KafkaUser acl operation", o -> ((ObjectNode) Yaml.at(find(o, "KafkaUser", "intake-service"),
                        "spec", "authorization", "acls").get(0)).put("operation", "Read"), "operation"),
                schema("a kind without a schema", o -> o.add((ObjectNode) Yaml.readTree(
                        "{apiVersion: example.com/v1, kind: Widget, metadata: {name: x}}", "t")), "no schema"),
                // the mutations of issue 16, each caught by a vendored schema (or a rule of api-server-rules.json)
                schema("Kafka listener type foo", o -> ((ObjectNode) Yaml.at(find(o, "Kafka", "pakn-kafka"), "spec", "kafka",
                        "listeners").get(0)).put("type", "foo"), "/spec/kafka/listeners/0/type: does not have a value in the enumeration"),
                schema("Kafka version Strimzi 1.2.0 does not run", o -> ((ObjectNode) Yaml.at(find(o, "Kafka", "pakn-kafka"),
                        "spec", "kafka")).put("version", "4.1.1"), "/spec/kafka/version: does not match"),
                schema("nonexistent Kafka version", o -> ((ObjectNode) Yaml.at(find(o, "Kafka", "pakn-kafka"),
                        "spec", "kafka")).put("version", "9.9.9"), "/spec/kafka/version: does not match"),
                schema("policyTypes Egres", o -> ((ArrayNode) Yaml.at(find(o, "NetworkPolicy", "default-deny"), "spec",
                        "policyTypes")).set(1, Yaml.F.textNode("Egres")), "/spec/policyTypes/1: does not have a value in the enumeration"),
                schema("Service port without port", o -> ((ObjectNode) Yaml.at(find(o, "Service", "intake-service"), "spec",
                        "ports").get(0)).remove("port"), "/spec/ports/0: required property 'port' not found"),
                schema("PDB with both minAvailable and maxUnavailable", o -> find(o, "PodDisruptionBudget", "triage-service")
                        .with("spec").put("minAvailable", 1).put("maxUnavailable", 1), "PodDisruptionBudget triage-service: schema: at /spec: must not be valid"),
                schema("CNPG storage size fifty", o -> find(o, "Cluster", "pakn-pg").with("spec").with("storage")
                        .put("size", "fifty"), "/spec/storage/size: does not match"),
                schema("unknown field in a CRD (which the API server would silently prune)", o -> find(o, "Cluster", "pakn-pg")
                        .with("spec").put("instancez", 3), "property 'instancez' is not defined"),
                schema("unknown field in metadata", o -> find(o, "Deployment", "search-service").with("metadata")
                        .put("label", "x"), "at /metadata: property 'label' is not defined"),
                schema("a Quantity that is not one", o -> ((ObjectNode) Yaml.at(container(o, "intake-service"), "resources",
                        "limits")).put("memory", "lots"), "/resources/limits/memory"),
                consistency("Kafka bootstrap variable removed", o -> ((ObjectNode) configMap(o, "pakn-platform").get("data"))
                        .remove("KAFKA_BOOTSTRAP_SERVERS"), "KAFKA_BOOTSTRAP_SERVERS is not set"),
                consistency("JDBC URL left on localhost", o -> ((ObjectNode) configMap(o, "intake-service-config").get("data"))
                        .put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:15432/intake"), "local stack"),
                consistency("readiness probe on a wrong path", o -> ((ObjectNode) Yaml.at(container(o, "search-service"),
                        "readinessProbe", "httpGet")).put("path", "/health"), "readinessProbe path /health"),
                consistency("Service selector matching nothing", o -> ((ObjectNode) Yaml.at(find(o, "Service", "search-service"),
                        "spec", "selector")).put("app.kubernetes.io/name", "serch-service"), "matches no Deployment"),
                consistency("route backend that does not exist", o -> ((ObjectNode) pageRule(o, 0).get("backendRefs").get(0))
                        .put("name", "intake"), "backend intake for /xa does not exist"),
                consistency("overlapping route paths", o -> {
                    ArrayNode rules = (ArrayNode) Yaml.at(find(o, "HTTPRoute", "pakn-pages"), "spec", "rules");
                    ObjectNode r = rules.get(0).deepCopy();
                    ((ObjectNode) r.get("matches").get(0).get("path")).put("value", "/can-bo/ho-so");
                    rules.add(r);
                }, "overlap"),
                consistency("API route to a resource the service does not serve", o -> {
                    ((ObjectNode) apiRule(o, 0).get("matches").get(0).get("path")).put("value", "/api/intake/v1/casez");
                    ((ObjectNode) Yaml.at(apiRule(o, 0).get("filters").get(0), "urlRewrite", "path"))
                            .put("replacePrefixMatch", "/api/v1/casez");
                }, "which it does not serve"),
                consistency("a served resource left unrouted", o -> apiRules(o).remove(indexOf(apiRules(o), "trends")),
                        "search-service serves /api/v1/trends but no HTTPRoute reaches it"),
                consistency("API prefix of another service", o -> ((ObjectNode) apiRule(o, 0).get("backendRefs").get(0))
                        .put("name", "triage-service").put("port", 8082), "names another service"),
                consistency("rewrite dropping the version", o -> ((ObjectNode) Yaml.at(apiRule(o, 0).get("filters").get(0),
                        "urlRewrite", "path")).put("replacePrefixMatch", "/api/cases"), "must be forwarded as /api/v1/cases"),
                consistency("API route without its URLRewrite", o -> ((ObjectNode) apiRule(o, 0)).remove("filters"),
                        "an API prefix without its URLRewrite filter"),
                consistency("regular-expression match", o -> ((ObjectNode) apiRule(o, 0).get("matches").get(0).get("path"))
                        .put("type", "RegularExpression"), "match type must be PathPrefix"),
                consistency("a backend on the plain-HTTP listener", o -> ((ObjectNode) Yaml.at(find(o, "HTTPRoute", "pakn-pages"),
                        "spec", "parentRefs").get(0)).put("sectionName", "http"), "it must only redirect to https"),
                consistency("route on another host", o -> ((ArrayNode) Yaml.at(find(o, "HTTPRoute", "pakn-api"), "spec",
                        "hostnames")).set(0, Yaml.F.textNode("evil.example")), "hostname evil.example is not a Gateway listener's"),
                consistency("route to a Gateway that does not exist", o -> ((ObjectNode) Yaml.at(find(o, "HTTPRoute", "pakn-api"),
                        "spec", "parentRefs").get(0)).put("name", "public"), "parent Gateway public does not exist"),
                consistency("Gateway without its certificate", o -> ((ObjectNode) Yaml.at(find(o, "Gateway", "pakn"), "spec",
                        "listeners").get(0).get("tls").get("certificateRefs").get(0)).put("name", "pakn-cert"), "Secret pakn-cert"),
                consistency("Gateway's proxies not admitted", o -> ((ObjectNode) Yaml.at(find(o, "NetworkPolicy", "triage-service"),
                        "spec", "ingress").get(0).get("from").get(0).get("namespaceSelector").get("matchLabels"))
                        .put("kubernetes.io/metadata.name", "ingress-nginx"), "no NetworkPolicy admits the Gateway's proxies into triage-service"),
                // HTTPS inside the cluster: services, Gateway -> services, Prometheus -> services
                consistency("a service without its TLS certificate", o -> ((ObjectNode) configMap(o, "pakn-platform")
                        .get("data")).remove("QUARKUS_HTTP_SSL_CERTIFICATE_FILES"), "QUARKUS_HTTP_SSL_CERTIFICATE_FILES is not set"),
                consistency("a service with insecure requests enabled", o -> ((ObjectNode) configMap(o, "pakn-platform")
                        .get("data")).put("QUARKUS_HTTP_INSECURE_REQUESTS", "enabled"),
                        "QUARKUS_HTTP_INSECURE_REQUESTS is enabled, must be disabled"),
                consistency("a certificate key outside the Secret volume", o -> ((ObjectNode) configMap(o, "pakn-platform")
                        .get("data")).put("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES", "/tmp/tls.key"),
                        "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES /tmp/tls.key is not in a Secret volume"),
                consistency("HTTPS on another port", o -> ((ObjectNode) configMap(o, "triage-service-config")
                        .get("data")).put("QUARKUS_HTTP_SSL_PORT", "8443"), "QUARKUS_HTTP_SSL_PORT is 8443 but must be"),
                consistency("a service called in plain HTTP", o -> ((ObjectNode) configMap(o, "intake-service-config")
                        .get("data")).put("PAKN_SEARCH_URL", "http://search-service:8083"),
                        "PAKN_SEARCH_URL calls search-service in plain HTTP"),
                consistency("a probe in plain HTTP", o -> ((ObjectNode) Yaml.at(container(o, "intake-service"),
                        "livenessProbe", "httpGet")).remove("scheme"), "livenessProbe must use scheme HTTPS"),
                consistency("the Gateway to a service in plain HTTP", o -> o.remove(find(o, "BackendTLSPolicy", "search-service")),
                        "backend search-service is reached over plain HTTP"),
                consistency("the Gateway trusting a service for another name", o -> ((ObjectNode) Yaml.at(
                        find(o, "BackendTLSPolicy", "triage-service"), "spec", "validation")).put("hostname", "intake-service"),
                        "for hostname intake-service, not its Service name"),
                consistency("Prometheus scraping a service in plain HTTP", o -> ((ObjectNode) Yaml.at(
                        find(o, "ServiceMonitor", "search-service"), "spec", "endpoints").get(0)).remove("scheme"),
                        "scrapes search-service with scheme http"),
                consistency("Prometheus not verifying a service's certificate", o -> ((ObjectNode) Yaml.at(
                        find(o, "ServiceMonitor", "intake-service"), "spec", "endpoints").get(0).get("tlsConfig"))
                        .put("insecureSkipVerify", true), "must verify intake-service's certificate"),
                consistency("a variable the service does not read", o -> ((ObjectNode) configMap(o, "search-service-config")
                        .get("data")).put("PAKN_TRIAGE_URL", "https://triage-service:8082"), "PAKN_TRIAGE_URL is read by no"),
                consistency("a NetworkPolicy opening an unused service-to-service path", o -> {
                    ArrayNode egress = (ArrayNode) Yaml.at(find(o, "NetworkPolicy", "intake-service"), "spec", "egress");
                    egress.add(Yaml.readTree("{to: [{podSelector: {matchLabels: {app.kubernetes.io/name: triage-service}}}],"
                            + " ports: [{protocol: TCP, port: 8082}]}", "t"));
                }, "allows intake-service -> triage-service"),
                consistency("more index replicas than Elasticsearch nodes", o -> ((ObjectNode) configMap(o, "search-service-config")
                        .get("data")).put("PAKN_SEARCH_INDEX_REPLICAS", "3"), "needs 4 Elasticsearch nodes"),
                consistency("image the service does not build", o -> ((ObjectNode) container(o, "search-service"))
                        .put("image", "registry.example/other/search-service:1.0.0"), "but search-service builds"),
                // identity (quarkus-oidc): provider in-cluster, public issuer, audience, client secret, redirect URIs
                consistency("bearer tenant's provider URL removed", o -> platform(o).remove("QUARKUS_OIDC_AUTH_SERVER_URL"),
                        "QUARKUS_OIDC_AUTH_SERVER_URL is not set"),
                consistency("pages' tenant without its provider URL", o -> platform(o).remove("QUARKUS_OIDC_WEB_AUTH_SERVER_URL"),
                        "QUARKUS_OIDC_WEB_AUTH_SERVER_URL is not set"),
                consistency("provider reached through the public host", o -> platform(o)
                        .put("QUARKUS_OIDC_AUTH_SERVER_URL", "https://pakn.noivu.gov.vn/auth/realms/pakn"),
                        "QUARKUS_OIDC_AUTH_SERVER_URL https://pakn.noivu.gov.vn/auth/realms/pakn is not the in-cluster URL"),
                consistency("pages' tenant on another realm", o -> platform(o)
                        .put("QUARKUS_OIDC_WEB_AUTH_SERVER_URL", "http://pakn-keycloak-service:8080/auth/realms/master"),
                        "is not the in-cluster URL of realm pakn"),
                consistency("provider URL without Keycloak's relative path", o -> platform(o)
                        .put("QUARKUS_OIDC_WEB_AUTH_SERVER_URL", "http://pakn-keycloak-service:8080/realms/pakn"),
                        "QUARKUS_OIDC_WEB_AUTH_SERVER_URL http://pakn-keycloak-service:8080/realms/pakn is not the in-cluster URL"),
                consistency("issuer on another host", o -> platform(o)
                        .put("QUARKUS_OIDC_TOKEN_ISSUER", "https://evil.example/auth/realms/pakn"),
                        "QUARKUS_OIDC_TOKEN_ISSUER https://evil.example/auth/realms/pakn is not the realm's public issuer"),
                consistency("issuer without /auth", o -> platform(o)
                        .put("QUARKUS_OIDC_WEB_TOKEN_ISSUER", "https://pakn.noivu.gov.vn/realms/pakn"),
                        "QUARKUS_OIDC_WEB_TOKEN_ISSUER https://pakn.noivu.gov.vn/realms/pakn is not the realm's public issuer"),
                consistency("issuer left to discovery (the in-cluster URL's)", o -> platform(o).remove("QUARKUS_OIDC_WEB_TOKEN_ISSUER"),
                        "QUARKUS_OIDC_WEB_TOKEN_ISSUER is not set"),
                consistency("a literal client secret", o -> {
                    ObjectNode e = (ObjectNode) envEntry(o, "triage-service", "QUARKUS_OIDC_WEB_CREDENTIALS_SECRET");
                    e.remove("valueFrom");
                    e.put("value", "pakn-web-local-secret-0f3c9a7e-only-for-the-local-stack");
                }, "QUARKUS_OIDC_WEB_CREDENTIALS_SECRET is a literal value"),
                consistency("a client secret in the shared ConfigMap", o -> platform(o)
                        .put("QUARKUS_OIDC_WEB_CREDENTIALS_SECRET", "s3cr3t"), "QUARKUS_OIDC_WEB_CREDENTIALS_SECRET is a literal value"),
                consistency("client secret left to the file (the local realm's)", o -> ((ArrayNode) container(o, "search-service")
                        .get("env")).remove(indexOfEnv(o, "search-service", "QUARKUS_OIDC_WEB_CREDENTIALS_SECRET")),
                        "QUARKUS_OIDC_WEB_CREDENTIALS_SECRET is not set"),
                consistency("client secret from another Secret", o -> ((ObjectNode) Yaml.at(envEntry(o, "intake-service",
                        "QUARKUS_OIDC_WEB_CREDENTIALS_SECRET"), "valueFrom", "secretKeyRef")).put("name", "pakn-intake-db"),
                        "QUARKUS_OIDC_WEB_CREDENTIALS_SECRET comes from Secret pakn-intake-db key client-secret, not the Secret"),
                consistency("client secret from another key of the Secret", o -> ((ObjectNode) Yaml.at(envEntry(o, "search-service",
                        "QUARKUS_OIDC_WEB_CREDENTIALS_SECRET"), "valueFrom", "secretKeyRef")).put("key", "secret"),
                        "not the Secret the realm import gives client pakn-web (pakn-keycloak-web-client key client-secret)"),
                consistency("realm import reading the client secret from elsewhere", o -> ((ObjectNode) Yaml.at(
                        find(o, "KeycloakRealmImport", "pakn-realm"), "spec", "placeholders", "PAKN_WEB_CLIENT_SECRET", "secret"))
                        .put("name", "pakn-web-client"), "not the Secret the realm import gives client pakn-web (pakn-web-client"),
                consistency("redirects sent back over http", o -> platform(o)
                        .remove("QUARKUS_OIDC_WEB_AUTHENTICATION_FORCE_REDIRECT_HTTPS_SCHEME"),
                        "QUARKUS_OIDC_WEB_AUTHENTICATION_FORCE_REDIRECT_HTTPS_SCHEME must be true"),
                consistency("session cookie without Secure", o -> platform(o)
                        .put("QUARKUS_OIDC_WEB_AUTHENTICATION_COOKIE_FORCE_SECURE", "false"),
                        "QUARKUS_OIDC_WEB_AUTHENTICATION_COOKIE_FORCE_SECURE must be true"),
                consistency("audience the realm does not issue", o -> ((ArrayNode) container(o, "intake-service").get("env"))
                        .add(Yaml.readTree("{name: QUARKUS_OIDC_TOKEN_AUDIENCE, value: account}", "t")),
                        "audience account (quarkus.oidc.token.audience) is not an audience every client"),
                consistency("a client whose tokens lack the services' audience", o -> ((ArrayNode) realmClient(o, "pakn-web")
                        .get("protocolMappers")).remove(2), "audience pakn (quarkus.oidc.token.audience) is not an audience every client"),
                consistency("redirect URIs missing a service's pages", o -> ((ArrayNode) realmClient(o, "pakn-web")
                        .get("redirectUris")).remove(2), "do not cover search-service's pages https://pakn.noivu.gov.vn/lanh-dao/*"),
                consistency("redirect URI on another host", o -> ((ArrayNode) realmClient(o, "pakn-web").get("redirectUris"))
                        .set(1, Yaml.F.textNode("https://pakn.dev.noivu.gov.vn/can-bo/*")),
                        "do not cover triage-service's pages https://pakn.noivu.gov.vn/can-bo/*"),
                consistency("redirect URI over http", o -> ((ArrayNode) realmClient(o, "pakn-web").get("redirectUris"))
                        .add("http://pakn.noivu.gov.vn/xa/*"), "redirect URI http://pakn.noivu.gov.vn/xa/* of client pakn-web is not an https URI"),
                consistency("post-logout redirect URIs without a service's page", o -> ((ObjectNode) realmClient(o, "pakn-web")
                        .get("attributes")).put(RealmCopy.POST_LOGOUT, "https://pakn.noivu.gov.vn/xa/*##https://pakn.noivu.gov.vn/can-bo/*"),
                        "do not allow search-service's https://pakn.noivu.gov.vn/lanh-dao/da-dang-xuat"),
                consistency("pages signed in with a public client", o -> ((ObjectNode) realmClient(o, "pakn-web"))
                        .put("publicClient", true), "client pakn-web must be confidential"),
                consistency("a database password written into the Deployment", o -> {
                    ObjectNode e = (ObjectNode) envEntry(o, "triage-service", "QUARKUS_DATASOURCE_PASSWORD");
                    e.remove("valueFrom");
                    e.put("value", "pakn");
                }, "QUARKUS_DATASOURCE_PASSWORD is a literal value"),
                consistency("Keycloak back channel pinned to the public host", o -> ((ObjectNode) Yaml.at(find(o, "Keycloak",
                        "pakn-keycloak"), "spec", "hostname")).put("backchannelDynamic", false), "backchannelDynamic must be true"),
                consistency("realm copy drifting from the repository's", o -> ((ObjectNode) realmClient(o, "pakn-web")
                        .get("protocolMappers").get(0).get("config")).put("claim.name", "roles"), "differs from"),
                consistency("a claim the services read missing", o -> ((ArrayNode) realmClient(o, "pakn-web")
                        .get("protocolMappers")).remove(commune(realmClient(o, "pakn-web"))), "without the claims [commune_code]"),
                consistency("the password grant back in production", o -> ((ObjectNode) realmClient(o, "pakn-web"))
                        .put("directAccessGrantsEnabled", true), "pakn-web allows the password grant"),
                consistency("demo users imported", o -> ((ObjectNode) Yaml.at(find(o, "KeycloakRealmImport", "pakn-realm"),
                        "spec", "realm")).set("users", RealmCopy.repositoryRealm(Repo.ROOT).get("users")), "imports no users"),
                consistency("a committed client secret", o -> ((ObjectNode) realmClient(o, "pakn-web"))
                        .put("secret", "pakn-web-local-secret"), "committed secret"),
                consistency("a placeholder without its Secret", o -> ((ObjectNode) Yaml.at(find(o, "KeycloakRealmImport",
                        "pakn-realm"), "spec")).remove("placeholders"), "has no spec.placeholders entry"),
                consistency("NetworkPolicy of a service removed", o -> o.remove(find(o, "NetworkPolicy", "intake-service")),
                        "no NetworkPolicy lets intake-service reach"),
                consistency("default deny removed", o -> o.remove(find(o, "NetworkPolicy", "default-deny")), "default-deny"),
                consistency("partitions differ from Topics.java", o -> find(o, "KafkaTopic", "pakn.intake.case-events")
                        .with("spec").put("partitions", 6), "Topics.java says 12"),
                consistency("a service may write another's topic", o -> ((ObjectNode) Yaml.at(find(o, "KafkaUser", "search-service"),
                        "spec", "authorization", "acls").get(0).get("resource")).put("name", "pakn.intake.case-events"),
                        "not its own topic"),
                consistency("HPA beyond the partitions", o -> find(o, "HorizontalPodAutoscaler", "search-service")
                        .with("spec").put("maxReplicas", 20), "exceeds the partitions"),
                consistency("root filesystem writable", o -> ((ObjectNode) container(o, "triage-service").get("securityContext"))
                        .put("readOnlyRootFilesystem", false), "readOnlyRootFilesystem"),
                consistency("image without tag", o -> ((ObjectNode) container(o, "triage-service"))
                        .put("image", "registry.example/pakn/triage-service"), "image must be"),
                consistency("database credentials of another role", o -> {
                    for (JsonNode e : container(o, "triage-service").get("env")) {
                        if (e.path("name").asText().equals("QUARKUS_DATASOURCE_USERNAME")) {
                            ((ObjectNode) Yaml.at(e, "valueFrom", "secretKeyRef")).put("name", "pakn-intake-db");
                        }
                    }
                }, "not the Secret of role triage"),
                consistency("too many connections at full scale", o -> find(o, "HorizontalPodAutoscaler", "intake-service")
                        .with("spec").put("maxReplicas", 12), "connectionLimit"),
                // Pod Security restricted, images, storage, rollouts, spreading, egress (issue 16)
                consistency("namespace only baseline", o -> find(o, "Namespace", "pakn").with("metadata").with("labels")
                        .put("pod-security.kubernetes.io/enforce", "baseline"), "pod-security.kubernetes.io/enforce must be restricted"),
                consistency("pod without seccomp profile", o -> ((ObjectNode) Yaml.at(find(o, "Deployment", "triage-service"),
                        "spec", "template", "spec", "securityContext")).remove("seccompProfile"),
                        "container triage-service: seccompProfile must be RuntimeDefault"),
                consistency("init container that may escalate", o -> ((ObjectNode) Yaml.at(find(o, "Deployment", "search-service"),
                        "spec", "template", "spec", "initContainers").get(0).get("securityContext")).put("allowPrivilegeEscalation", true),
                        "container truststore: allowPrivilegeEscalation must be false"),
                consistency("a hostPath volume", o -> ((ArrayNode) Yaml.at(find(o, "Deployment", "intake-service"), "spec",
                        "template", "spec", "volumes")).add(Yaml.readTree("{name: host, hostPath: {path: /var}}", "t")),
                        "volume host of type [hostPath] is not allowed"),
                consistency("mutable tag pulled only if absent", o -> ((ObjectNode) container(o, "triage-service"))
                        .put("image", "registry.example/pakn/triage-service:1.0.0-SNAPSHOT"), "has a mutable tag: imagePullPolicy must be Always"),
                consistency("production image not pinned", o -> ((ObjectNode) container(o, "search-service"))
                        .put("image", "registry.example/pakn/search-service:main").put("imagePullPolicy", "Always"),
                        "production image registry.example/pakn/search-service:main is not pinned"),
                consistency("RWX claim without storage class", o -> find(o, "PersistentVolumeClaim", "intake-attachments")
                        .with("spec").remove("storageClassName"), "a ReadWriteMany claim needs an explicit storageClassName"),
                consistency("RWO volume with a surge rollout", o -> find(o, "PersistentVolumeClaim", "intake-attachments")
                        .with("spec").set("accessModes", Yaml.readTree("[ReadWriteOnce]", "t")), "Multi-Attach"),
                consistency("replicas may share a node", o -> ((ObjectNode) Yaml.at(find(o, "Deployment", "triage-service"),
                        "spec", "template", "spec", "topologySpreadConstraints").get(1)).put("whenUnsatisfiable", "ScheduleAnyway"),
                        "Deployment triage-service: replicas may share a node"),
                consistency("Kafka without rack awareness", o -> ((ObjectNode) Yaml.at(find(o, "Kafka", "pakn-kafka"), "spec", "kafka"))
                        .remove("rack"), "no rack awareness"),
                consistency("Kafka brokers may share a node", o -> ((ObjectNode) Yaml.at(find(o, "KafkaNodePool", "broker"), "spec"))
                        .remove("template"), "KafkaNodePool broker: no required pod anti-affinity"),
                consistency("Elasticsearch nodes may share a node", o -> ((ObjectNode) Yaml.at(find(o, "Elasticsearch", "pakn-es"),
                        "spec", "nodeSets").get(0).get("podTemplate").get("spec")).remove("affinity"), "has no required pod anti-affinity"),
                consistency("PostgreSQL soft anti-affinity", o -> ((ObjectNode) Yaml.at(find(o, "Cluster", "pakn-pg"), "spec", "affinity"))
                        .put("podAntiAffinityType", "preferred"), "podAntiAffinityType must be required"),
                consistency("PostgreSQL without a synchronous replica", o -> ((ObjectNode) Yaml.at(find(o, "Cluster", "pakn-pg"),
                        "spec", "postgresql")).remove("synchronous"), "no synchronous replica"),
                consistency("egress to anywhere", o -> ((ArrayNode) Yaml.at(find(o, "NetworkPolicy", "postgres"), "spec", "egress"))
                        .add(Yaml.readTree("{to: [{ipBlock: {cidr: 0.0.0.0/0}}], ports: [{protocol: TCP, port: 443}]}", "t")),
                        "egress to/from 0.0.0.0/0 (anywhere)"),
                consistency("a committed secret value", o -> o.add((ObjectNode) Yaml.readTree(
                        "{apiVersion: v1, kind: Secret, metadata: {name: leak}, stringData: {password: hunter2}}", "t")),
                        "commits no secret values"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void mutationIsReported(String what, boolean schemaCheck, Consumer<List<ObjectNode>> mutation, String expected) {
        List<ObjectNode> objects = new ArrayList<>(Overlays.render("production"));
        mutation.accept(objects);
        List<String> problems = schemaCheck
                ? SchemaValidator.validate(objects).stream().map(Object::toString).toList()
                : Overlays.consistency("production", objects);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                what + ": expected a problem containing '" + expected + "', got " + problems);
    }

    private static Arguments schema(String what, Consumer<List<ObjectNode>> m, String expected) {
        return Arguments.of(what, true, m, expected);
    }

    private static Arguments consistency(String what, Consumer<List<ObjectNode>> m, String expected) {
        return Arguments.of(what, false, m, expected);
    }

    static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind) && Consistency.name(o).equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " not rendered"));
    }

    static ObjectNode configMap(List<ObjectNode> objects, String prefix) {
        return objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")
                        && Consistency.name(o).startsWith(prefix + "-"))
                .findFirst().orElseThrow();
    }

    /** The data of the shared ConfigMap pakn-platform (every service's envFrom). */
    static ObjectNode platform(List<ObjectNode> objects) {
        return (ObjectNode) configMap(objects, "pakn-platform").get("data");
    }

    static JsonNode envEntry(List<ObjectNode> objects, String deployment, String name) {
        return container(objects, deployment).get("env").get(indexOfEnv(objects, deployment, name));
    }

    static int indexOfEnv(List<ObjectNode> objects, String deployment, String name) {
        JsonNode env = container(objects, deployment).get("env");
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).path("name").asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(deployment + " sets no " + name);
    }

    static ArrayNode apiRules(List<ObjectNode> objects) {
        return (ArrayNode) Yaml.at(find(objects, "HTTPRoute", "pakn-api"), "spec", "rules");
    }

    static JsonNode apiRule(List<ObjectNode> objects, int i) {
        return apiRules(objects).get(i);
    }

    static JsonNode pageRule(List<ObjectNode> objects, int i) {
        return Yaml.at(find(objects, "HTTPRoute", "pakn-pages"), "spec", "rules").get(i);
    }

    static int indexOf(ArrayNode rules, String resource) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).get("matches").get(0).path("path").path("value").asText().endsWith("/v1/" + resource)) {
                return i;
            }
        }
        throw new AssertionError("no route for " + resource);
    }

    static JsonNode realmClient(List<ObjectNode> objects, String clientId) {
        for (JsonNode c : Yaml.at(find(objects, "KeycloakRealmImport", "pakn-realm"), "spec", "realm", "clients")) {
            if (c.path("clientId").asText().equals(clientId)) {
                return c;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    static int commune(JsonNode client) {
        for (int i = 0; i < client.get("protocolMappers").size(); i++) {
            if (client.get("protocolMappers").get(i).path("config").path("claim.name").asText().equals("commune_code")) {
                return i;
            }
        }
        throw new AssertionError("no commune_code mapper");
    }

    static JsonNode container(List<ObjectNode> objects, String deployment) {
        return Yaml.at(find(objects, "Deployment", deployment), "spec", "template", "spec", "containers").get(0);
    }

    private static void assertContains(List<String> problems, String where, String what) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(where) && p.contains(what)),
                "expected a problem at '" + where + "' about '" + what + "', got " + problems);
    }
}
