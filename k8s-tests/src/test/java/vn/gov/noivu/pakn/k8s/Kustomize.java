package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A pure-Java renderer of the Kustomize subset the manifests under k8s/ use, with kustomize's semantics and order:
 * resources (files and kustomization directories), configMapGenerator / secretGenerator (envs, literals, files,
 * behavior create|merge|replace, name hash suffix as kustomize computes it), patches (strategic merge for built-in
 * kinds with the Kubernetes merge keys, plain merge for custom resources; JSON 6902 with targets), namespace,
 * labels (metadata only), images. Any other kustomization field is rejected, so the renderer never silently ignores
 * what kustomize would do. KustomizeConformanceTest compares its output with `kubectl kustomize` where installed.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "labels",
            "images", "patches", "configMapGenerator", "secretGenerator", "generatorOptions");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "StorageClass", "PersistentVolume", "PriorityClass");
    private static final Set<String> BUILTIN_GROUPS = Set.of("", "apps", "batch", "policy", "autoscaling",
            "networking.k8s.io", "rbac.authorization.k8s.io");

    /** What the renderer knows about a generated ConfigMap/Secret: its name before the hash suffix. */
    private record Generated(String kind, String name, boolean hash) {
    }

    private final Map<ObjectNode, Generated> generated = new IdentityHashMap<>();

    private Kustomize() {
    }

    /** Renders the kustomization in {@code dir} like {@code kubectl kustomize dir}. */
    static List<ObjectNode> build(Path dir) {
        Kustomize k = new Kustomize();
        List<ObjectNode> out = k.load(dir);
        k.applyHashes(out);
        return out;
    }

    private List<ObjectNode> load(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        List<ObjectNode> docs = Yaml.readAll(file);
        if (docs.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one document");
        }
        ObjectNode kz = docs.get(0);
        kz.fieldNames().forEachRemaining(f -> {
            if (!SUPPORTED.contains(f)) {
                throw new IllegalArgumentException(file + ": kustomization field '" + f
                        + "' is not supported by the k8s-tests renderer (supported: " + SUPPORTED + ")");
            }
        });
        List<ObjectNode> res = new ArrayList<>();
        for (JsonNode r : Yaml.each(kz.get("resources"))) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                res.addAll(load(p));
            } else if (Files.isRegularFile(p)) {
                res.addAll(Yaml.readAll(p));
            } else {
                throw new IllegalArgumentException(file + ": resource not found: " + r.asText());
            }
        }
        checkUnique(res, file);
        boolean hashDefault = !kz.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false);
        for (JsonNode g : Yaml.each(kz.get("configMapGenerator"))) {
            generate(dir, res, g, "ConfigMap", hashDefault);
        }
        for (JsonNode g : Yaml.each(kz.get("secretGenerator"))) {
            generate(dir, res, g, "Secret", hashDefault);
        }
        for (JsonNode p : Yaml.each(kz.get("patches"))) {
            patch(dir, res, (ObjectNode) p);
        }
        String ns = Yaml.text(kz, "namespace");
        if (ns != null) {
            for (ObjectNode r : res) {
                if (!CLUSTER_SCOPED.contains(r.path("kind").asText())) {
                    meta(r).put("namespace", ns);
                }
            }
        }
        for (JsonNode l : Yaml.each(kz.get("labels"))) {
            if (l.path("includeSelectors").asBoolean(false) || l.path("includeTemplates").asBoolean(false)) {
                throw new IllegalArgumentException(file + ": labels with includeSelectors/includeTemplates unsupported");
            }
            for (ObjectNode r : res) {
                ObjectNode labels = meta(r).with("labels");
                Yaml.fields(l.get("pairs")).forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            }
        }
        for (JsonNode img : Yaml.each(kz.get("images"))) {
            for (ObjectNode r : res) {
                images(r, img);
            }
        }
        return res;
    }

    private static void checkUnique(List<ObjectNode> res, Path file) {
        Set<String> seen = new java.util.HashSet<>();
        for (ObjectNode r : res) {
            String id = id(r);
            if (!seen.add(id)) {
                throw new IllegalArgumentException(file + ": resource defined twice: " + id);
            }
        }
    }

    static String id(JsonNode r) {
        return r.path("apiVersion").asText() + "/" + r.path("kind").asText() + "/"
                + Yaml.at(r, "metadata").path("name").asText();
    }

    static ObjectNode meta(ObjectNode r) {
        return r.with("metadata");
    }

    // ---- generators ----------------------------------------------------------------------------------------------

    private void generate(Path dir, List<ObjectNode> res, JsonNode g, String kind, boolean hashDefault) {
        String name = g.path("name").asText();
        Map<String, String> data = new LinkedHashMap<>();
        for (JsonNode env : Yaml.each(g.get("envs"))) {
            for (String line : Yaml.read(dir.resolve(env.asText())).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException(env.asText() + ": not KEY=VALUE: " + l);
                }
                data.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        for (JsonNode lit : Yaml.each(g.get("literals"))) {
            String l = lit.asText();
            int eq = l.indexOf('=');
            data.put(l.substring(0, eq), l.substring(eq + 1));
        }
        for (JsonNode f : Yaml.each(g.get("files"))) {
            String spec = f.asText();
            int eq = spec.indexOf('=');
            String key = eq > 0 ? spec.substring(0, eq) : Path.of(spec).getFileName().toString();
            data.put(key, Yaml.read(dir.resolve(eq > 0 ? spec.substring(eq + 1) : spec)));
        }
        boolean hash = !g.path("options").path("disableNameSuffixHash").asBoolean(!hashDefault);
        String behavior = g.path("behavior").asText("create");
        ObjectNode existing = null;
        for (ObjectNode r : res) {
            Generated gen = generated.get(r);
            if (gen != null && gen.kind().equals(kind) && gen.name().equals(name)) {
                existing = r;
            }
        }
        switch (behavior) {
            case "create" -> {
                if (existing != null) {
                    throw new IllegalArgumentException(kind + " " + name + " generated twice (use behavior: merge)");
                }
                ObjectNode r = Yaml.F.objectNode();
                r.put("apiVersion", "v1");
                r.put("kind", kind);
                r.putObject("metadata").put("name", name);
                if (kind.equals("Secret")) {
                    r.put("type", g.path("type").asText("Opaque"));
                }
                ObjectNode d = r.putObject("data");
                data.forEach((k, v) -> d.put(k, encode(kind, v)));
                res.add(r);
                generated.put(r, new Generated(kind, name, hash));
            }
            case "merge", "replace" -> {
                if (existing == null) {
                    throw new IllegalArgumentException(kind + " " + name + ": behavior " + behavior + " but no base");
                }
                ObjectNode d = behavior.equals("merge") ? existing.with("data") : existing.putObject("data");
                data.forEach((k, v) -> d.put(k, encode(kind, v)));
                if (g.has("options")) {
                    generated.put(existing, new Generated(kind, name, hash));
                }
            }
            default -> throw new IllegalArgumentException("unknown generator behavior " + behavior);
        }
    }

    private static String encode(String kind, String v) {
        return kind.equals("Secret") ? Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)) : v;
    }

    /** Appends kustomize's content hash to generated names and rewrites the references to them in pod specs. */
    private void applyHashes(List<ObjectNode> res) {
        Map<String, String> renamed = new LinkedHashMap<>();
        for (ObjectNode r : res) {
            Generated g = generated.get(r);
            if (g == null || !g.hash()) {
                continue;
            }
            String newName = g.name() + "-" + hash(r);
            meta(r).put("name", newName);
            renamed.put(g.kind() + "/" + g.name(), newName);
        }
        for (ObjectNode r : res) {
            JsonNode podSpec = Yaml.at(r, "spec", "template", "spec");
            if (podSpec instanceof ObjectNode ps) {
                renameRefs(ps, renamed);
            }
        }
    }

    private static void renameRefs(ObjectNode podSpec, Map<String, String> renamed) {
        for (JsonNode v : Yaml.each(podSpec.get("volumes"))) {
            rename(v.get("configMap"), "name", "ConfigMap", renamed);
            rename(v.get("secret"), "secretName", "Secret", renamed);
            for (JsonNode s : Yaml.each(Yaml.at(v, "projected", "sources"))) {
                rename(s.get("configMap"), "name", "ConfigMap", renamed);
                rename(s.get("secret"), "name", "Secret", renamed);
            }
        }
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : Yaml.each(podSpec.get(list))) {
                for (JsonNode ef : Yaml.each(c.get("envFrom"))) {
                    rename(ef.get("configMapRef"), "name", "ConfigMap", renamed);
                    rename(ef.get("secretRef"), "name", "Secret", renamed);
                }
                for (JsonNode e : Yaml.each(c.get("env"))) {
                    rename(Yaml.at(e, "valueFrom", "configMapKeyRef"), "name", "ConfigMap", renamed);
                    rename(Yaml.at(e, "valueFrom", "secretKeyRef"), "name", "Secret", renamed);
                }
            }
        }
    }

    private static void rename(JsonNode ref, String field, String kind, Map<String, String> renamed) {
        if (ref instanceof ObjectNode o && o.has(field)) {
            String n = renamed.get(kind + "/" + o.get(field).asText());
            if (n != null) {
                o.put(field, n);
            }
        }
    }

    /**
     * kustomize's api/hasher: sha256 of the JSON {data, kind, name[, type]} with sorted keys and Go's HTML escaping,
     * first 10 hex digits with 0,1,3,a,e replaced. kustomize hashes the generated object before it has a name, so
     * "name" is always empty.
     */
    static String hash(ObjectNode r) {
        Map<String, Object> m = new TreeMap<>();
        m.put("kind", r.path("kind").asText());
        m.put("name", "");
        Map<String, String> data = new TreeMap<>();
        Yaml.fields(r.get("data")).forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        m.put("data", data);
        if (r.path("kind").asText().equals("Secret")) {
            m.put("type", r.path("type").asText());
        }
        String json = goJson(m);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            char[] hex = HexFormat.of().formatHex(d).substring(0, 10).toCharArray();
            for (int i = 0; i < hex.length; i++) {
                hex[i] = switch (hex[i]) {
                    case '0' -> 'g';
                    case '1' -> 'h';
                    case '3' -> 'k';
                    case 'a' -> 'm';
                    case 'e' -> 't';
                    default -> hex[i];
                };
            }
            return new String(hex);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON as Go's encoding/json writes it: sorted map keys, no spaces, HTML-escaped <, >, &. */
    @SuppressWarnings("unchecked")
    private static String goJson(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            new TreeMap<>((Map<String, Object>) m).forEach((k, v) -> {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(goString(k)).append(':').append(goJson(v));
            });
            return sb.append('}').toString();
        }
        return goString(String.valueOf(o));
    }

    private static String goString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    // ---- patches -------------------------------------------------------------------------------------------------

    private static void patch(Path dir, List<ObjectNode> res, ObjectNode p) {
        String text = p.has("path") ? Yaml.read(dir.resolve(p.get("path").asText())) : p.path("patch").asText();
        String origin = p.has("path") ? dir.resolve(p.get("path").asText()).toString() : dir + " (inline patch)";
        JsonNode target = p.get("target");
        JsonNode asTree = text.strip().startsWith("-") ? Yaml.readTree(text, origin) : null;
        if (asTree != null && asTree.isArray()) {
            if (target == null) {
                throw new IllegalArgumentException(origin + ": a JSON 6902 patch needs a target");
            }
            List<ObjectNode> hits = select(res, target);
            if (hits.isEmpty()) {
                throw new IllegalArgumentException(origin + ": target matches no resource: " + target);
            }
            for (ObjectNode r : hits) {
                JsonPatch.apply(r, (ArrayNode) asTree, origin + " on " + id(r));
            }
            return;
        }
        for (ObjectNode sp : Yaml.readAll(text, origin)) {
            List<ObjectNode> hits = target != null ? select(res, target) : res.stream()
                    .filter(r -> r.path("kind").asText().equals(sp.path("kind").asText())
                            && Yaml.at(r, "metadata").path("name").asText()
                            .equals(Yaml.at(sp, "metadata").path("name").asText())
                            && group(r).equals(group(sp)))
                    .toList();
            if (hits.isEmpty()) {
                throw new IllegalArgumentException(origin + ": patch matches no resource: " + id(sp));
            }
            for (ObjectNode r : hits) {
                merge(r, sp, BUILTIN_GROUPS.contains(group(r)));
            }
        }
    }

    static String group(JsonNode r) {
        String av = r.path("apiVersion").asText();
        int slash = av.indexOf('/');
        return slash < 0 ? "" : av.substring(0, slash);
    }

    private static List<ObjectNode> select(List<ObjectNode> res, JsonNode t) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode r : res) {
            String av = r.path("apiVersion").asText();
            String version = av.contains("/") ? av.substring(av.indexOf('/') + 1) : av;
            if (t.has("group") && !t.get("group").asText().equals(group(r))) {
                continue;
            }
            if (t.has("version") && !t.get("version").asText().equals(version)) {
                continue;
            }
            if (t.has("kind") && !t.get("kind").asText().equals(r.path("kind").asText())) {
                continue;
            }
            if (t.has("name") && !Pattern.matches(t.get("name").asText(), Yaml.at(r, "metadata").path("name").asText())) {
                continue;
            }
            if (t.has("labelSelector") && !labelsMatch(t.get("labelSelector").asText(), Yaml.at(r, "metadata", "labels"))) {
                continue;
            }
            if (t.has("annotationSelector") || t.has("namespace")) {
                throw new IllegalArgumentException("patch target: annotationSelector/namespace unsupported");
            }
            out.add(r);
        }
        return out;
    }

    private static boolean labelsMatch(String selector, JsonNode labels) {
        for (String term : selector.split(",")) {
            String[] kv = term.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("labelSelector: only k=v terms supported: " + selector);
            }
            if (labels == null || !kv[1].strip().equals(labels.path(kv[0].strip()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** Strategic merge patch: maps merge, null deletes, lists merge by the Kubernetes merge key (built-in kinds). */
    static void merge(ObjectNode target, ObjectNode patch, boolean builtin) {
        patch.fields().forEachRemaining(e -> {
            String k = e.getKey();
            JsonNode pv = e.getValue();
            if (k.startsWith("$")) {
                throw new IllegalArgumentException("strategic merge directive " + k + " is not supported");
            }
            JsonNode tv = target.get(k);
            if (pv.isNull()) {
                target.remove(k);
            } else if (pv.isObject() && tv != null && tv.isObject()) {
                merge((ObjectNode) tv, (ObjectNode) pv, builtin);
            } else if (pv.isArray() && tv != null && tv.isArray() && builtin && mergeKey(k, pv) != null) {
                String key = mergeKey(k, pv);
                ArrayNode ta = (ArrayNode) tv;
                for (JsonNode pe : pv) {
                    ObjectNode match = null;
                    for (JsonNode te : ta) {
                        if (te.has(key) && te.get(key).equals(pe.get(key))) {
                            match = (ObjectNode) te;
                        }
                    }
                    if (match != null) {
                        merge(match, (ObjectNode) pe, true);
                    } else {
                        ta.add(pe.deepCopy());
                    }
                }
            } else {
                target.set(k, pv.deepCopy());
            }
        });
    }

    private static String mergeKey(String field, JsonNode patchList) {
        JsonNode first = patchList.size() > 0 ? patchList.get(0) : null;
        if (first == null || !first.isObject()) {
            return null;
        }
        return switch (field) {
            case "containers", "initContainers", "env", "volumes", "imagePullSecrets" -> "name";
            case "volumeMounts" -> "mountPath";
            case "ports" -> first.has("containerPort") ? "containerPort" : "port";
            case "topologySpreadConstraints" -> "topologyKey";
            default -> null;
        };
    }

    // ---- images --------------------------------------------------------------------------------------------------

    private static void images(ObjectNode r, JsonNode img) {
        List<JsonNode> specs = new ArrayList<>();
        specs.add(r.get("spec"));
        specs.add(Yaml.at(r, "spec", "template", "spec"));
        for (JsonNode spec : specs) {
            if (spec == null) {
                continue;
            }
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode c : Yaml.each(spec.get(list))) {
                    String image = c.path("image").asText(null);
                    if (image == null) {
                        continue;
                    }
                    int at = image.indexOf('@');
                    String noDigest = at < 0 ? image : image.substring(0, at);
                    int colon = noDigest.lastIndexOf(':');
                    String name = colon > noDigest.lastIndexOf('/') ? noDigest.substring(0, colon) : noDigest;
                    String tag = colon > noDigest.lastIndexOf('/') ? noDigest.substring(colon + 1) : null;
                    if (!name.equals(img.path("name").asText())) {
                        continue;
                    }
                    String newName = img.path("newName").asText(name);
                    String newTag = img.path("newTag").asText(tag);
                    String value = newName + (newTag != null ? ":" + newTag : "");
                    if (img.has("digest")) {
                        value = newName + "@" + img.get("digest").asText();
                    }
                    ((ObjectNode) c).put("image", value);
                }
            }
        }
    }
}
