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
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates rendered objects against typed models that reject unknown fields: fabric8's Kubernetes model for
 * built-in kinds, io.strimzi:api for Strimzi, {@link OperatorModels} for ECK, CloudNativePG and Keycloak.
 * <p>
 * fabric8 and Strimzi classes keep unknown fields in an "additionalProperties" any-setter; this mapper removes every
 * any-setter, so an unknown field is an error (FAIL_ON_UNKNOWN_PROPERTIES). Scalars are not coerced (a number where
 * the API wants a string, e.g. an unquoted label value, is an error). Strimzi properties marked @Deprecated (removed
 * from the kafka.strimzi.io/v1 API, e.g. Kafka.spec.kafka.replicas or KafkaUser acls[].operation) are rejected too.
 */
final class SchemaValidator {

    record Problem(String object, String message) {
        @Override
        public String toString() {
            return object + ": " + message;
        }
    }

    static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class),
            Map.entry("elasticsearch.k8s.elastic.co/v1/Elasticsearch", OperatorModels.Elasticsearch.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", OperatorModels.PgCluster.class),
            Map.entry("postgresql.cnpg.io/v1/Database", OperatorModels.PgDatabase.class),
            Map.entry("postgresql.cnpg.io/v1/ScheduledBackup", OperatorModels.PgScheduledBackup.class),
            Map.entry("barmancloud.cnpg.io/v1/ObjectStore", OperatorModels.BarmanObjectStore.class),
            Map.entry("k8s.keycloak.org/v2alpha1/Keycloak", OperatorModels.Keycloak.class),
            Map.entry("k8s.keycloak.org/v2alpha1/KeycloakRealmImport", OperatorModels.KeycloakRealmImport.class));

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

    static final ObjectMapper STRICT = strictMapper();

    private SchemaValidator() {
    }

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

            @Override
            public List<BeanPropertyDefinition> updateProperties(DeserializationConfig config, BeanDescription beanDesc,
                                                                 List<BeanPropertyDefinition> props) {
                if (!beanDesc.getBeanClass().getName().startsWith("io.strimzi.")) {
                    return props;
                }
                List<BeanPropertyDefinition> kept = new ArrayList<>();
                for (BeanPropertyDefinition p : props) {
                    if (!deprecated(p.getGetter()) && !deprecated(p.getSetter()) && !deprecated(p.getField())) {
                        kept.add(p);
                    }
                }
                return kept;
            }

            private boolean deprecated(AnnotatedMember m) {
                return m != null && m.hasAnnotation(Deprecated.class);
            }
        });
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
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

    static List<Problem> validate(List<? extends JsonNode> objects) {
        List<Problem> problems = new ArrayList<>();
        for (JsonNode o : objects) {
            problems.addAll(validate(o));
        }
        return problems;
    }

    static List<Problem> validate(JsonNode o) {
        List<Problem> problems = new ArrayList<>();
        String apiVersion = o.path("apiVersion").asText();
        String kind = o.path("kind").asText();
        String name = Yaml.at(o, "metadata") == null ? null : Yaml.at(o, "metadata").path("name").asText(null);
        String id = apiVersion + " " + kind + " " + name;
        Class<?> type = KINDS.get(apiVersion + "/" + kind);
        if (type == null) {
            problems.add(new Problem(id, "no schema for " + apiVersion + "/" + kind
                    + " (add a typed model to SchemaValidator.KINDS)"));
            return problems;
        }
        if (name == null || name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            problems.add(new Problem(id, "metadata.name is not a DNS-1123 subdomain: " + name));
        }
        for (String m : List.of("labels", "annotations")) {
            Yaml.fields(Yaml.at(o, "metadata", m)).forEach(e -> {
                if (!e.getValue().isTextual()) {
                    problems.add(new Problem(id, "metadata." + m + "." + e.getKey() + " must be a string"));
                } else if (m.equals("labels") && (e.getValue().asText().length() > 63
                        || !LABEL_VALUE.matcher(e.getValue().asText()).matches())) {
                    problems.add(new Problem(id, "invalid label value " + e.getKey() + "=" + e.getValue().asText()));
                }
            });
        }
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
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String msg = root instanceof com.fasterxml.jackson.databind.JsonMappingException jm
                    ? jm.getOriginalMessage() : String.valueOf(root.getMessage());
            int cut = msg.indexOf(" (");
            problems.add(new Problem(id, "schema: at " + path + ": " + (cut > 0 ? msg.substring(0, cut) : msg)
                    .replace('\n', ' ')));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            problems.add(new Problem(id, "schema: " + e.getMessage()));
        }
        return problems;
    }
}
