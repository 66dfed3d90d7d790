package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cross-object checks on one rendered overlay: the manifests against each other, against the services'
 * configuration on disk (application.properties, Topics.java) and against docs/deployment.md.
 */
final class Consistency {

    /** What the overlay is expected to be (replication of the case topics, brokers). */
    record Expectations(int topicReplicas, int minInsyncReplicas) {
    }

    /** A Service (ours or made by an operator): the pods behind it and port -> pod port. */
    record Target(String service, Map<String, String> podLabels, Map<Integer, Integer> ports,
                  Map<String, Integer> namedPorts, boolean operator, String operatorKind) {
    }

    /** Who consumes which case topic (README architecture): the ACLs and HPA bounds are checked against it. */
    static final Map<String, Set<String>> CONSUMES = Map.of(
            "intake-service", Set.of("pakn.triage.case-events"),
            "triage-service", Set.of("pakn.intake.case-events"),
            "search-service", Set.of("pakn.intake.case-events", "pakn.triage.case-events"),
            "notification-service", Set.of("pakn.intake.case-events", "pakn.triage.case-events"));

    /** The services with a PostgreSQL database, and its name (its owner role is the service's name before "-service"). */
    static final Map<String, String> DATABASES = Map.of(
            "intake-service", "intake",
            "triage-service", "triage",
            "notification-service", "pakn_notification");

    private final List<ObjectNode> objects;
    private final Path repo;
    private final Set<String> platformSecrets;
    private final Expectations expect;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Set<String> operatorSecrets = new HashSet<>();
    /** "deployment->service" for every connection a Deployment's configuration makes. */
    private final Set<String> connected = new HashSet<>();

    private Consistency(List<ObjectNode> objects, Path repo, Set<String> platformSecrets, Expectations expect) {
        this.objects = objects;
        this.repo = repo;
        this.platformSecrets = platformSecrets;
        this.expect = expect;
    }

    static List<String> check(List<ObjectNode> objects, Path repo, Set<String> platformSecrets, Expectations e) {
        Consistency c = new Consistency(objects, repo, platformSecrets, e);
        c.run();
        return c.problems;
    }

    private void problem(String where, String what) {
        problems.add(where + ": " + what);
    }

    private List<ObjectNode> kind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private ObjectNode find(String kind, String name) {
        return kind(kind).stream().filter(o -> name(o).equals(name)).findFirst().orElse(null);
    }

    static String name(JsonNode o) {
        return Yaml.at(o, "metadata").path("name").asText();
    }

    private static Map<String, String> map(JsonNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        Yaml.fields(n).forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private void run() {
        collectTargets();
        for (ObjectNode d : kind("Deployment")) {
            if (ServiceConfig.SERVICES.contains(name(d))) {
                deployment(d);
            } else if (!matches(map(Yaml.at(d, "spec", "selector", "matchLabels")),
                    map(Yaml.at(d, "spec", "template", "metadata", "labels")))) {
                problem("Deployment " + name(d), "spec.selector does not match the pod template labels");
            }
        }
        services();
        gateway();
        serviceMonitors();
        kafka();
        secretAndConfigRefs();
        postgres();
        connectionBudget();
        keycloak();
        networkBaseline();
        networkAllowances();
        hardening();
        for (String svc : ServiceConfig.SERVICES) {
            if (find("Deployment", svc) == null) {
                problem("overlay", "no Deployment for " + svc);
            }
        }
    }

    // ---- targets -------------------------------------------------------------------------------------------------

    private void collectTargets() {
        for (ObjectNode s : kind("Service")) {
            Map<Integer, Integer> ports = new HashMap<>();
            Map<String, Integer> named = new HashMap<>();
            Map<String, String> sel = map(Yaml.at(s, "spec", "selector"));
            ObjectNode pod = podFor(sel);
            for (JsonNode p : Yaml.each(Yaml.at(s, "spec", "ports"))) {
                int port = p.path("port").asInt();
                JsonNode tp = p.get("targetPort");
                Integer podPort = tp == null ? Integer.valueOf(port) : tp.isInt() ? Integer.valueOf(tp.asInt())
                        : containerPort(pod, tp.asText());
                if (podPort == null) {
                    problem("Service " + name(s), "targetPort " + tp.asText() + " is not a port of the selected pods");
                    continue;
                }
                ports.put(port, podPort);
                if (p.has("name")) {
                    named.put(p.get("name").asText(), port);
                }
            }
            targets.put(name(s), new Target(name(s), sel, ports, named, false, null));
        }
        for (ObjectNode k : kind("Kafka")) {
            Map<Integer, Integer> ports = new HashMap<>();
            for (JsonNode l : Yaml.each(Yaml.at(k, "spec", "kafka", "listeners"))) {
                ports.put(l.path("port").asInt(), l.path("port").asInt());
            }
            targets.put(name(k) + "-kafka-bootstrap", new Target(name(k) + "-kafka-bootstrap",
                    Map.of("strimzi.io/cluster", name(k), "strimzi.io/kind", "Kafka"), ports, Map.of(), true, "Kafka"));
            operatorSecrets.add(name(k) + "-cluster-ca-cert");
            operatorSecrets.add(name(k) + "-clients-ca-cert");
        }
        for (ObjectNode u : kind("KafkaUser")) {
            operatorSecrets.add(name(u));
        }
        for (ObjectNode c : kind("Cluster")) {
            for (String suffix : List.of("-rw", "-ro", "-r")) {
                targets.put(name(c) + suffix, new Target(name(c) + suffix, Map.of("cnpg.io/cluster", name(c)),
                        Map.of(5432, 5432), Map.of(), true, "Cluster"));
            }
            operatorSecrets.add(name(c) + "-ca");
            operatorSecrets.add(name(c) + "-replication");
            operatorSecrets.add(name(c) + "-server");
        }
        for (ObjectNode e : kind("Elasticsearch")) {
            targets.put(name(e) + "-es-http", new Target(name(e) + "-es-http",
                    Map.of("elasticsearch.k8s.elastic.co/cluster-name", name(e)), Map.of(9200, 9200),
                    Map.of("http", 9200, "https", 9200), true, "Elasticsearch"));
            operatorSecrets.add(name(e) + "-es-elastic-user");
            operatorSecrets.add(name(e) + "-es-http-certs-public");
        }
        for (ObjectNode k : kind("Keycloak")) {
            int http = Yaml.at(k, "spec", "http").path("httpPort").asInt(8080);
            int https = Yaml.at(k, "spec", "http").path("httpsPort").asInt(8443);
            boolean plain = Yaml.at(k, "spec", "http").path("httpEnabled").asBoolean(false);
            Map<Integer, Integer> ports = new HashMap<>(Map.of(https, https));
            Map<String, Integer> named = new HashMap<>(Map.of("https", https));
            if (plain) {
                ports.put(http, http);
                named.put("http", http);
            }
            targets.put(name(k) + "-service", new Target(name(k) + "-service",
                    Map.of("app", "keycloak", "app.kubernetes.io/instance", name(k)), ports, named, true, "Keycloak"));
            operatorSecrets.add(name(k) + "-initial-admin");
        }
    }

    private ObjectNode podFor(Map<String, String> selector) {
        if (selector.isEmpty()) {
            return null;
        }
        for (ObjectNode d : kind("Deployment")) {
            if (matches(selector, map(Yaml.at(d, "spec", "template", "metadata", "labels")))) {
                return d;
            }
        }
        return null;
    }

    private static Integer containerPort(ObjectNode deployment, String portName) {
        if (deployment == null) {
            return null;
        }
        for (JsonNode c : Yaml.each(Yaml.at(deployment, "spec", "template", "spec", "containers"))) {
            for (JsonNode p : Yaml.each(c.get("ports"))) {
                if (portName.equals(p.path("name").asText())) {
                    return p.path("containerPort").asInt();
                }
            }
        }
        return null;
    }

    /** Null when the file lies in a read-only mount of a Secret volume that provides it, else why not. */
    private static String fromSecretVolume(JsonNode podSpec, JsonNode container, String file) {
        for (JsonNode m : Yaml.each(container.get("volumeMounts"))) {
            String dir = m.path("mountPath").asText().replaceAll("/+$", "") + "/";
            if (!file.startsWith(dir)) {
                continue;
            }
            for (JsonNode v : Yaml.each(podSpec.get("volumes"))) {
                if (!v.path("name").asText().equals(m.path("name").asText())) {
                    continue;
                }
                JsonNode secret = v.get("secret");
                if (secret == null) {
                    return "is not in a Secret volume (volume " + v.path("name").asText() + ")";
                }
                if (!m.path("readOnly").asBoolean(false)) {
                    return "is in volume mount " + dir + ", which is not readOnly";
                }
                String rel = file.substring(dir.length());
                JsonNode items = secret.get("items");
                if (items == null || items.isEmpty()) {
                    return null;
                }
                for (JsonNode i : items) {
                    if (i.path("path").asText().equals(rel)) {
                        return null;
                    }
                }
                return "is not an item of Secret " + secret.path("secretName").asText();
            }
            return "names volume " + m.path("name").asText() + ", which the pod does not have";
        }
        return "is in no volume mount of the container";
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
    }

    // ---- deployments ---------------------------------------------------------------------------------------------

    private record Env(Map<String, String> values, Set<String> names) {
    }

    private Env env(ObjectNode d, JsonNode container) {
        String where = "Deployment " + name(d);
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode ef : Yaml.each(container.get("envFrom"))) {
            if (ef.has("configMapRef")) {
                ObjectNode cm = find("ConfigMap", ef.get("configMapRef").path("name").asText());
                if (cm != null) {
                    Yaml.fields(cm.get("data")).forEach(e -> {
                        values.put(e.getKey(), e.getValue().asText());
                        names.add(e.getKey());
                    });
                }
            } else {
                problem(where, "envFrom secretRef hides which variables are set; use env[].valueFrom.secretKeyRef");
            }
        }
        for (JsonNode e : Yaml.each(container.get("env"))) {
            names.add(e.path("name").asText());
            if (e.has("value")) {
                values.put(e.path("name").asText(), e.get("value").asText());
            }
        }
        return new Env(values, names);
    }

    /** The container's env[] entry of that name, or null. */
    private static JsonNode envEntry(JsonNode container, String name) {
        JsonNode found = null;
        for (JsonNode e : Yaml.each(container.get("env"))) {
            if (e.path("name").asText().equals(name)) {
                found = e;
            }
        }
        return found;
    }

    /** A property's value for the pod: its environment variable when the Deployment sets one, else the file's. */
    private static String effective(Env env, ServiceConfig cfg, String property) {
        String var = ServiceConfig.envName(property);
        return env.values().containsKey(var) ? env.values().get(var) : cfg.properties().get(property);
    }

    private void deployment(ObjectNode d) {
        String svc = name(d);
        String where = "Deployment " + svc;
        JsonNode podSpec = Yaml.at(d, "spec", "template", "spec");
        JsonNode containers = podSpec.get("containers");
        if (containers == null || containers.size() != 1) {
            problem(where, "expected exactly one container");
            return;
        }
        JsonNode c = containers.get(0);
        Env env = env(d, c);
        Map<String, String> podLabels = map(Yaml.at(d, "spec", "template", "metadata", "labels"));
        if (!matches(map(Yaml.at(d, "spec", "selector", "matchLabels")), podLabels)) {
            problem(where, "spec.selector does not match the pod template labels");
        }
        ServiceConfig cfg = ServiceConfig.SERVICES.contains(svc) ? ServiceConfig.load(repo, svc) : null;
        Set<String> portNames = new HashSet<>();
        for (JsonNode p : Yaml.each(c.get("ports"))) {
            if (p.has("name") && !portNames.add(p.get("name").asText())) {
                problem(where, "container port name '" + p.get("name").asText() + "' is used twice");
            }
        }
        // image
        String image = c.path("image").asText();
        if (!image.matches("registry\\.example/pakn/" + Pattern.quote(svc) + "(:[\\w][\\w.-]*)?(@sha256:[0-9a-f]{64})?")
                || !(image.contains(":") || image.contains("@")) || image.endsWith(":latest")) {
            problem(where, "image must be registry.example/pakn/" + svc + ":<tag> or @sha256:<digest> (set by the overlay's images:), is " + image);
        }
        // ports and probes
        int port = -1;
        if (cfg != null) {
            // HTTPS only, inside the cluster too: the service's port serves TLS with its own certificate, no plain port
            String expected = env.values().getOrDefault("QUARKUS_HTTP_PORT", cfg.httpPort());
            String ssl = env.values().get("QUARKUS_HTTP_SSL_PORT");
            if (ssl == null || !ssl.equals(expected)) {
                problem(where, "QUARKUS_HTTP_SSL_PORT is " + ssl + " but must be the service's port " + expected
                        + " (quarkus.http.port / QUARKUS_HTTP_PORT): HTTPS on the port the image, Service and routes use");
            }
            if (!"disabled".equals(env.values().get("QUARKUS_HTTP_INSECURE_REQUESTS"))) {
                problem(where, "QUARKUS_HTTP_INSECURE_REQUESTS is " + env.values().get("QUARKUS_HTTP_INSECURE_REQUESTS")
                        + ", must be disabled (no plain-HTTP port inside the cluster)");
            }
            for (String file : List.of("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES")) {
                String value = env.values().get(file);
                if (value == null || value.isBlank()) {
                    problem(where, file + " is not set: the service would serve no HTTPS");
                } else {
                    for (String f : value.split(",")) {
                        String why = fromSecretVolume(podSpec, c, f.strip());
                        if (why != null) {
                            problem(where, file + " " + f.strip() + " " + why);
                        }
                    }
                }
            }
            Integer https = containerPort(d, "https");
            if (https == null || !String.valueOf(https).equals(expected)) {
                problem(where, "containerPort 'https' is " + https + " but the service listens on " + expected
                        + " (quarkus.http.port / QUARKUS_HTTP_PORT)");
            }
            port = Integer.parseInt(expected);
            // environment the configuration needs
            for (String req : cfg.requiredEnv()) {
                if (!ServiceConfig.satisfied(req, env.names())) {
                    problem(where, "environment variable " + req.replace("_*", "_…").replace("|", " or ") + " is not set ("
                            + cfg.whyRequired().get(req) + ")");
                }
            }
            // and no variable of the application's own namespace that the service does not read (a stale one hides
            // a missing one: e.g. a service URL the code no longer calls, with a NetworkPolicy opened for it)
            for (String name : env.names()) {
                if (name.startsWith("PAKN_") && !ServiceConfig.readsVariable(repo, svc, name)) {
                    problem(where, "environment variable " + name + " is read by no property, expression, @ConfigProperty "
                            + "or @ConfigMapping of " + svc);
                }
            }
            // credentials: the file's value is the local stack's; the cluster's comes from a Secret, never a literal
            for (String secret : cfg.secretEnv()) {
                JsonNode entry = envEntry(c, secret);
                if (env.values().containsKey(secret)) {
                    problem(where, secret + " is a literal value (env value or ConfigMap): a credential must come from "
                            + "env[].valueFrom.secretKeyRef");
                } else if (entry != null && Yaml.at(entry, "valueFrom", "secretKeyRef") == null) {
                    problem(where, secret + " must come from env[].valueFrom.secretKeyRef (" + cfg.whyRequired().get(secret) + ")");
                }
            }
            for (Map.Entry<String, String> e : env.values().entrySet()) {
                if (ServiceConfig.LOCAL.matcher(e.getValue()).find()) {
                    problem(where, e.getKey() + " still points at the local stack: " + e.getValue());
                }
                for (String other : ServiceConfig.SERVICES) {
                    if (e.getValue().matches("http://" + Pattern.quote(other) + "([.:/].*)?")) {
                        problem(where, e.getKey() + " calls " + other + " in plain HTTP (" + e.getValue()
                                + "), which serves HTTPS only");
                    }
                }
            }
            // heap sized from the container limit
            String opts = env.values().getOrDefault("JAVA_OPTS_APPEND", "") + " " + env.values().getOrDefault("JAVA_OPTS", "");
            if (!opts.contains("-XX:MaxRAMPercentage=")) {
                problem(where, "JAVA_OPTS_APPEND must size the heap with -XX:MaxRAMPercentage");
            }
            containerImage(d, c, cfg);
            if (svc.equals("search-service")) {
                indexReplicas(d, env, cfg);
            }
        }
        Map<String, String> probePaths = Map.of("livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            JsonNode get = Yaml.at(c, probe, "httpGet");
            if (get == null) {
                if (!probe.equals("startupProbe")) {
                    problem(where, probe + " with httpGet is missing");
                }
                continue;
            }
            String path = get.path("path").asText();
            Set<String> allowed = probe.equals("startupProbe")
                    ? Set.of("/q/health/live", "/q/health/started", "/q/health/ready") : Set.of(probePaths.get(probe));
            if (!allowed.contains(path)) {
                problem(where, probe + " path " + path + " is not " + allowed);
            }
            if (cfg != null && !get.path("scheme").asText("HTTP").equals("HTTPS")) {
                problem(where, probe + " must use scheme HTTPS (the service serves no plain HTTP)");
            }
            JsonNode pp = get.get("port");
            Integer resolved = pp == null ? null : pp.isInt() ? Integer.valueOf(pp.asInt()) : containerPort(d, pp.asText());
            if (resolved == null || (port > 0 && resolved != port)) {
                problem(where, probe + " port " + pp + " is not the service's port " + port);
            }
        }
        // security and resources
        JsonNode psc = podSpec.path("securityContext");
        JsonNode csc = c.path("securityContext");
        if (!psc.path("runAsNonRoot").asBoolean(false) && !csc.path("runAsNonRoot").asBoolean(false)) {
            problem(where, "runAsNonRoot is not set");
        }
        if (psc.path("runAsUser").asInt(-1) != 185 && csc.path("runAsUser").asInt(-1) != 185) {
            problem(where, "runAsUser must be 185 (the Quarkus images' user)");
        }
        if (!csc.path("readOnlyRootFilesystem").asBoolean(false)) {
            problem(where, "readOnlyRootFilesystem is not true");
        }
        if (csc.path("allowPrivilegeEscalation").asBoolean(true)) {
            problem(where, "allowPrivilegeEscalation must be false");
        }
        if (!csc.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
            problem(where, "capabilities must drop ALL");
        }
        Map<String, String> volumes = new HashMap<>();
        for (JsonNode v : Yaml.each(podSpec.get("volumes"))) {
            volumes.put(v.path("name").asText(), v.has("emptyDir") ? "emptyDir" : v.has("persistentVolumeClaim")
                    ? "pvc:" + Yaml.text(v, "persistentVolumeClaim", "claimName") : "other");
        }
        boolean tmp = false;
        for (JsonNode m : Yaml.each(c.get("volumeMounts"))) {
            if (!volumes.containsKey(m.path("name").asText())) {
                problem(where, "volumeMount " + m.path("name").asText() + " has no volume");
            }
            if (m.path("mountPath").asText().equals("/tmp") && "emptyDir".equals(volumes.get(m.path("name").asText()))) {
                tmp = true;
            }
        }
        if (!tmp) {
            problem(where, "no emptyDir mounted at /tmp (the root filesystem is read-only)");
        }
        volumes.values().stream().filter(v -> v.startsWith("pvc:")).forEach(v -> {
            if (find("PersistentVolumeClaim", v.substring(4)) == null) {
                problem(where, "PersistentVolumeClaim " + v.substring(4) + " does not exist");
            }
        });
        if (svc.equals("intake-service")) {
            String dir = env.values().get("PAKN_INTAKE_ATTACHMENTS_DIR");
            boolean onPvc = dir != null && Yaml.each(c.get("volumeMounts")).iterator().hasNext();
            boolean found = false;
            for (JsonNode m : Yaml.each(c.get("volumeMounts"))) {
                if (dir != null && dir.startsWith(m.path("mountPath").asText())
                        && String.valueOf(volumes.get(m.path("name").asText())).startsWith("pvc:")) {
                    found = true;
                }
            }
            if (!onPvc || !found) {
                problem(where, "PAKN_INTAKE_ATTACHMENTS_DIR must be set and lie on a mounted PersistentVolumeClaim");
            }
        }
        for (String r : List.of("requests", "limits")) {
            if (Yaml.at(c, "resources", r, "memory") == null || Yaml.at(c, "resources", r, "cpu") == null) {
                problem(where, "resources." + r + " must set cpu and memory");
            }
        }
        String strategy = Yaml.text(d, "spec", "strategy", "type");
        if (!"RollingUpdate".equals(strategy) && !("Recreate".equals(strategy) && maxReplicas(d) <= 1)) {
            problem(where, "strategy must be RollingUpdate (Recreate only for a single replica)");
        }
        if (Yaml.at(podSpec, "topologySpreadConstraints") == null || podSpec.get("topologySpreadConstraints").isEmpty()) {
            problem(where, "no topologySpreadConstraints");
        }
        boolean pdb = kind("PodDisruptionBudget").stream()
                .anyMatch(p -> matches(map(Yaml.at(p, "spec", "selector", "matchLabels")), podLabels)
                        && !map(Yaml.at(p, "spec", "selector", "matchLabels")).isEmpty());
        if (!pdb) {
            problem(where, "no PodDisruptionBudget selects its pods");
        }
        // HPA
        for (ObjectNode h : kind("HorizontalPodAutoscaler")) {
            if (!svc.equals(Yaml.text(h, "spec", "scaleTargetRef", "name"))) {
                continue;
            }
            if (Yaml.at(d, "spec", "replicas") != null) {
                problem(where, "has an HPA, so spec.replicas must be left out (it would fight the autoscaler)");
            }
            int max = Yaml.at(h, "spec", "maxReplicas").asInt();
            int min = Yaml.at(h, "spec").path("minReplicas").asInt(1);
            if (min > max) {
                problem("HorizontalPodAutoscaler " + name(h), "minReplicas > maxReplicas");
            }
            for (String topic : CONSUMES.getOrDefault(svc, Set.of())) {
                ObjectNode t = find("KafkaTopic", topic);
                if (t != null && max > Yaml.at(t, "spec", "partitions").asInt()) {
                    problem("HorizontalPodAutoscaler " + name(h), "maxReplicas " + max + " exceeds the partitions of " + topic);
                }
            }
        }
        for (ObjectNode h : kind("HorizontalPodAutoscaler")) {
            if (find("Deployment", Yaml.text(h, "spec", "scaleTargetRef", "name")) == null) {
                problem("HorizontalPodAutoscaler " + name(h), "scaleTargetRef does not exist");
            }
        }
        // connections the configuration makes: the host must exist, the port too, and NetworkPolicies must allow it
        for (Map.Entry<String, String> e : env.values().entrySet()) {
            for (String[] hp : endpoints(e.getKey(), e.getValue())) {
                connection(d, podLabels, e.getKey(), hp[0], Integer.parseInt(hp[1]));
            }
        }
        for (JsonNode e : Yaml.each(c.get("env"))) {
            JsonNode ref = Yaml.at(e, "valueFrom", "secretKeyRef");
            if (ref != null) {
                secretRef(where, ref.path("name").asText());
            }
        }
    }

    /** ${key} / ${key:default} against the service's properties (one level, enough for the image coordinates). */
    private static String resolve(String value, Map<String, String> props) {
        if (value == null) {
            return null;
        }
        Matcher m = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}").matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = props.containsKey(m.group(1)) ? props.get(m.group(1)) : m.group(2) != null ? m.group(2) : m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The image the Deployment runs is the one the service's Jib configuration builds, for the pod's user and port. */
    private void containerImage(ObjectNode d, JsonNode c, ServiceConfig cfg) {
        String where = "Deployment " + name(d);
        Map<String, String> p = cfg.properties();
        String registry = resolve(p.get("quarkus.container-image.registry"), p);
        String group = resolve(p.get("quarkus.container-image.group"), p);
        String imageName = resolve(p.getOrDefault("quarkus.container-image.name", "${quarkus.application.name}"), p);
        String image = c.path("image").asText();
        String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        if (registry == null || group == null) {
            problem(where, cfg.service() + "'s application.properties sets no quarkus.container-image.registry/group: "
                    + "the build would not produce " + repository);
        } else if (!repository.equals(registry + "/" + group + "/" + imageName)) {
            problem(where, "runs " + repository + " but " + cfg.service() + " builds " + registry + "/" + group + "/" + imageName
                    + " (quarkus.container-image.*)");
        }
        String user = resolve(p.get("quarkus.jib.user"), p);
        int runAs = Yaml.at(d, "spec", "template", "spec").path("securityContext").path("runAsUser").asInt(-1);
        if (user == null || !user.equals(String.valueOf(runAs))) {
            problem(where, "runAsUser " + runAs + " but the image's user (quarkus.jib.user) is " + user);
        }
        String ports = resolve(p.get("quarkus.jib.ports"), p);
        if (ports == null || !List.of(ports.split("\\s*,\\s*")).contains(cfg.httpPort())) {
            problem(where, "quarkus.jib.ports " + ports + " does not expose the HTTP port " + cfg.httpPort());
        }
        String base = resolve(p.get("quarkus.jib.base-jvm-image"), p);
        if (base == null || !base.matches(".*openjdk-2[1-9]-runtime.*")) {
            problem(where, "quarkus.jib.base-jvm-image " + base + " is not a Java 21+ runtime image");
        }
        if (!Yaml.read(repo.resolve(cfg.service()).resolve("pom.xml")).contains("<artifactId>quarkus-container-image-jib</artifactId>")) {
            problem(where, cfg.service() + "/pom.xml lacks io.quarkus:quarkus-container-image-jib: its image cannot be built");
        }
    }

    /** Replica shards of search's index: at most nodes - 1 (else the index stays yellow), at least 1 with 2+ nodes. */
    private void indexReplicas(ObjectNode d, Env env, ServiceConfig cfg) {
        String value = env.values().containsKey("PAKN_SEARCH_INDEX_REPLICAS") ? env.values().get("PAKN_SEARCH_INDEX_REPLICAS")
                : resolve(cfg.properties().getOrDefault("pakn.search.index.replicas", "0"), Map.of());
        int replicas;
        try {
            replicas = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            problem("Deployment " + name(d), "pakn.search.index.replicas is not a number: " + value);
            return;
        }
        int nodes = 0;
        for (ObjectNode es : kind("Elasticsearch")) {
            for (JsonNode ns : Yaml.each(Yaml.at(es, "spec", "nodeSets"))) {
                nodes += ns.path("count").asInt(0);
            }
        }
        if (nodes > 0 && replicas > nodes - 1) {
            problem("Deployment " + name(d), "PAKN_SEARCH_INDEX_REPLICAS " + replicas + " needs " + (replicas + 1)
                    + " Elasticsearch nodes, the overlay has " + nodes);
        }
        if (nodes > 1 && replicas < 1) {
            problem("Deployment " + name(d), "PAKN_SEARCH_INDEX_REPLICAS " + replicas + " with " + nodes
                    + " Elasticsearch nodes: losing one node loses part of the index");
        }
    }

    private static final Pattern URL = Pattern.compile("^(https?|jdbc:postgresql)://([^/:?]+)(?::(\\d+))?");

    /** host:port pairs a variable makes the service connect to (the issuer is an identifier, not a connection). */
    static List<String[]> endpoints(String name, String value) {
        List<String[]> out = new ArrayList<>();
        if (name.endsWith("_ISSUER")) {
            return out;
        }
        if (name.equals("KAFKA_BOOTSTRAP_SERVERS") || name.equals("QUARKUS_ELASTICSEARCH_HOSTS")) {
            for (String hp : value.split(",")) {
                String[] parts = hp.strip().split(":");
                out.add(new String[] {parts[0], parts.length > 1 ? parts[1] : "9200"});
            }
            return out;
        }
        Matcher m = URL.matcher(value);
        if (m.find()) {
            String port = m.group(3) != null ? m.group(3) : m.group(1).equals("https") ? "443"
                    : m.group(1).equals("http") ? "80" : "5432";
            out.add(new String[] {m.group(2), port});
        }
        return out;
    }

    private void connection(ObjectNode source, Map<String, String> sourceLabels, String var, String host, int port) {
        String where = "Deployment " + name(source) + " " + var;
        String service = host.split("\\.")[0];
        connected.add(name(source) + "->" + service);
        if (host.contains(".") && !host.matches("[a-z0-9-]+\\.[a-z0-9-]+(\\.svc(\\.cluster\\.local)?)?")) {
            return; // an address outside the cluster: not the manifests' business
        }
        Target t = targets.get(service);
        if (t == null) {
            problem(where, "points at " + host + ", which is neither a Service of the overlay nor one its operators create");
            return;
        }
        Integer podPort = t.ports().get(port);
        if (podPort == null) {
            problem(where, host + ":" + port + " is not a port of Service " + service + " " + t.ports().keySet());
            return;
        }
        if (!egressAllowed(sourceLabels, t.podLabels(), podPort)) {
            problem(where, "no NetworkPolicy lets " + name(source) + " reach " + service + " (pod port " + podPort + ")");
        }
        if ("Kafka".equals(t.operatorKind())) {
            boolean peer = false;
            for (ObjectNode k : kind("Kafka")) {
                for (JsonNode l : Yaml.each(Yaml.at(k, "spec", "kafka", "listeners"))) {
                    if (l.path("port").asInt() != port) {
                        continue;
                    }
                    if (l.get("networkPolicyPeers") == null) {
                        peer = true;
                    }
                    for (JsonNode p : Yaml.each(l.get("networkPolicyPeers"))) {
                        if (p.has("podSelector") && !p.has("namespaceSelector")
                                && matches(map(Yaml.at(p, "podSelector", "matchLabels")), sourceLabels)) {
                            peer = true;
                        }
                    }
                }
            }
            if (!peer) {
                problem(where, "the Kafka listener on " + port + " does not admit " + name(source) + " (networkPolicyPeers)");
            }
        } else if (!ingressAllowed(t.podLabels(), sourceLabels, null, podPort)) {
            problem(where, "no NetworkPolicy admits " + name(source) + " into " + service + " (pod port " + podPort + ")");
        }
    }

    // ---- network policies ----------------------------------------------------------------------------------------

    private List<ObjectNode> policiesFor(Map<String, String> podLabels, String type) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode p : kind("NetworkPolicy")) {
            if (selects(Yaml.at(p, "spec", "podSelector"), podLabels)
                    && p.path("spec").path("policyTypes").toString().contains("\"" + type + "\"")) {
                out.add(p);
            }
        }
        return out;
    }

    static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (!matches(map(selector.get("matchLabels")), labels)) {
            return false;
        }
        for (JsonNode ex : Yaml.each(selector.get("matchExpressions"))) {
            String v = labels.get(ex.path("key").asText());
            Set<String> vals = new HashSet<>();
            Yaml.each(ex.get("values")).forEach(x -> vals.add(x.asText()));
            boolean ok = switch (ex.path("operator").asText()) {
                case "In" -> v != null && vals.contains(v);
                case "NotIn" -> v == null || !vals.contains(v);
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean portAllowed(JsonNode rule, int port) {
        JsonNode ports = rule.get("ports");
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            if (!p.has("port") || p.get("port").asInt(-1) == port) {
                return true;
            }
        }
        return false;
    }

    private boolean egressAllowed(Map<String, String> from, Map<String, String> toPod, int port) {
        for (ObjectNode p : policiesFor(from, "Egress")) {
            for (JsonNode rule : Yaml.each(Yaml.at(p, "spec", "egress"))) {
                if (!portAllowed(rule, port)) {
                    continue;
                }
                if (rule.get("to") == null || rule.get("to").isEmpty()) {
                    return true;
                }
                for (JsonNode peer : rule.get("to")) {
                    if (peer.has("podSelector") && !peer.has("namespaceSelector") && selects(peer.get("podSelector"), toPod)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Ingress into pods with {@code toPod} labels from same-namespace pods {@code from}, or from {@code namespace}. */
    private boolean ingressAllowed(Map<String, String> toPod, Map<String, String> from, String namespace, int port) {
        for (ObjectNode p : policiesFor(toPod, "Ingress")) {
            for (JsonNode rule : Yaml.each(Yaml.at(p, "spec", "ingress"))) {
                if (!portAllowed(rule, port)) {
                    continue;
                }
                if (rule.get("from") == null || rule.get("from").isEmpty()) {
                    return true;
                }
                for (JsonNode peer : rule.get("from")) {
                    if (from != null && peer.has("podSelector") && !peer.has("namespaceSelector")
                            && selects(peer.get("podSelector"), from)) {
                        return true;
                    }
                    if (namespace != null && peer.has("namespaceSelector")
                            && selects(peer.get("namespaceSelector"), Map.of("kubernetes.io/metadata.name", namespace))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void networkBaseline() {
        boolean deny = kind("NetworkPolicy").stream().anyMatch(p -> map(Yaml.at(p, "spec", "podSelector", "matchLabels")).isEmpty()
                && Yaml.at(p, "spec", "podSelector", "matchExpressions") == null
                && p.path("spec").path("policyTypes").toString().contains("Ingress")
                && p.path("spec").path("policyTypes").toString().contains("Egress")
                && Yaml.at(p, "spec", "ingress") == null && Yaml.at(p, "spec", "egress") == null);
        if (!deny) {
            problem("NetworkPolicy", "no default-deny policy (podSelector {}, Ingress and Egress, no rules)");
        }
        for (ObjectNode d : kind("Deployment")) {
            Map<String, String> labels = map(Yaml.at(d, "spec", "template", "metadata", "labels"));
            boolean dns = false;
            for (ObjectNode p : policiesFor(labels, "Egress")) {
                for (JsonNode rule : Yaml.each(Yaml.at(p, "spec", "egress"))) {
                    if (portAllowed(rule, 53)) {
                        dns = true;
                    }
                }
            }
            if (!dns) {
                problem("Deployment " + name(d), "no NetworkPolicy allows DNS (port 53)");
            }
        }
    }

    /**
     * NetworkPolicies open nothing between the services that their configuration does not use: every pod-to-pod rule
     * between two of the application's Deployments (ingress "from" or egress "to") matches a configured connection.
     */
    private void networkAllowances() {
        Map<String, Map<String, String>> pods = new LinkedHashMap<>();
        for (String svc : ServiceConfig.SERVICES) {
            ObjectNode d = find("Deployment", svc);
            if (d != null) {
                pods.put(svc, map(Yaml.at(d, "spec", "template", "metadata", "labels")));
            }
        }
        for (ObjectNode p : kind("NetworkPolicy")) {
            JsonNode sel = Yaml.at(p, "spec", "podSelector");
            if (sel == null || map(sel.get("matchLabels")).isEmpty()) {
                continue;
            }
            for (Map.Entry<String, Map<String, String>> self : pods.entrySet()) {
                if (!selects(sel, self.getValue())) {
                    continue;
                }
                for (String[] dir : new String[][] {{"ingress", "from"}, {"egress", "to"}}) {
                    for (JsonNode rule : Yaml.each(Yaml.at(p, "spec", dir[0]))) {
                        for (JsonNode peer : Yaml.each(rule.get(dir[1]))) {
                            if (!peer.has("podSelector") || peer.has("namespaceSelector")
                                    || map(peer.get("podSelector").get("matchLabels")).isEmpty()) {
                                continue;
                            }
                            for (Map.Entry<String, Map<String, String>> other : pods.entrySet()) {
                                if (other.getKey().equals(self.getKey()) || !selects(peer.get("podSelector"), other.getValue())) {
                                    continue;
                                }
                                String edge = dir[0].equals("ingress") ? other.getKey() + "->" + self.getKey()
                                        : self.getKey() + "->" + other.getKey();
                                if (!connected.contains(edge)) {
                                    problem("NetworkPolicy " + name(p), "allows " + edge.replace("->", " -> ")
                                            + ", a connection no configuration of " + edge.split("->")[0] + " makes");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // ---- Pod Security, images, storage, rollouts, spreading, egress ----------------------------------------------

    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");
    private static final Pattern RELEASE_TAG = Pattern.compile("^v?\\d+\\.\\d+\\.\\d+$");

    private boolean production() {
        return objects.stream().anyMatch(o -> "production".equals(Yaml.text(o, "metadata", "labels", "pakn.noivu.gov.vn/environment")));
    }

    private void hardening() {
        boolean production = production();
        for (ObjectNode ns : kind("Namespace")) {
            if (!"restricted".equals(Yaml.text(ns, "metadata", "labels", "pod-security.kubernetes.io/enforce"))) {
                problem("Namespace " + name(ns), "pod-security.kubernetes.io/enforce must be restricted");
            }
        }
        Map<String, ObjectNode> claims = new HashMap<>();
        for (ObjectNode pvc : kind("PersistentVolumeClaim")) {
            claims.put(name(pvc), pvc);
            if (Yaml.at(pvc, "spec", "accessModes") != null && Yaml.at(pvc, "spec", "accessModes").toString().contains("ReadWriteMany")
                    && Yaml.text(pvc, "spec", "storageClassName") == null) {
                problem("PersistentVolumeClaim " + name(pvc), "a ReadWriteMany claim needs an explicit storageClassName");
            }
        }
        for (ObjectNode d : kind("Deployment")) {
            String where = "Deployment " + name(d);
            JsonNode pod = Yaml.at(d, "spec", "template", "spec");
            JsonNode psc = pod.path("securityContext");
            for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
                if (pod.path(host).asBoolean(false)) {
                    problem(where, host + " is not allowed (Pod Security restricted)");
                }
            }
            for (JsonNode v : Yaml.each(pod.get("volumes"))) {
                Set<String> keys = new TreeSet<>();
                v.fieldNames().forEachRemaining(keys::add);
                keys.remove("name");
                if (!RESTRICTED_VOLUMES.containsAll(keys)) {
                    problem(where, "volume " + v.path("name").asText() + " of type " + keys + " is not allowed (Pod Security restricted)");
                }
                String claim = Yaml.text(v, "persistentVolumeClaim", "claimName");
                ObjectNode pvc = claim == null ? null : claims.get(claim);
                if (pvc != null && Yaml.at(pvc, "spec", "accessModes").toString().contains("ReadWriteOnce")) {
                    JsonNode strategy = Yaml.at(d, "spec", "strategy");
                    boolean recreate = strategy != null && strategy.path("type").asText().equals("Recreate");
                    boolean noSurge = strategy != null && strategy.path("rollingUpdate").path("maxSurge").asText("").matches("0%?");
                    if (!recreate && !noSurge) {
                        problem(where, "mounts the ReadWriteOnce claim " + claim + " but rolls out with a surge pod "
                                + "(Multi-Attach): use strategy Recreate or maxSurge 0");
                    }
                }
            }
            List<JsonNode> containers = new ArrayList<>();
            Yaml.each(pod.get("initContainers")).forEach(containers::add);
            Yaml.each(pod.get("containers")).forEach(containers::add);
            for (JsonNode c : containers) {
                String cw = where + " container " + c.path("name").asText();
                JsonNode csc = c.path("securityContext");
                if (!csc.path("runAsNonRoot").asBoolean(psc.path("runAsNonRoot").asBoolean(false))) {
                    problem(cw, "runAsNonRoot must be true (Pod Security restricted)");
                }
                String seccomp = csc.path("seccompProfile").path("type").asText(psc.path("seccompProfile").path("type").asText(""));
                if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
                    problem(cw, "seccompProfile must be RuntimeDefault or Localhost (Pod Security restricted)");
                }
                if (csc.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problem(cw, "allowPrivilegeEscalation must be false (Pod Security restricted)");
                }
                if (!csc.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
                    problem(cw, "capabilities must drop ALL (Pod Security restricted)");
                }
                for (JsonNode add : Yaml.each(csc.path("capabilities").get("add"))) {
                    if (!add.asText().equals("NET_BIND_SERVICE")) {
                        problem(cw, "capability " + add.asText() + " is not allowed (Pod Security restricted)");
                    }
                }
                if (csc.path("privileged").asBoolean(false)) {
                    problem(cw, "privileged is not allowed");
                }
                image(cw, c, production);
            }
            if (production) {
                boolean hardSpread = false;
                for (JsonNode t : Yaml.each(pod.get("topologySpreadConstraints"))) {
                    hardSpread |= t.path("topologyKey").asText().equals("kubernetes.io/hostname")
                            && t.path("whenUnsatisfiable").asText().equals("DoNotSchedule");
                }
                boolean antiAffinity = pod.path("affinity").path("podAntiAffinity").has("requiredDuringSchedulingIgnoredDuringExecution");
                if (!hardSpread && !antiAffinity) {
                    problem(where, "replicas may share a node: spread over kubernetes.io/hostname with DoNotSchedule "
                            + "(or a required pod anti-affinity)");
                }
            }
        }
        for (ObjectNode p : kind("NetworkPolicy")) {
            for (String dir : List.of("ingress", "egress")) {
                for (JsonNode rule : Yaml.each(Yaml.at(p, "spec", dir))) {
                    for (JsonNode peer : Yaml.each(rule.get(dir.equals("ingress") ? "from" : "to"))) {
                        String cidr = Yaml.text(peer, "ipBlock", "cidr");
                        if (cidr != null && cidr.endsWith("/0")) {
                            problem("NetworkPolicy " + name(p), dir + " to/from " + cidr + " (anywhere): name the addresses needed");
                        }
                    }
                }
            }
        }
        if (!production) {
            return;
        }
        for (ObjectNode k : kind("Kafka")) {
            if (Yaml.text(k, "spec", "kafka", "rack", "topologyKey") == null) {
                problem("Kafka " + name(k), "no rack awareness (spec.kafka.rack.topologyKey)");
            }
        }
        for (ObjectNode pool : kind("KafkaNodePool")) {
            if (Yaml.at(pool, "spec", "template", "pod", "affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution") == null) {
                problem("KafkaNodePool " + name(pool), "no required pod anti-affinity: two nodes of the pool may share a Kubernetes node");
            }
        }
        for (ObjectNode e : kind("Elasticsearch")) {
            for (JsonNode ns : Yaml.each(Yaml.at(e, "spec", "nodeSets"))) {
                if (Yaml.at(ns, "podTemplate", "spec", "affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution") == null) {
                    problem("Elasticsearch " + name(e), "nodeSet " + ns.path("name").asText() + " has no required pod anti-affinity");
                }
            }
        }
        for (ObjectNode c : kind("Cluster")) {
            if (!"required".equals(Yaml.text(c, "spec", "affinity", "podAntiAffinityType"))) {
                problem("Cluster " + name(c), "podAntiAffinityType must be required");
            }
            if (Yaml.at(c, "spec", "postgresql", "synchronous") == null
                    || Yaml.at(c, "spec", "postgresql", "synchronous").path("number").asInt(0) < 1) {
                problem("Cluster " + name(c), "no synchronous replica (spec.postgresql.synchronous.number >= 1)");
            }
        }
    }

    /** Mutable tags are pulled every time; production runs a digest or a release tag only. */
    private void image(String where, JsonNode c, boolean production) {
        String image = c.path("image").asText();
        String ref = image.substring(image.lastIndexOf('/') + 1);
        boolean digest = ref.contains("@sha256:");
        String tag = ref.contains(":") && !digest ? ref.substring(ref.indexOf(':') + 1)
                : ref.contains(":") ? ref.substring(ref.indexOf(':') + 1, ref.indexOf('@')) : null;
        boolean mutable = !digest && (tag == null || tag.equals("latest") || tag.endsWith("SNAPSHOT") || !RELEASE_TAG.matcher(tag).matches());
        if (mutable && !c.path("imagePullPolicy").asText("").equals("Always")) {
            problem(where, "image " + image + " has a mutable tag: imagePullPolicy must be Always (is "
                    + c.path("imagePullPolicy").asText("unset") + ")");
        }
        if (production && mutable) {
            problem(where, "production image " + image + " is not pinned (a digest or a release tag x.y.z)");
        }
    }

    // ---- services and Gateway ------------------------------------------------------------------------------------

    private void services() {
        for (ObjectNode s : kind("Service")) {
            Map<String, String> sel = map(Yaml.at(s, "spec", "selector"));
            if (podFor(sel) == null) {
                problem("Service " + name(s), "selector " + sel + " matches no Deployment's pods");
            }
        }
    }

    /** Served paths deliberately not published on the host (none today; add "service /path" with the reason). */
    static final Set<String> NOT_PUBLISHED = Set.of();

    /** Namespace of the Gateway implementation's proxies (Envoy Gateway), admitted by the NetworkPolicies. */
    static final String GATEWAY_NAMESPACE = "envoy-gateway-system";

    private void gateway() {
        List<ObjectNode> gateways = kind("Gateway");
        if (gateways.size() != 1) {
            problem("Gateway", "expected one Gateway for the one public host, found " + gateways.size());
        }
        Set<String> gatewayHosts = new TreeSet<>();
        for (ObjectNode g : gateways) {
            String where = "Gateway " + name(g);
            boolean https = false;
            for (JsonNode l : Yaml.each(Yaml.at(g, "spec", "listeners"))) {
                gatewayHosts.add(l.path("hostname").asText());
                if (l.path("protocol").asText().equals("HTTPS")) {
                    https = true;
                    if (!Yaml.at(l, "tls") .path("mode").asText("Terminate").equals("Terminate")) {
                        problem(where, "listener " + l.path("name").asText() + " must terminate TLS");
                    }
                    for (JsonNode c : Yaml.each(Yaml.at(l, "tls", "certificateRefs"))) {
                        secretRef(where, c.path("name").asText());
                    }
                } else if (l.path("protocol").asText().equals("HTTP")) {
                    // plain HTTP only redirects
                    for (ObjectNode r : kind("HTTPRoute")) {
                        for (JsonNode ref : Yaml.each(Yaml.at(r, "spec", "parentRefs"))) {
                            if (ref.path("sectionName").asText().equals(l.path("name").asText())) {
                                for (JsonNode rule : Yaml.each(Yaml.at(r, "spec", "rules"))) {
                                    if (rule.get("backendRefs") != null && !rule.get("backendRefs").isEmpty()) {
                                        problem("HTTPRoute " + name(r), "serves a backend on the plain-HTTP listener "
                                                + l.path("name").asText() + " (it must only redirect to https)");
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if (!https) {
                problem(where, "no HTTPS listener");
            }
        }
        if (gatewayHosts.size() > 1) {
            problem("Gateway", "the listeners serve several hosts " + gatewayHosts + "; PAKN has one public host");
        }
        for (ObjectNode r : kind("HTTPRoute")) {
            String where = "HTTPRoute " + name(r);
            for (JsonNode ref : Yaml.each(Yaml.at(r, "spec", "parentRefs"))) {
                if (find("Gateway", ref.path("name").asText()) == null) {
                    problem(where, "parent Gateway " + ref.path("name").asText() + " does not exist");
                }
            }
            for (JsonNode h : Yaml.each(Yaml.at(r, "spec", "hostnames"))) {
                if (!gatewayHosts.contains(h.asText())) {
                    problem(where, "hostname " + h.asText() + " is not a Gateway listener's " + gatewayHosts);
                }
            }
        }
        List<Routes.Route> routes = Routes.of(objects);
        Set<String> hosts = new TreeSet<>();
        routes.forEach(r -> hosts.add(r.host()));
        Map<String, Routes.Route> byExternal = new LinkedHashMap<>();
        for (Routes.Route r : routes) {
            String where = "HTTPRoute " + r.route();
            if (r.problem() != null) {
                problem(where, r.problem());
            }
            Target t = targets.get(r.backend());
            if (t == null) {
                problem(where, "backend " + r.backend() + " for " + r.path() + " does not exist");
                continue;
            }
            if (!t.operator() || "Keycloak".equals(t.operatorKind())) {
                String why = backendTls(r.backend());
                if (why != null) {
                    problem(where, "backend " + r.backend() + " " + why);
                }
            }
            Integer svcPort = r.port();
            if (svcPort == null || !t.ports().containsKey(svcPort)) {
                problem(where, "backend " + r.backend() + " has no port " + svcPort);
            } else if (!ingressAllowed(t.podLabels(), null, GATEWAY_NAMESPACE, t.ports().get(svcPort))) {
                problem(where, "no NetworkPolicy admits the Gateway's proxies into " + r.backend());
            }
            for (Routes.Route o : byExternal.values()) {
                if (!o.backend().equals(r.backend()) && (segmentPrefix(o.external(), r.external())
                        || segmentPrefix(r.external(), o.external()))) {
                    problem(where, "paths " + o.external() + " (" + o.backend() + ") and " + r.external() + " ("
                            + r.backend() + ") overlap");
                }
            }
            byExternal.put(r.external(), r);
            if (r.external().equals("/q") || r.external().startsWith("/q/") || r.forwarded().startsWith("/q/")
                    || r.forwarded().equals("/q") || r.external().equals("/")) {
                problem(where, r.path() + " exposes Quarkus' management endpoints");
            }
            // a routed prefix must reach something the service serves (its @Path annotations, read from the sources)
            if (ServiceConfig.SERVICES.contains(r.backend())) {
                List<String> served = ServedPaths.of(repo, r.backend());
                if (!ServedPaths.servesPrefix(served, r.forwarded())) {
                    problem(where, r.external() + " is forwarded to " + r.backend() + " as " + r.forwarded()
                            + ", which it does not serve (its @Path prefixes: " + roots(served) + ")");
                }
            }
        }
        // and everything a service serves is published, each under its own service's routes
        for (String svc : ServiceConfig.SERVICES) {
            if (find("Deployment", svc) == null) {
                continue;
            }
            for (String path : ServedPaths.of(repo, svc)) {
                boolean reached = routes.stream().anyMatch(r -> r.backend() != null && r.backend().equals(svc)
                        && ServedPaths.servesPrefix(List.of(path), r.forwarded()));
                if (!reached && !NOT_PUBLISHED.contains(svc + " " + path)) {
                    problem("HTTPRoute", svc + " serves " + path + " but no HTTPRoute reaches it");
                }
            }
        }
        // Keycloak's public URL (its hostname, the tokens' issuer prefix) is on this host
        for (ObjectNode kc : kind("Keycloak")) {
            String kcHost = Yaml.text(kc, "spec", "hostname", "hostname");
            if (kcHost != null && !hosts.contains(publicHost(kcHost))) {
                problem("Keycloak " + name(kc), "hostname " + kcHost + " is not served by the HTTPRoutes " + hosts);
            }
        }
    }

    /**
     * Null when a BackendTLSPolicy makes the Gateway verify the Service's certificate (a CA and the Service's DNS name,
     * which the platform's certificates carry), else why the Gateway would speak plain HTTP or trust anything.
     */
    private String backendTls(String service) {
        for (ObjectNode p : kind("BackendTLSPolicy")) {
            for (JsonNode ref : Yaml.each(Yaml.at(p, "spec", "targetRefs"))) {
                if (!ref.path("kind").asText().equals("Service") || !ref.path("name").asText().equals(service)) {
                    continue;
                }
                JsonNode v = Yaml.at(p, "spec", "validation");
                String host = v == null ? "" : v.path("hostname").asText();
                if (v == null || (v.path("caCertificateRefs").size() == 0
                        && !v.path("wellKnownCACertificates").asText().equals("System"))) {
                    return "has BackendTLSPolicy " + name(p) + " without CA certificates";
                }
                if (!host.equals(service) && !host.startsWith(service + ".")) {
                    return "has BackendTLSPolicy " + name(p) + " for hostname " + host + ", not its Service name";
                }
                return null;
            }
        }
        return "is reached over plain HTTP: no BackendTLSPolicy targets Service " + service;
    }

    /** Prometheus scrapes the services over HTTPS and verifies each certificate for its Service's name. */
    private void serviceMonitors() {
        Set<String> scraped = new TreeSet<>();
        for (ObjectNode m : kind("ServiceMonitor")) {
            String where = "ServiceMonitor " + name(m);
            JsonNode sel = Yaml.at(m, "spec", "selector");
            Map<String, String> labels = map(sel == null ? null : sel.get("matchLabels"));
            for (String svc : ServiceConfig.SERVICES) {
                ObjectNode service = find("Service", svc);
                if (service == null || labels.isEmpty() || !matches(labels, map(Yaml.at(service, "metadata", "labels")))) {
                    if (service != null && sel != null && sel.has("matchExpressions")
                            && sel.toString().contains("\"" + svc + "\"")) {
                        problem(where, "selects " + svc + " among others: one ServiceMonitor per service, so that "
                                + "tlsConfig.serverName can name it");
                    }
                    continue;
                }
                scraped.add(svc);
                for (JsonNode e : Yaml.each(Yaml.at(m, "spec", "endpoints"))) {
                    if (!e.path("scheme").asText().equalsIgnoreCase("https")) {
                        problem(where, "scrapes " + svc + " with scheme " + e.path("scheme").asText("http")
                                + ": the service serves HTTPS only");
                    }
                    JsonNode tls = e.get("tlsConfig");
                    if (tls == null || tls.path("insecureSkipVerify").asBoolean(false) || !tls.has("ca")) {
                        problem(where, "must verify " + svc + "'s certificate (tlsConfig.ca, no insecureSkipVerify)");
                    } else if (!tls.path("serverName").asText().equals(svc)) {
                        problem(where, "tlsConfig.serverName is " + tls.path("serverName").asText() + ", not " + svc);
                    }
                    if (!targets.get(svc).namedPorts().containsKey(e.path("port").asText())) {
                        problem(where, "port " + e.path("port").asText() + " is not a named port of Service " + svc);
                    }
                }
            }
        }
        for (String svc : ServiceConfig.SERVICES) {
            if (find("Service", svc) != null && !scraped.contains(svc)) {
                problem("ServiceMonitor", "no ServiceMonitor selects " + svc);
            }
        }
    }

    /** The host of a Keycloak hostname option: a URL (https://host/auth) or a bare host name. */
    static String publicHost(String hostname) {
        return hostname.contains("://") ? URI.create(hostname).getHost() : hostname;
    }

    private static Set<String> roots(List<String> served) {
        Set<String> out = new TreeSet<>();
        for (String s : served) {
            String[] seg = ServedPaths.segments(s);
            int n = seg.length > 0 && seg[0].equals("api") ? Math.min(3, seg.length) : Math.min(1, seg.length);
            out.add("/" + String.join("/", java.util.Arrays.copyOf(seg, n)));
        }
        return out;
    }

    static boolean segmentPrefix(String prefix, String path) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return path.equals(p) || path.startsWith(p + "/");
    }

    // ---- Kafka ---------------------------------------------------------------------------------------------------

    private void kafka() {
        Map<String, Integer> topics = Topics.read(repo);
        Set<String> declared = new TreeSet<>();
        int brokers = 0;
        for (ObjectNode pool : kind("KafkaNodePool")) {
            if (pool.path("spec").path("roles").toString().contains("broker")) {
                brokers += Yaml.at(pool, "spec", "replicas").asInt();
            }
        }
        for (ObjectNode t : kind("KafkaTopic")) {
            String topic = Yaml.text(t, "spec", "topicName") != null ? Yaml.text(t, "spec", "topicName") : name(t);
            declared.add(topic);
            String where = "KafkaTopic " + name(t);
            Integer parts = topics.get(topic);
            if (parts == null) {
                problem(where, "topic " + topic + " is not in Topics.java");
            } else if (Yaml.at(t, "spec", "partitions").asInt() != parts) {
                problem(where, "partitions " + Yaml.at(t, "spec", "partitions").asInt() + " but Topics.java says " + parts);
            }
            int replicas = Yaml.at(t, "spec", "replicas").asInt();
            if (replicas != expect.topicReplicas()) {
                problem(where, "replicas " + replicas + ", expected " + expect.topicReplicas() + " in this overlay");
            }
            if (replicas > brokers) {
                problem(where, "replicas " + replicas + " > " + brokers + " brokers");
            }
            int isr = Yaml.at(t, "spec", "config").path("min.insync.replicas").asInt(-1);
            if (isr != expect.minInsyncReplicas()) {
                problem(where, "min.insync.replicas " + isr + ", expected " + expect.minInsyncReplicas());
            }
            if (!kind("Kafka").stream().map(Consistency::name).toList()
                    .contains(Yaml.text(t, "metadata", "labels", "strimzi.io/cluster"))) {
                problem(where, "label strimzi.io/cluster names no Kafka cluster of the overlay");
            }
        }
        for (String t : topics.keySet()) {
            if (!declared.contains(t)) {
                problem("Kafka", "no KafkaTopic for " + t + " (Topics.java)");
            }
        }
        for (ObjectNode k : kind("Kafka")) {
            JsonNode cfg = Yaml.at(k, "spec", "kafka", "config");
            for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor",
                    "transaction.state.log.replication.factor")) {
                if (cfg == null || cfg.path(key).asInt(-1) != expect.topicReplicas()) {
                    problem("Kafka " + name(k), key + " must be " + expect.topicReplicas());
                }
            }
        }
        // one KafkaUser per service: writes only its own topics, reads exactly what it consumes
        for (String svc : ServiceConfig.SERVICES) {
            ObjectNode u = find("KafkaUser", svc);
            if (u == null) {
                problem("Kafka", "no KafkaUser for " + svc);
                continue;
            }
            String where = "KafkaUser " + svc;
            String own = "pakn." + svc.substring(0, svc.indexOf('-')) + ".";
            Set<String> reads = new TreeSet<>();
            for (JsonNode acl : Yaml.each(Yaml.at(u, "spec", "authorization", "acls"))) {
                String type = Yaml.text(acl, "resource", "type");
                String res = Yaml.text(acl, "resource", "name");
                Set<String> ops = new HashSet<>();
                Yaml.each(acl.get("operations")).forEach(o -> ops.add(o.asText()));
                if ("topic".equals(type)) {
                    if (!"literal".equals(Yaml.text(acl, "resource", "patternType"))) {
                        problem(where, "topic ACLs must be literal, not " + Yaml.text(acl, "resource", "patternType"));
                    }
                    if ((ops.contains("Write") || ops.contains("All")) && !res.startsWith(own)) {
                        problem(where, "may write " + res + ", which is not its own topic");
                    }
                    if (ops.contains("Read") || ops.contains("All")) {
                        reads.add(res);
                    }
                    if (!topics.containsKey(res)) {
                        problem(where, "ACL on unknown topic " + res);
                    }
                } else if ("group".equals(type)) {
                    if (!res.startsWith(svc)) {
                        problem(where, "group ACL " + res + " is not its own consumer group");
                    }
                } else {
                    problem(where, "unexpected ACL resource type " + type);
                }
            }
            if (!reads.equals(new TreeSet<>(CONSUMES.get(svc)))) {
                problem(where, "reads " + reads + " but consumes " + new TreeSet<>(CONSUMES.get(svc)));
            }
            String jaas = "";
            ObjectNode d = find("Deployment", svc);
            if (d != null) {
                for (JsonNode e : Yaml.each(Yaml.at(d, "spec", "template", "spec", "containers").get(0).get("env"))) {
                    if (e.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG")) {
                        jaas = Yaml.text(e, "valueFrom", "secretKeyRef", "name");
                    }
                }
                if (!svc.equals(jaas)) {
                    problem("Deployment " + svc, "KAFKA_SASL_JAAS_CONFIG must come from the KafkaUser Secret " + svc);
                }
            }
        }
    }

    // ---- Postgres and Keycloak -----------------------------------------------------------------------------------

    private void postgres() {
        Map<String, String> owners = new HashMap<>();
        for (ObjectNode db : kind("Database")) {
            owners.put(Yaml.text(db, "spec", "name"), Yaml.text(db, "spec", "owner"));
            if (find("Cluster", Yaml.text(db, "spec", "cluster", "name")) == null) {
                problem("Database " + name(db), "cluster " + Yaml.text(db, "spec", "cluster", "name") + " does not exist");
            }
        }
        Map<String, String> roleSecret = new HashMap<>();
        for (ObjectNode c : kind("Cluster")) {
            for (JsonNode r : Yaml.each(Yaml.at(c, "spec", "managed", "roles"))) {
                roleSecret.put(r.path("name").asText(), Yaml.text(r, "passwordSecret", "name"));
            }
        }
        for (String svc : DATABASES.keySet()) {
            ObjectNode d = find("Deployment", svc);
            if (d == null) {
                continue;
            }
            Env env = env(d, Yaml.at(d, "spec", "template", "spec", "containers").get(0));
            String url = env.values().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "");
            Matcher m = Pattern.compile("jdbc:postgresql://[^/]+/([^?]+)").matcher(url);
            if (!m.find()) {
                problem("Deployment " + svc, "QUARKUS_DATASOURCE_JDBC_URL is not a PostgreSQL URL: " + url);
                continue;
            }
            String db = m.group(1);
            if (!db.equals(DATABASES.get(svc))) {
                problem("Deployment " + svc, "uses database " + db + ": each service has its own database");
            }
            String owner = owners.get(db);
            if (owner == null) {
                problem("Deployment " + svc, "database " + db + " has no Database resource");
                continue;
            }
            String user = null;
            for (JsonNode e : Yaml.each(Yaml.at(d, "spec", "template", "spec", "containers").get(0).get("env"))) {
                if (e.path("name").asText().equals("QUARKUS_DATASOURCE_USERNAME")) {
                    user = Yaml.text(e, "valueFrom", "secretKeyRef", "name");
                }
            }
            if (user == null || !user.equals(roleSecret.get(owner))) {
                problem("Deployment " + svc, "database credentials come from " + user + ", not the Secret of role "
                        + owner + " (" + roleSecret.get(owner) + ")");
            }
        }
    }

    /** Connections at full scale (pool size x maximum replicas) fit the role limits and max_connections. */
    private void connectionBudget() {
        for (ObjectNode c : kind("Cluster")) {
            int max = Integer.parseInt(Yaml.at(c, "spec", "postgresql", "parameters").path("max_connections").asText("100"));
            Map<String, Integer> limit = new HashMap<>();
            for (JsonNode r : Yaml.each(Yaml.at(c, "spec", "managed", "roles"))) {
                limit.put(r.path("name").asText(), r.path("connectionLimit").asInt(-1));
            }
            int total = 0;
            for (String svc : DATABASES.keySet()) {
                ObjectNode d = find("Deployment", svc);
                if (d == null) {
                    continue;
                }
                Env env = env(d, Yaml.at(d, "spec", "template", "spec", "containers").get(0));
                int pool = Integer.parseInt(env.values().getOrDefault("QUARKUS_DATASOURCE_JDBC_MAX_SIZE",
                        ServiceConfig.load(repo, svc).properties().getOrDefault("quarkus.datasource.jdbc.max-size", "20")));
                int replicas = maxReplicas(d);
                int need = pool * replicas;
                total += need;
                String role = svc.substring(0, svc.indexOf('-'));
                if (limit.getOrDefault(role, -1) >= 0 && need > limit.get(role)) {
                    problem("Cluster " + name(c), "role " + role + " connectionLimit " + limit.get(role) + " < " + pool
                            + " connections x " + replicas + " replicas of " + svc);
                }
            }
            for (ObjectNode kc : kind("Keycloak")) {
                int pool = Yaml.at(kc, "spec", "db").path("poolMaxSize").asInt(100);
                total += pool * Yaml.at(kc, "spec").path("instances").asInt(1);
            }
            if (total > max - 10) {
                problem("Cluster " + name(c), "max_connections " + max + " leaves too little room for " + total
                        + " pooled connections at full scale (+ 10 reserved); add a Pooler or raise it");
            }
        }
    }

    private int maxReplicas(ObjectNode d) {
        for (ObjectNode h : kind("HorizontalPodAutoscaler")) {
            if (name(d).equals(Yaml.text(h, "spec", "scaleTargetRef", "name"))) {
                return Yaml.at(h, "spec", "maxReplicas").asInt();
            }
        }
        return Yaml.at(d, "spec").path("replicas").asInt(1);
    }

    private void keycloak() {
        List<ObjectNode> imports = kind("KeycloakRealmImport");
        if (imports.size() != 1) {
            problem("KeycloakRealmImport", "expected the one realm import of realm pakn, found " + imports.size());
        }
        JsonNode repoRealm = RealmCopy.repositoryRealm(repo);
        for (ObjectNode ri : imports) {
            String where = "KeycloakRealmImport " + name(ri);
            ObjectNode kc = find("Keycloak", Yaml.text(ri, "spec", "keycloakCRName"));
            if (kc == null) {
                problem(where, "keycloakCRName names no Keycloak");
            }
            JsonNode realmNode = Yaml.at(ri, "spec", "realm");
            Set<String> roles = new TreeSet<>();
            Yaml.each(Yaml.at(ri, "spec", "realm", "roles", "realm")).forEach(r -> roles.add(r.path("name").asText()));
            Set<String> expected = Topics.roles(repo);
            if (!roles.containsAll(expected)) {
                problem(where, "realm roles " + roles + " lack some of Identity.ROLES " + expected);
            }
            // the same realm as the repository's (local-stack/keycloak-dist/src/main/realm/pakn-realm.json)
            RealmCopy.differences(realmNode, repoRealm).forEach(d -> problem(where, d));
            // client secrets only through placeholders backed by Secrets
            JsonNode placeholders = Yaml.at(ri, "spec", "placeholders");
            for (JsonNode client : Yaml.each(realmNode == null ? null : realmNode.get("clients"))) {
                if (client.has("secret")) {
                    Matcher m = Pattern.compile("^\\$\\{(\\w+)}$").matcher(client.path("secret").asText());
                    if (!m.find()) {
                        problem(where, "client " + client.path("clientId").asText() + " has a committed secret; use a "
                                + "placeholder ${NAME} and spec.placeholders.NAME.secret");
                    } else if (placeholders == null || Yaml.at(placeholders, m.group(1), "secret", "name") == null) {
                        problem(where, "placeholder ${" + m.group(1) + "} of client " + client.path("clientId").asText()
                                + " has no spec.placeholders entry with a Secret");
                    }
                }
            }
            String realm = Yaml.text(ri, "spec", "realm", "realm");
            Set<String> hosts = new TreeSet<>();
            Routes.of(objects).forEach(r -> hosts.add(r.host()));
            for (JsonNode client : Yaml.each(realmNode == null ? null : realmNode.get("clients"))) {
                Set<String> uris = new LinkedHashSet<>(RealmCopy.redirectUris(client));
                uris.addAll(RealmCopy.postLogoutRedirectUris(client));
                for (String uri : uris) {
                    String host = URI.create(uri.replace("*", "x")).getHost();
                    if (!hosts.contains(host) || !uri.startsWith("https://")) {
                        problem(where, "redirect URI " + uri + " of client " + client.path("clientId").asText()
                                + " is not an https URI on the Gateway's host " + hosts);
                    }
                }
            }
            Map<String, Set<String>> claims = RealmCopy.claimsByClient(realmNode);
            Set<String> audiences = RealmCopy.audiences(realmNode);
            for (String svc : ServiceConfig.SERVICES) {
                ObjectNode d = find("Deployment", svc);
                if (d == null) {
                    continue;
                }
                ServiceConfig cfg = ServiceConfig.load(repo, svc);
                JsonNode container = Yaml.at(d, "spec", "template", "spec", "containers").get(0);
                Env env = env(d, container);
                // the claims the service reads (scopes, and each tenant's roles and principal) are in every client's tokens
                Set<String> needed = new TreeSet<>(Topics.claims(repo));
                for (ServiceConfig.OidcTenant t : cfg.oidcTenants()) {
                    String roleClaim = effective(env, cfg, t.property("roles.role-claim-path"));
                    needed.add(roleClaim == null ? "groups" : roleClaim.replace("\"", "").split("/")[0]);
                    String principal = effective(env, cfg, t.property("token.principal-claim"));
                    needed.add(principal == null ? "upn" : principal);
                    if (kc != null) {
                        oidcTenant(svc, d, container, env, cfg, t, kc, ri, realmNode, audiences, hosts);
                    }
                }
                if (cfg.oidcTenants().isEmpty()) {
                    problem("Deployment " + svc, svc + "'s application.properties configures no quarkus-oidc tenant");
                }
                claims.forEach((client, has) -> {
                    if (!has.containsAll(needed)) {
                        Set<String> missing = new TreeSet<>(needed);
                        missing.removeAll(has);
                        problem(where, "client " + client + " issues tokens without the claims " + missing + " that " + svc + " reads");
                    }
                });
            }
        }
        for (ObjectNode kc : kind("Keycloak")) {
            String where = "Keycloak " + name(kc);
            JsonNode hostname = Yaml.at(kc, "spec", "hostname");
            if (hostname == null || Yaml.text(hostname, "hostname") == null) {
                problem(where, "spec.hostname.hostname is not set: the tokens' issuer and the login pages would follow "
                        + "whatever URL a request came on");
            } else if (!hostname.path("backchannelDynamic").asBoolean(false)) {
                problem(where, "spec.hostname.backchannelDynamic must be true: the services talk to Keycloak in-cluster "
                        + "(" + inClusterUrl(kc) + "), and without it discovery sends them to the public host for the "
                        + "token, keys and introspection endpoints");
            }
        }
    }

    /** The relative path Keycloak is served under (http-relative-path, "" when not set). */
    private static String relativePath(ObjectNode kc) {
        String relative = "";
        for (JsonNode o : Yaml.each(Yaml.at(kc, "spec", "additionalOptions"))) {
            if (o.path("name").asText().equals("http-relative-path")) {
                relative = o.path("value").asText().replaceAll("/$", "");
            }
        }
        return relative;
    }

    /** Keycloak's base URL inside the cluster: the operator's Service {name}-service, HTTP when enabled. */
    private static String inClusterUrl(ObjectNode kc) {
        JsonNode http = Yaml.at(kc, "spec", "http");
        return (http != null && http.path("httpEnabled").asBoolean(false)
                ? "http://" + name(kc) + "-service:" + http.path("httpPort").asInt(8080)
                : "https://" + name(kc) + "-service:" + (http == null ? 8443 : http.path("httpsPort").asInt(8443)))
                + relativePath(kc);
    }

    /** Keycloak's public base URL: spec.hostname.hostname (a URL, or a bare host served over https), or null. */
    private static String publicUrl(ObjectNode kc) {
        String h = Yaml.text(kc, "spec", "hostname", "hostname");
        if (h == null) {
            return null;
        }
        return h.contains("://") ? h.replaceAll("/$", "") : "https://" + h + relativePath(kc);
    }

    private static String withoutTrailingSlash(String url) {
        return url == null ? null : url.replaceAll("/+$", "");
    }

    /**
     * One quarkus-oidc tenant of a service against the Keycloak of the overlay: it discovers the provider in-cluster,
     * expects the realm's public issuer, and (bearer tokens) an audience every client adds, or (pages) signs in with a
     * client of the realm whose secret comes from the same Secret the realm import uses, returning over https to
     * redirect URIs the client allows.
     */
    private void oidcTenant(String svc, ObjectNode d, JsonNode container, Env env, ServiceConfig cfg,
                            ServiceConfig.OidcTenant t, ObjectNode kc, ObjectNode ri, JsonNode realmNode,
                            Set<String> audiences, Set<String> hosts) {
        String dw = "Deployment " + svc;
        String realm = Yaml.text(ri, "spec", "realm", "realm");
        String label = t.label();
        if ("false".equalsIgnoreCase(effective(env, cfg, t.property("tenant-enabled")))) {
            return;
        }
        // provider: in-cluster URL of the realm (the back channel never leaves the cluster)
        String inCluster = inClusterUrl(kc) + "/realms/" + realm;
        String urlVar = t.env("auth-server-url");
        String url = env.values().get(urlVar);
        if (url == null) {
            problem(dw, urlVar + " is not set: " + label + " of " + svc + " must reach realm " + realm
                    + " in-cluster at " + inCluster);
        } else if (!inCluster.equals(withoutTrailingSlash(url))) {
            problem(dw, urlVar + " " + url + " is not the in-cluster URL of realm " + realm + " of Keycloak " + name(kc)
                    + ": " + inCluster);
        }
        // issuer: the tokens carry the public one (Keycloak's hostname), not the URL the service discovers it at
        String publicUrl = publicUrl(kc);
        if (publicUrl != null) {
            String issuer = publicUrl + "/realms/" + realm;
            String issVar = t.env("token.issuer");
            String iss = effective(env, cfg, t.property("token.issuer"));
            if (iss == null) {
                problem(dw, issVar + " is not set: " + label + " would expect the issuer of the in-cluster URL, but tokens "
                        + "carry the realm's public issuer " + issuer);
            } else if (!issuer.equals(iss)) {
                problem(dw, issVar + " " + iss + " is not the realm's public issuer " + issuer
                        + " (the tokens' iss: Keycloak hostname + /realms/" + realm + ")");
            }
        }
        String type = effective(env, cfg, t.property("application-type"));
        type = type == null ? "service" : type.strip().toLowerCase();
        if (type.equals("service") || type.equals("hybrid")) {
            String key = t.property("token.audience");
            String aud = effective(env, cfg, key);
            if (aud == null || aud.isBlank()) {
                problem(dw, key + " is not set (" + label + "): bearer tokens issued to any client of realm " + realm
                        + " would be accepted; the realm's clients add audience " + audiences);
            } else {
                for (String a : aud.split(",")) {
                    if (!audiences.contains(a.strip())) {
                        problem(dw, "audience " + a.strip() + " (" + key + ") is not an audience every client of realm "
                                + realm + " adds to its tokens " + audiences);
                    }
                }
            }
        }
        if (!type.equals("web-app") && !type.equals("hybrid")) {
            return;
        }
        String clientId = effective(env, cfg, t.property("client-id"));
        JsonNode client = RealmCopy.client(realmNode, clientId);
        String rw = "KeycloakRealmImport " + name(ri);
        if (client == null) {
            problem(dw, label + " signs users in with client " + clientId + ", which realm " + realm + " does not have");
            return;
        }
        if (client.path("publicClient").asBoolean(false) || !client.path("standardFlowEnabled").asBoolean(true)) {
            problem(rw, "client " + clientId + " must be confidential with the standard flow enabled: " + label + " of "
                    + svc + " signs users in with its secret through the authorization code flow");
        }
        // the client secret: from the Secret the realm import gives the client, never a literal
        String secVar = t.env("credentials.secret");
        JsonNode entry = envEntry(container, secVar);
        JsonNode ref = entry == null ? null : Yaml.at(entry, "valueFrom", "secretKeyRef");
        String[] expected = RealmCopy.secretOf(Yaml.at(ri, "spec"), client);
        if (env.values().containsKey(secVar)) {
            problem(dw, secVar + " is a literal value: the secret of client " + clientId + " must come from "
                    + "env[].valueFrom.secretKeyRef" + (expected == null ? "" : " (Secret " + expected[0] + ", key " + expected[1] + ")"));
        } else if (ref == null) {
            problem(dw, secVar + " is not set from a Secret: " + label + " would use the local realm's secret of "
                    + "application.properties" + (expected == null ? "" : "; use secretKeyRef " + expected[0] + "/" + expected[1]));
        } else if (expected != null && !(expected[0].equals(ref.path("name").asText()) && expected[1].equals(ref.path("key").asText()))) {
            problem(dw, secVar + " comes from Secret " + ref.path("name").asText() + " key " + ref.path("key").asText()
                    + ", not the Secret the realm import gives client " + clientId + " (" + expected[0] + " key " + expected[1] + ")");
        }
        // Public TLS ends at the Gateway: redirect_uri must be https, the session cookies Secure
        Map<String, String> https = new LinkedHashMap<>();
        https.put("authentication.force-redirect-https-scheme", "the redirect_uri would be http://, which the client does not allow");
        https.put("authentication.cookie-force-secure", "the session and state cookies would not be Secure");
        https.forEach((key, why) -> {
            if (!"true".equalsIgnoreCase(String.valueOf(effective(env, cfg, t.property(key))).strip())) {
                problem(dw, t.env(key) + " must be true (" + label + "): Public TLS ends at the Gateway, so " + why);
            }
        });
        // the pages the tenant guards, on the public host, are redirect URIs the client allows; so is the page a
        // logout returns to
        Set<String> prefixes = new LinkedHashSet<>();
        String paths = effective(env, cfg, t.property("tenant-paths"));
        if (paths != null) {
            for (String p : paths.split(",")) {
                String prefix = p.strip().replaceAll("/\\*$", "").replaceAll("/$", "");
                if (!prefix.isEmpty()) {
                    prefixes.add(prefix);
                }
            }
        }
        if (prefixes.isEmpty() && effective(env, cfg, t.property("authentication.cookie-path")) != null) {
            prefixes.add(effective(env, cfg, t.property("authentication.cookie-path")).replaceAll("/$", ""));
        }
        String redirectPath = effective(env, cfg, t.property("authentication.redirect-path"));
        String postLogout = effective(env, cfg, t.property("logout.post-logout-path"));
        List<String> redirects = RealmCopy.redirectUris(client);
        List<String> logouts = RealmCopy.postLogoutRedirectUris(client);
        for (String host : hosts) {
            String base = "https://" + host;
            if (redirectPath != null) {
                if (!RealmCopy.allows(redirects, base + redirectPath)) {
                    problem(rw, "client " + clientId + "'s redirect URIs " + redirects + " do not allow " + svc + "'s "
                            + base + redirectPath + " (" + t.property("authentication.redirect-path") + ")");
                }
            } else {
                for (String prefix : prefixes) {
                    if (!RealmCopy.allowsEverythingUnder(redirects, base + prefix)) {
                        problem(rw, "client " + clientId + "'s redirect URIs " + redirects + " do not cover " + svc
                                + "'s pages " + base + prefix + "/* (" + label + ": the login returns to the page asked for)");
                    }
                }
            }
            if (postLogout != null && !RealmCopy.allows(logouts, base + postLogout)) {
                problem(rw, "client " + clientId + "'s post-logout redirect URIs " + logouts + " do not allow " + svc
                        + "'s " + base + postLogout + " (" + t.property("logout.post-logout-path") + ")");
            }
        }
    }

    // ---- references to Secrets and ConfigMaps --------------------------------------------------------------------

    private void secretRef(String where, String name) {
        if (find("Secret", name) == null && !operatorSecrets.contains(name) && !platformSecrets.contains(name)) {
            problem(where, "Secret " + name + " is neither in the overlay, nor made by an operator, nor listed as "
                    + "platform-provided in docs/deployment.md");
        }
    }

    private void secretAndConfigRefs() {
        for (ObjectNode o : objects) {
            String where = o.path("kind").asText() + " " + name(o);
            walk(o, (key, node) -> {
                if (key.equals("configMapRef") || key.equals("configMapKeyRef") || key.equals("configMap")) {
                    String n = node.path("name").asText();
                    if (find("ConfigMap", n) == null && !platformSecrets.contains(n) && !node.path("optional").asBoolean(false)) {
                        problem(where, "ConfigMap " + n + " does not exist in the overlay");
                    }
                }
                if (key.equals("secretRef") || key.equals("secretKeyRef") || key.equals("usernameSecret")
                        || key.equals("passwordSecret") || key.equals("accessKeyId") || key.equals("secretAccessKey")) {
                    secretRef(where, node.path("name").asText());
                }
                if (key.equals("secret") && node.isObject()) {
                    secretRef(where, node.has("secretName") ? node.path("secretName").asText() : node.path("name").asText());
                }
                if ((key.equals("roles") || key.equals("fileRealm") || key.equals("secureSettings")) && node.isArray()) {
                    for (JsonNode s : node) {
                        if (s.has("secretName")) {
                            secretRef(where, s.path("secretName").asText());
                        }
                    }
                }
            });
        }
        for (ObjectNode s : kind("Secret")) {
            Set<String> keys = new TreeSet<>();
            Yaml.fields(s.get("data")).forEach(e -> keys.add(e.getKey()));
            Yaml.fields(s.get("stringData")).forEach(e -> keys.add(e.getKey()));
            if (!keys.equals(Set.of("roles.yml"))) {
                problem("Secret " + name(s), "the repository commits no secret values; only role definitions (roles.yml) "
                        + "may be generated, found keys " + keys);
            }
        }
    }

    private interface Visitor {
        void visit(String key, JsonNode node);
    }

    private static void walk(JsonNode n, Visitor v) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                v.visit(e.getKey(), e.getValue());
                walk(e.getValue(), v);
            });
        } else if (n.isArray()) {
            n.forEach(x -> walk(x, v));
        }
    }
}
