package vn.gov.noivu.pakn.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service's configuration needs from its Deployment, read from its sources on disk:
 * application.properties (profile-less and %prod keys) and @ConfigMapping interfaces (@WithDefault values).
 * A value pointing at the developer's machine (127.0.0.1, localhost, ../.stack) must be overridden in Kubernetes by
 * the environment variable Quarkus maps to the property (QUARKUS_DATASOURCE_JDBC_URL for quarkus.datasource.jdbc.url);
 * an expression ${NAME} without default needs NAME. A value that is one expression ${NAME:local default} is
 * overridden by either variable (NAME, or the property's own), written "NAME|PROPERTY_VAR" ({@link #satisfied}); a
 * @WithDefault the file's own key overrides is never used, so the file's value alone decides. A credential (a key ending in password or secret) with a value in
 * the file is the local stack's, so its variable is required too, and it must come from a Secret ({@link #secretEnv}).
 * The OIDC tenants (quarkus-oidc's default tenant and named ones, quarkus.oidc.&lt;tenant&gt;.*) are listed by
 * {@link #oidcTenants()}, for the checks of their provider, issuer, client and redirect URIs.
 */
record ServiceConfig(String service, Map<String, String> properties, Set<String> requiredEnv,
                     Map<String, String> whyRequired, Set<String> secretEnv) {

    /** A property holding a credential: ...password, ...secret, ...client-secret.value. */
    static final Pattern CREDENTIAL = Pattern.compile("(^|[.-])(password|secret)(\\.value)?$");
    /** Keys that name a quarkus-oidc tenant: quarkus.oidc.&lt;tenant&gt;.auth-server-url and the like. */
    private static final Pattern TENANT_KEY = Pattern.compile(
            "^quarkus\\.oidc\\.([a-z0-9_-]+)\\.(auth-server-url|application-type|tenant-paths|client-id|tenant-enabled)$");

    static final Pattern LOCAL = Pattern.compile("127\\.0\\.0\\.1|localhost|\\.\\./\\.stack|(^|/)\\.stack/");
    private static final Pattern EXPR = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern WITH_DEFAULT = Pattern.compile(
            "@WithDefault\\s*\\(\\s*\"([^\"]*)\"\\s*\\)((?:\\s*@\\w+(?:\\([^)]*\\))?)*)\\s*[\\w<>?,.\\s\\[\\]]+?\\s+(\\w+)\\s*\\(");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"");

    static ServiceConfig load(Path repo, String service) {
        Path props = repo.resolve(service).resolve("src/main/resources/application.properties");
        Map<String, String> p = parse(Yaml.read(props));
        Set<String> env = new LinkedHashSet<>();
        Map<String, String> why = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        p.forEach((k, v) -> {
            Matcher whole = EXPR.matcher(v);
            if (whole.matches() && !p.containsKey(whole.group(1)) && whole.group(2) != null
                    && LOCAL.matcher(whole.group(2)).find()) {
                // pakn.triage.search-url=${PAKN_SEARCH_URL:http://127.0.0.1:8083}: PAKN_SEARCH_URL or PAKN_TRIAGE_SEARCH_URL
                String name = envName(whole.group(1));
                String e = name.equals(envName(k)) ? name : name + "|" + envName(k);
                env.add(e);
                why.put(e, k + "=" + v + " points at the local stack");
                return;
            }
            if (LOCAL.matcher(v).find()) {
                String e = envName(k);
                env.add(e);
                why.put(e, k + "=" + v + " points at the local stack");
            }
            if (CREDENTIAL.matcher(k).find() && !v.isBlank() && !EXPR.matcher(v).find()) {
                String e = envName(k);
                env.add(e);
                secrets.add(e);
                why.putIfAbsent(e, k + " holds the local stack's credential");
            }
            Matcher m = EXPR.matcher(v);
            while (m.find()) {
                String name = m.group(1);
                String def = m.group(2);
                if (p.containsKey(name)) {
                    continue;
                }
                if (def == null || LOCAL.matcher(def).find()) {
                    String e = envName(name);
                    env.add(e);
                    why.put(e, k + " uses ${" + name + "}" + (def == null ? " without default" : " defaulting to the local stack"));
                }
            }
        });
        Path src = repo.resolve(service).resolve("src/main/java");
        if (Files.isDirectory(src)) {
            try (Stream<Path> files = Files.walk(src)) {
                Set<String> keyVars = new LinkedHashSet<>();
                p.keySet().forEach(k -> keyVars.add(envName(k)));
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    Set<String> defaults = new LinkedHashSet<>();
                    mappingDefaults(Yaml.read(f), f.getFileName().toString(), defaults, why);
                    for (String d : defaults) {
                        // the file sets the property (application.properties outranks @WithDefault): its rule applies
                        if (keyVars.stream().anyMatch(kv -> satisfied(d, Set.of(kv)))) {
                            why.remove(d);
                        } else {
                            env.add(d);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ServiceConfig(service, p, env, why, secrets);
    }

    /** A quarkus-oidc tenant of the service: id "" is the default tenant (keys quarkus.oidc.*). */
    record OidcTenant(String id) {

        String prefix() {
            return id.isEmpty() ? "quarkus.oidc." : "quarkus.oidc." + id + ".";
        }

        /** The tenant's key for a property of the tenant configuration (token.issuer -> quarkus.oidc.web.token.issuer). */
        String property(String key) {
            return prefix() + key;
        }

        /** The environment variable of that key (QUARKUS_OIDC_WEB_TOKEN_ISSUER). */
        String env(String key) {
            return envName(property(key));
        }

        String label() {
            return id.isEmpty() ? "default OIDC tenant" : "OIDC tenant " + id;
        }
    }

    /** The default tenant when the file configures it (auth-server-url or application-type), then the named ones. */
    List<OidcTenant> oidcTenants() {
        Set<String> ids = new LinkedHashSet<>();
        if (properties.containsKey("quarkus.oidc.auth-server-url") || properties.containsKey("quarkus.oidc.application-type")) {
            ids.add("");
        }
        for (String k : properties.keySet()) {
            Matcher m = TENANT_KEY.matcher(k);
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids.stream().map(OidcTenant::new).toList();
    }

    /** @ConfigMapping(prefix = "pakn.x") ... @WithDefault("http://127.0.0.1:8083") String searchUrl(); */
    static void mappingDefaults(String java, String origin, Set<String> env, Map<String, String> why) {
        Matcher mm = MAPPING.matcher(java);
        if (!mm.find()) {
            return;
        }
        String prefix = mm.group(1);
        Matcher d = WITH_DEFAULT.matcher(java);
        while (d.find()) {
            if (!LOCAL.matcher(d.group(1)).find()) {
                continue;
            }
            int from = Math.max(java.lastIndexOf(';', d.start()), java.lastIndexOf('{', d.start())) + 1;
            Matcher wn = WITH_NAME.matcher(java.substring(from, d.end()));
            String leaf = wn.find() ? wn.group(1) : kebab(d.group(3));
            // nested groups add segments between prefix and leaf: the check accepts PREFIX_..._LEAF
            String e = envName(prefix) + "_*" + envName(leaf);
            env.add(e);
            why.put(e, origin + ": " + prefix + ".." + leaf + " defaults to " + d.group(1));
        }
    }

    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern MEMBER = Pattern.compile("(\\w+)\\s*\\(\\s*\\)\\s*;");

    /**
     * Whether the service reads the environment variable: it is the variable of a key of application.properties
     * (any profile), an expression ${NAME} there uses it, it is the variable of a @ConfigProperty name, or it lies under
     * a @ConfigMapping prefix and ends with one of the mapping's members (PAKN_SEARCH_INDEX_REPLICAS).
     */
    /** Shared code of every service: its @ConfigMapping interfaces are read by each of them. */
    static final String COMMONS_SOURCES = "service-commons/src/main/java";

    static boolean readsVariable(Path repo, String service, String variable) {
        String props = Yaml.read(repo.resolve(service).resolve("src/main/resources/application.properties"));
        for (String raw : props.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || !line.contains("=")) {
                continue;
            }
            String key = line.substring(0, line.indexOf('=')).strip().replaceFirst("^%[\\w,-]+\\.", "");
            if (envName(key).equals(variable)) {
                return true;
            }
            Matcher m = EXPR.matcher(line);
            while (m.find()) {
                if (m.group(1).equals(variable) || envName(m.group(1)).equals(variable)) {
                    return true;
                }
            }
        }
        // the service's own code and service-commons' (every service depends on it, e.g. pakn.tracing.*)
        Path src = repo.resolve(service).resolve("src/main/java");
        if (!Files.isDirectory(src)) {
            return false;
        }
        try (Stream<Path> files = Stream.concat(Files.walk(src), Files.isDirectory(repo.resolve(COMMONS_SOURCES))
                ? Files.walk(repo.resolve(COMMONS_SOURCES)) : Stream.empty())) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                String java = Yaml.read(f);
                Matcher cp = CONFIG_PROPERTY.matcher(java);
                while (cp.find()) {
                    if (envName(cp.group(1)).equals(variable)) {
                        return true;
                    }
                }
                Matcher mm = MAPPING.matcher(java);
                if (mm.find() && variable.startsWith(envName(mm.group(1)) + "_")) {
                    Matcher member = MEMBER.matcher(java);
                    while (member.find()) {
                        if (satisfied(envName(mm.group(1)) + "_*" + envName(kebab(member.group(1))), Set.of(variable))) {
                            return true;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return false;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** Quarkus/MicroProfile environment variable name of a property. */
    static String envName(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    static boolean satisfied(String required, Set<String> envNames) {
        if (required.contains("|")) {
            return Stream.of(required.split("\\|")).anyMatch(alternative -> satisfied(alternative, envNames));
        }
        if (!required.contains("_*")) {
            return envNames.contains(required);
        }
        String head = required.substring(0, required.indexOf("_*"));
        String tail = required.substring(required.indexOf("_*") + 2);
        return envNames.stream().anyMatch(n -> n.startsWith(head + "_") && n.endsWith("_" + tail)
                || n.equals(head + "_" + tail));
    }

    /** Profile-less keys, then %prod keys over them (the image runs the prod profile); other profiles ignored. */
    static Map<String, String> parse(String text) {
        Map<String, String> base = new LinkedHashMap<>();
        Map<String, String> prod = new LinkedHashMap<>();
        StringBuilder logical = new StringBuilder();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (logical.isEmpty() && (line.isEmpty() || line.startsWith("#") || line.startsWith("!"))) {
                continue;
            }
            if (line.endsWith("\\") && !line.endsWith("\\\\")) {
                logical.append(line, 0, line.length() - 1);
                continue;
            }
            logical.append(line);
            String l = logical.toString();
            logical.setLength(0);
            int eq = l.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = l.substring(0, eq).strip();
            String v = l.substring(eq + 1).strip();
            if (k.startsWith("%prod.")) {
                prod.put(k.substring(6), v);
            } else if (!k.startsWith("%")) {
                base.put(k, v);
            }
        }
        base.putAll(prod);
        return base;
    }

    String httpPort() {
        return properties.getOrDefault("quarkus.http.port", "8080");
    }

    static final List<String> SERVICES = List.of("intake-service", "triage-service", "search-service",
            "notification-service");
}
