package vn.gov.noivu.pakn.k8s;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.KeyToPath;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Typed models of the fields k8s/ uses from the ECK, CloudNativePG and Keycloak operator CRDs (their Go/Java types
 * are not on Maven Central). Field names and types follow the CRDs: elasticsearch.k8s.elastic.co/v1 (ECK 3.x),
 * postgresql.cnpg.io/v1 and barmancloud.cnpg.io/v1 (CloudNativePG 1.27 + Barman Cloud plugin), k8s.keycloak.org/v2alpha1
 * (Keycloak operator 26.x). The validator rejects any field not declared here, so a typo or a field from another
 * version fails the build; to use a new CRD field, add it here (with the CRD's type) first. Embedded Kubernetes types
 * (pod templates, PVCs, resources, selectors) are fabric8's and equally strict. Compact constructors check required
 * fields and enumerations.
 */
final class OperatorModels {

    private OperatorModels() {
    }

    static void required(Object v, String field) {
        Objects.requireNonNull(v, "missing required field " + field);
    }

    static void oneOf(String v, String field, String... allowed) {
        if (v != null && !Set.of(allowed).contains(v)) {
            throw new IllegalArgumentException(field + ": '" + v + "' is not one of " + List.of(allowed));
        }
    }

    // ---- ECK -----------------------------------------------------------------------------------------------------

    record Elasticsearch(String apiVersion, String kind, ObjectMeta metadata, EsSpec spec) {
        Elasticsearch {
            required(spec, "spec");
        }
    }

    record EsSpec(String version, String image, EsHttp http, EsAuth auth, EsUpdateStrategy updateStrategy,
                  List<EsNodeSet> nodeSets, List<EsSecretSource> secureSettings, String volumeClaimDeletePolicy) {
        EsSpec {
            required(version, "spec.version");
            required(nodeSets, "spec.nodeSets");
            if (nodeSets.isEmpty()) {
                throw new IllegalArgumentException("spec.nodeSets: at least one nodeSet");
            }
            oneOf(volumeClaimDeletePolicy, "spec.volumeClaimDeletePolicy", "DeleteOnScaledownAndClusterDeletion",
                    "DeleteOnScaledownOnly");
        }
    }

    record EsHttp(EsHttpTls tls) {
    }

    record EsHttpTls(EsSelfSigned selfSignedCertificate, EsSecretRef certificate) {
    }

    record EsSelfSigned(Boolean disabled, List<EsSubjectAltName> subjectAltNames) {
    }

    record EsSubjectAltName(String dns, String ip) {
    }

    record EsSecretRef(String secretName) {
        EsSecretRef {
            required(secretName, "secretName");
        }
    }

    record EsAuth(List<EsSecretRef> roles, List<EsSecretRef> fileRealm, Boolean disableElasticUser) {
    }

    record EsSecretSource(String secretName, List<KeyToPath> entries) {
        EsSecretSource {
            required(secretName, "secretName");
        }
    }

    record EsUpdateStrategy(EsChangeBudget changeBudget) {
    }

    record EsChangeBudget(Integer maxSurge, Integer maxUnavailable) {
    }

    record EsNodeSet(String name, Integer count, Map<String, Object> config, PodTemplateSpec podTemplate,
                     List<PersistentVolumeClaim> volumeClaimTemplates) {
        EsNodeSet {
            required(name, "nodeSets[].name");
            required(count, "nodeSets[].count");
            if (count < 0) {
                throw new IllegalArgumentException("nodeSets[].count must be >= 0");
            }
        }
    }

    // ---- CloudNativePG -------------------------------------------------------------------------------------------

    record PgCluster(String apiVersion, String kind, ObjectMeta metadata, PgClusterSpec spec) {
        PgCluster {
            required(spec, "spec");
        }
    }

    record PgClusterSpec(Integer instances, String imageName, String primaryUpdateStrategy,
                         String primaryUpdateMethod, Boolean enableSuperuserAccess, PgConfiguration postgresql,
                         PgBootstrap bootstrap, PgManaged managed, PgStorage storage, PgStorage walStorage,
                         ResourceRequirements resources, PgAffinity affinity, PgMonitoring monitoring,
                         List<PgPlugin> plugins, Integer minSyncReplicas, Integer maxSyncReplicas) {
        PgClusterSpec {
            required(instances, "spec.instances");
            required(storage, "spec.storage");
            if (instances < 1) {
                throw new IllegalArgumentException("spec.instances must be >= 1");
            }
            oneOf(primaryUpdateStrategy, "spec.primaryUpdateStrategy", "unsupervised", "supervised");
            oneOf(primaryUpdateMethod, "spec.primaryUpdateMethod", "switchover", "restart");
        }
    }

    /** CNPG types parameters as map[string]string: numbers must be quoted. */
    record PgConfiguration(Map<String, String> parameters, List<String> pg_hba, List<String> shared_preload_libraries) {
    }

    record PgBootstrap(PgInitDb initdb) {
    }

    record PgInitDb(String database, String owner, LocalObjectReference secret, Boolean dataChecksums,
                    String encoding, String localeCollate, String localeCType) {
        PgInitDb {
            if ((database == null) != (owner == null)) {
                throw new IllegalArgumentException("bootstrap.initdb: database and owner go together");
            }
        }
    }

    record PgManaged(List<PgRole> roles) {
    }

    record PgRole(String name, String ensure, Boolean login, Boolean superuser, Boolean createdb, Boolean createrole,
                  Boolean inherit, Boolean replication, Boolean bypassrls, Integer connectionLimit,
                  LocalObjectReference passwordSecret, Boolean disablePassword, List<String> inRoles, String comment,
                  String validUntil) {
        PgRole {
            required(name, "managed.roles[].name");
            oneOf(ensure, "managed.roles[].ensure", "present", "absent");
        }
    }

    record PgStorage(String size, String storageClass, Boolean resizeInUseVolumes) {
    }

    record PgAffinity(Boolean enablePodAntiAffinity, String topologyKey, String podAntiAffinityType,
                      Map<String, String> nodeSelector) {
        PgAffinity {
            oneOf(podAntiAffinityType, "affinity.podAntiAffinityType", "preferred", "required");
        }
    }

    record PgMonitoring(Boolean enablePodMonitor) {
    }

    record PgPlugin(String name, Boolean enabled, Boolean isWALArchiver, Map<String, String> parameters) {
        PgPlugin {
            required(name, "plugins[].name");
        }
    }

    record PgDatabase(String apiVersion, String kind, ObjectMeta metadata, PgDatabaseSpec spec) {
        PgDatabase {
            required(spec, "spec");
        }
    }

    record PgDatabaseSpec(LocalObjectReference cluster, String name, String owner, String ensure,
                          String databaseReclaimPolicy, String encoding, String template) {
        PgDatabaseSpec {
            required(cluster, "spec.cluster");
            required(name, "spec.name");
            required(owner, "spec.owner");
            oneOf(ensure, "spec.ensure", "present", "absent");
            oneOf(databaseReclaimPolicy, "spec.databaseReclaimPolicy", "retain", "delete");
        }
    }

    record PgScheduledBackup(String apiVersion, String kind, ObjectMeta metadata, PgScheduledBackupSpec spec) {
        PgScheduledBackup {
            required(spec, "spec");
        }
    }

    record PgScheduledBackupSpec(String schedule, Boolean immediate, Boolean suspend, String backupOwnerReference,
                                 LocalObjectReference cluster, String method, PgPluginRef pluginConfiguration,
                                 String target) {
        PgScheduledBackupSpec {
            required(schedule, "spec.schedule");
            required(cluster, "spec.cluster");
            if (schedule.strip().split("\\s+").length != 6) {
                throw new IllegalArgumentException("spec.schedule: CNPG uses 6-field cron (with seconds): " + schedule);
            }
            oneOf(backupOwnerReference, "spec.backupOwnerReference", "none", "self", "cluster");
            oneOf(method, "spec.method", "barmanObjectStore", "volumeSnapshot", "plugin");
            if ("plugin".equals(method)) {
                required(pluginConfiguration, "spec.pluginConfiguration");
            }
        }
    }

    record PgPluginRef(String name, Map<String, String> parameters) {
        PgPluginRef {
            required(name, "pluginConfiguration.name");
        }
    }

    record BarmanObjectStore(String apiVersion, String kind, ObjectMeta metadata, BarmanObjectStoreSpec spec) {
        BarmanObjectStore {
            required(spec, "spec");
        }
    }

    record BarmanObjectStoreSpec(String retentionPolicy, BarmanConfiguration configuration) {
        BarmanObjectStoreSpec {
            required(configuration, "spec.configuration");
            if (retentionPolicy != null && !retentionPolicy.matches("^[1-9][0-9]*[dwm]$")) {
                throw new IllegalArgumentException("spec.retentionPolicy must look like 30d, 4w or 3m");
            }
        }
    }

    record BarmanConfiguration(String destinationPath, String endpointURL, String serverName,
                               BarmanS3Credentials s3Credentials, BarmanWal wal, BarmanData data) {
        BarmanConfiguration {
            required(destinationPath, "configuration.destinationPath");
        }
    }

    record BarmanS3Credentials(SecretKeySelector accessKeyId, SecretKeySelector secretAccessKey,
                               SecretKeySelector region, SecretKeySelector sessionToken, Boolean inheritFromIAMRole) {
    }

    record BarmanWal(String compression, Integer maxParallel, String encryption) {
        BarmanWal {
            oneOf(compression, "wal.compression", "bzip2", "gzip", "lz4", "snappy", "xz", "zstd");
        }
    }

    record BarmanData(String compression, Integer jobs, String encryption, Boolean immediateCheckpoint) {
        BarmanData {
            oneOf(compression, "data.compression", "bzip2", "gzip", "lz4", "snappy", "xz", "zstd");
        }
    }

    // ---- Keycloak operator ---------------------------------------------------------------------------------------

    record Keycloak(String apiVersion, String kind, ObjectMeta metadata, KcSpec spec) {
        Keycloak {
            required(spec, "spec");
        }
    }

    record KcSpec(Integer instances, String image, KcDb db, KcHttp http, KcHostname hostname, KcProxy proxy,
                  KcIngress ingress, KcNetworkPolicy networkPolicy, List<KcOption> additionalOptions,
                  ResourceRequirements resources, KcUnsupported unsupported, KcFeatures features,
                  Boolean startOptimized) {
        KcSpec {
            required(db, "spec.db");
            required(hostname, "spec.hostname");
            boolean plain = http != null && Boolean.TRUE.equals(http.httpEnabled());
            if (!plain && (http == null || http.tlsSecret() == null)) {
                throw new IllegalArgumentException("spec.http: set tlsSecret or httpEnabled: true");
            }
        }
    }

    record KcDb(String vendor, String host, Integer port, String database, String schema, String url,
                SecretKeySelector usernameSecret, SecretKeySelector passwordSecret, Integer poolInitialSize,
                Integer poolMinSize, Integer poolMaxSize) {
        KcDb {
            required(vendor, "spec.db.vendor");
            oneOf(vendor, "spec.db.vendor", "dev-file", "dev-mem", "postgres", "mysql", "mariadb", "mssql", "oracle");
        }
    }

    record KcHttp(Boolean httpEnabled, Integer httpPort, Integer httpsPort, String tlsSecret) {
    }

    record KcHostname(String hostname, String admin, Boolean strict, Boolean backchannelDynamic) {
    }

    record KcProxy(String headers) {
        KcProxy {
            oneOf(headers, "spec.proxy.headers", "forwarded", "xforwarded");
        }
    }

    record KcIngress(Boolean enabled, String className, Map<String, String> annotations, String tlsSecret) {
    }

    record KcNetworkPolicy(Boolean enabled, List<NetworkPolicyPeer> http, List<NetworkPolicyPeer> https,
                           List<NetworkPolicyPeer> management) {
    }

    record KcOption(String name, String value, SecretKeySelector secret) {
        KcOption {
            required(name, "additionalOptions[].name");
        }
    }

    record KcUnsupported(PodTemplateSpec podTemplate) {
    }

    record KcFeatures(List<String> enabled, List<String> disabled) {
    }

    record KeycloakRealmImport(String apiVersion, String kind, ObjectMeta metadata, KcRealmImportSpec spec) {
        KeycloakRealmImport {
            required(spec, "spec");
        }
    }

    record KcRealmImportSpec(String keycloakCRName, Realm realm, Map<String, KcPlaceholder> placeholders) {
        KcRealmImportSpec {
            required(keycloakCRName, "spec.keycloakCRName");
            required(realm, "spec.realm");
        }
    }

    record KcPlaceholder(SecretKeySelector secret) {
    }

    /** The subset of Keycloak's RealmRepresentation the import uses. */
    record Realm(String realm, String displayName, Boolean enabled, String sslRequired, Boolean registrationAllowed,
                 Boolean loginWithEmailAllowed, Boolean bruteForceProtected, Integer accessTokenLifespan,
                 Integer ssoSessionIdleTimeout, Integer ssoSessionMaxLifespan, Boolean internationalizationEnabled,
                 List<String> supportedLocales, String defaultLocale, RealmRoles roles,
                 List<ClientScope> clientScopes, List<Client> clients, Map<String, List<RealmComponent>> components) {
        Realm {
            required(realm, "spec.realm.realm");
            oneOf(sslRequired, "sslRequired", "all", "external", "none");
        }
    }

    record RealmRoles(List<RealmRole> realm) {
    }

    /** ComponentExportRepresentation (e.g. the declarative user profile). */
    record RealmComponent(String id, String name, String providerId, String subType,
                          Map<String, List<RealmComponent>> subComponents, Map<String, List<String>> config) {
        RealmComponent {
            required(providerId, "components[].providerId");
        }
    }

    record RealmRole(String name, String description) {
    }

    record ClientScope(String name, String description, String protocol, Map<String, String> attributes,
                       List<ProtocolMapper> protocolMappers) {
    }

    record ProtocolMapper(String name, String protocol, String protocolMapper, Map<String, String> config) {
    }

    record Client(String clientId, String name, Boolean enabled, Boolean publicClient, String clientAuthenticatorType,
                  String secret, Boolean standardFlowEnabled, Boolean directAccessGrantsEnabled, String protocol,
                  String rootUrl, List<String> redirectUris, List<String> webOrigins, Map<String, String> attributes,
                  Boolean fullScopeAllowed, List<ProtocolMapper> protocolMappers, List<String> defaultClientScopes,
                  List<String> optionalClientScopes) {
        Client {
            required(clientId, "clients[].clientId");
            oneOf(clientAuthenticatorType, "clients[].clientAuthenticatorType", "client-secret", "client-jwt",
                    "client-secret-jwt", "client-x509");
        }
    }
}
