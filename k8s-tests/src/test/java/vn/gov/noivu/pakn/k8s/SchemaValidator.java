package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Validates rendered objects against the vendored schemas (src/test/resources/schemas, see PROVENANCE.md) with a
 * JSON-schema validator, reporting every error of every object:
 * <ul>
 *   <li>built-in kinds against the Kubernetes 1.36 OpenAPI definitions (found by {@code x-kubernetes-group-version-kind});</li>
 *   <li>custom resources against the {@code openAPIV3Schema} of their CRD's served version;</li>
 *   <li>{@code metadata} of every object against {@code ObjectMeta};</li>
 *   <li>plus {@code api-server-rules.json}: rules the API server or an operator's webhook enforces in code.</li>
 * </ul>
 * Like the API server, an object field the schema does not declare is an error: every object schema with
 * {@code properties} gets {@code additionalProperties: false} unless it says {@code x-kubernetes-preserve-unknown-fields}
 * (a CRD would silently prune such a field). {@code x-kubernetes-int-or-string} and {@code nullable} are translated into
 * JSON-schema types; {@code format} is dropped (Kubernetes formats such as int32 are not JSON-schema formats);
 * CEL rules ({@code x-kubernetes-validations}) are not evaluated.
 * <p>
 * Gateway API and Prometheus Operator kinds have no vendored CRD (see PROVENANCE.md): they are read into fabric8's
 * typed models of the same upstream Go types with unknown fields and mistyped scalars rejected.
 */
final class SchemaValidator {

    record Problem(String object, String message) {
        @Override
        public String toString() {
            return object + ": " + message;
        }
    }

    static final Path SCHEMAS = schemasDir();

    /** Kinds without a vendored CRD, validated with typed models (see the class comment). */
    static final Map<String, Class<?>> TYPED = Map.of(
            "gateway.networking.k8s.io/v1/Gateway", io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class,
            "gateway.networking.k8s.io/v1/HTTPRoute", io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class,
            "gateway.networking.k8s.io/v1/BackendTLSPolicy", io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy.class,
            "monitoring.coreos.com/v1/ServiceMonitor", io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor.class,
            "monitoring.coreos.com/v1/PodMonitor", io.fabric8.openshift.api.model.monitoring.v1.PodMonitor.class,
            "monitoring.coreos.com/v1/PrometheusRule", io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule.class);

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();
    private static volatile Catalog catalog;

    private SchemaValidator() {
    }

    static List<Problem> validate(List<? extends JsonNode> objects) {
        List<Problem> problems = new ArrayList<>();
        for (JsonNode o : objects) {
            problems.addAll(validate(o));
        }
        return problems;
    }

    static List<Problem> validate(JsonNode o) {
        Catalog c = catalog();
        String apiVersion = o.path("apiVersion").asText();
        String kind = o.path("kind").asText();
        String gvk = apiVersion + "/" + kind;
        String id = apiVersion + " " + kind + " " + o.path("metadata").path("name").asText(null);
        List<Problem> problems = new ArrayList<>();
        if (!o.path("metadata").isObject()) {
            problems.add(new Problem(id, "metadata is missing"));
            return problems;
        }
        ObjectNode body = ((ObjectNode) o).deepCopy();
        JsonNode metadata = body.remove("metadata");
        report(id, "metadata", schema("meta", () -> c.definition(Catalog.OBJECT_META)).validate(metadata), problems);
        if (c.crds.containsKey(gvk)) {
            report(id, "", schema(gvk, () -> c.crds.get(gvk)).validate(body), problems);
        } else if (c.kinds.containsKey(gvk)) {
            report(id, "", schema(gvk, () -> c.definition(c.kinds.get(gvk))).validate(body), problems);
        } else if (TYPED.containsKey(gvk)) {
            typed(id, o, TYPED.get(gvk), problems);
        } else {
            problems.add(new Problem(id, "no schema for " + gvk + " (vendor its CRD under k8s-tests/src/test/resources/schemas)"));
        }
        return problems;
    }

    private static void report(String id, String prefix, List<Error> errors, List<Problem> problems) {
        for (Error e : errors) {
            String loc = e.getInstanceLocation().toString();
            String msg = e.getMessage();
            if (msg.startsWith(loc + ": ")) {
                msg = msg.substring(loc.length() + 2);
            }
            String at = prefix.isEmpty() ? loc : "/" + prefix + loc;
            problems.add(new Problem(id, "schema: at " + (at.isEmpty() ? "(root)" : at) + ": " + msg));
        }
    }

    private static Schema schema(String key, java.util.function.Supplier<JsonNode> node) {
        return COMPILED.computeIfAbsent(key, k -> REGISTRY.getSchema(node.get()));
    }

    static Catalog catalog() {
        Catalog c = catalog;
        if (c == null) {
            synchronized (SchemaValidator.class) {
                if (catalog == null) {
                    catalog = new Catalog(SCHEMAS);
                }
                c = catalog;
            }
        }
        return c;
    }

    private static Path schemasDir() {
        Path p = Repo.ROOT.resolve("k8s-tests/src/test/resources/schemas");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("vendored schemas not found at " + p);
        }
        return p;
    }

    // ---- the schemas, translated from Kubernetes' OpenAPI dialect to JSON schema --------------------------------

    /** Every vendored schema: built-in kinds by definition name, CRD schemas by apiVersion/kind. */
    static final class Catalog {
        static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
        static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
        static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

        final ObjectNode definitions;
        /** apiVersion/kind -> definition name (built-in kinds). */
        final Map<String, String> kinds = new LinkedHashMap<>();
        /** apiVersion/kind -> JSON schema (custom resources). */
        final Map<String, ObjectNode> crds = new LinkedHashMap<>();
        /** apiVersion/kind -> the CRD file it came from. */
        final Map<String, Path> crdFiles = new LinkedHashMap<>();
        final ObjectNode rules;

        Catalog(Path dir) {
            rules = (ObjectNode) json(dir.resolve("api-server-rules.json"));
            ObjectNode swagger = (ObjectNode) json(dir.resolve("kubernetes-1.36-swagger.json"));
            definitions = (ObjectNode) swagger.get("definitions");
            for (Iterator<Map.Entry<String, JsonNode>> it = definitions.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> d = it.next();
                for (JsonNode g : d.getValue().path("x-kubernetes-group-version-kind")) {
                    String group = g.path("group").asText();
                    String v = group.isEmpty() ? g.path("version").asText() : group + "/" + g.path("version").asText();
                    kinds.putIfAbsent(v + "/" + g.path("kind").asText(), d.getKey());
                }
                translate(d.getValue());
            }
            definitions.set(INT_OR_STRING, Yaml.readTree("{anyOf: [{type: integer}, {type: string}]}", "t"));
            definitions.set(QUANTITY, Yaml.readTree("{anyOf: [{type: number}, {type: string}]}", "t"));
            addRules(rules.path("definitions"), name -> (ObjectNode) definitions.get(name));
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(x -> x.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
                    for (ObjectNode crd : Yaml.readAll(f)) {
                        if (crd.path("kind").asText().equals("CustomResourceDefinition")) {
                            addCrd(crd, f);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            addRules(rules.path("customResources"), key -> {
                String[] parts = key.split(" ", 2);
                ObjectNode s = crds.get(parts[0]);
                if (s == null) {
                    throw new IllegalStateException("api-server-rules.json: no CRD for " + parts[0]);
                }
                JsonNode at = parts.length > 1 ? s.at(parts[1]) : s;
                if (!(at instanceof ObjectNode on)) {
                    throw new IllegalStateException("api-server-rules.json: " + key + " is not in the CRD's schema");
                }
                return on;
            });
        }

        private static JsonNode json(Path file) {
            try {
                return new ObjectMapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }

        private void addCrd(ObjectNode crd, Path file) {
            String group = crd.path("spec").path("group").asText();
            String kind = crd.path("spec").path("names").path("kind").asText();
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (!v.path("served").asBoolean(false)) {
                    continue;
                }
                ObjectNode schema = ((ObjectNode) v.path("schema").path("openAPIV3Schema")).deepCopy();
                translate(schema);
                ObjectNode props = schema.with("properties");
                props.set("apiVersion", Yaml.readTree("{type: string}", "t"));
                props.set("kind", Yaml.readTree("{type: string}", "t"));
                props.remove("metadata");
                if (schema.path("required").isArray()) {
                    ArrayNode req = (ArrayNode) schema.get("required");
                    for (int i = req.size() - 1; i >= 0; i--) {
                        if (req.get(i).asText().equals("metadata")) {
                            req.remove(i);
                        }
                    }
                }
                schema.put("additionalProperties", false);
                String key = group + "/" + v.path("name").asText() + "/" + kind;
                crds.put(key, schema);
                crdFiles.put(key, file);
            }
        }

        /** The definition as a self-contained schema (a reference into the shared definitions). */
        ObjectNode definition(String name) {
            ObjectNode s = Yaml.F.objectNode();
            s.put("$ref", "#/definitions/" + name);
            s.set("definitions", definitions);
            return s;
        }

        /** Each rule is added to the target schema's allOf, so it restricts and never loosens the upstream schema. */
        private static void addRules(JsonNode section, java.util.function.Function<String, ObjectNode> target) {
            for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                if (r.getKey().startsWith("_")) {
                    continue;
                }
                ObjectNode t = target.apply(r.getKey());
                if (t == null) {
                    throw new IllegalStateException("api-server-rules.json: unknown target " + r.getKey());
                }
                ObjectNode rule = ((ObjectNode) r.getValue()).deepCopy();
                rule.remove("why");
                t.withArray("allOf").add(rule);
            }
        }

        /** Kubernetes' OpenAPI dialect -> JSON schema, in place. */
        static void translate(JsonNode n) {
            if (n instanceof ArrayNode a) {
                a.forEach(Catalog::translate);
                return;
            }
            if (!(n instanceof ObjectNode s)) {
                return;
            }
            s.remove("format");
            s.remove("description");
            boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (s.path("x-kubernetes-int-or-string").asBoolean(false)) {
                s.remove("type");
                if (!s.has("anyOf")) {
                    s.set("anyOf", Yaml.readTree("[{type: integer}, {type: string}]", "t"));
                }
            }
            if (s.path("nullable").asBoolean(false) && s.path("type").isTextual()) {
                ArrayNode types = Yaml.F.arrayNode().add(s.path("type").asText()).add("null");
                s.set("type", types);
            }
            if (s.has("properties") && !s.has("additionalProperties") && !preserve && s.path("properties").isObject()) {
                s.put("additionalProperties", false);
            }
            if (s.path("properties").isObject()) {
                s.path("properties").forEach(Catalog::translate);
            }
            for (String k : List.of("items", "additionalProperties", "not")) {
                translate(s.path(k));
            }
            for (String k : List.of("allOf", "anyOf", "oneOf")) {
                translate(s.path(k));
            }
        }
    }

    // ---- typed models for the kinds without a vendored CRD ------------------------------------------------------

    static final ObjectMapper STRICT = strictMapper();

    private static ObjectMapper strictMapper() {
        SimpleModule noAnySetter = new SimpleModule("no-any-setter");
        noAnySetter.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription beanDesc,
                                                         BeanDeserializerBuilder builder) {
                builder.setAnySetter(null);
                builder.setIgnoreUnknownProperties(false);
                return builder;
            }
        });
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(noAnySetter)
                .build();
        for (LogicalType t : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Boolean, LogicalType.Float)) {
            mapper.coercionConfigFor(t)
                    .setCoercion(CoercionInputShape.Integer, t == LogicalType.Integer || t == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, t == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, t == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, t == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        return mapper;
    }

    private static void typed(String id, JsonNode o, Class<?> type, List<Problem> problems) {
        try {
            STRICT.treeToValue(o, type);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            StringBuilder path = new StringBuilder();
            for (var ref : e.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            String msg = e.getOriginalMessage();
            int cut = msg.indexOf(" (");
            problems.add(new Problem(id, "typed model: at " + path + ": " + (cut > 0 ? msg.substring(0, cut) : msg)
                    .replace('\n', ' ')));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            problems.add(new Problem(id, "typed model: " + e.getMessage()));
        }
    }
}
