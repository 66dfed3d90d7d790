package vn.gov.noivu.pakn.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The HTTP paths a service really serves, read from its sources at test time: every JAX-RS resource class under
 * {@code <service>/src/main/java} (and under {@code service-commons/src/main/java} when the service depends on it,
 * e.g. {@code /api/v1/me}) contributes its class-level {@code @Path} joined with each method-level {@code @Path}.
 * REST clients ({@code @RegisterRestClient} interfaces) describe another service's API and are skipped.
 * Only resource methods count (an HTTP method annotation, with or without its own @Path): a class-level @Path
 * alone serves nothing. Templates keep their parameter names without regular expressions ({@code /api/v1/cases/{id}}).
 */
final class ServedPaths {

    private static final Pattern PATH = Pattern.compile("@Path\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern VERB = Pattern.compile("@(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\\b");
    private static final Pattern TYPE = Pattern.compile("\\b(class|interface|record|enum)\\s+\\w+");
    private static final Map<String, List<String>> CACHE = new ConcurrentHashMap<>();

    private ServedPaths() {
    }

    /** Sorted path templates the service serves (cached per repository and service). */
    static List<String> of(Path repo, String service) {
        return CACHE.computeIfAbsent(repo + "|" + service, k -> scan(repo, service));
    }

    private static List<String> scan(Path repo, String service) {
        List<Path> roots = new ArrayList<>(List.of(repo.resolve(service).resolve("src/main/java")));
        Path pom = repo.resolve(service).resolve("pom.xml");
        if (Files.isRegularFile(pom) && Yaml.read(pom).contains("<artifactId>service-commons</artifactId>")) {
            roots.add(repo.resolve("service-commons/src/main/java"));
        }
        TreeSet<String> out = new TreeSet<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
                    out.addAll(fromSource(Yaml.read(f)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(out);
    }

    /** The paths one source file serves: class @Path (before the type declaration) + each method @Path. */
    static List<String> fromSource(String java) {
        String code = java.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", " ");
        if (code.contains("@RegisterRestClient")) {
            return List.of();
        }
        Matcher type = TYPE.matcher(code);
        if (!type.find()) {
            return List.of();
        }
        String masked = mask(code);
        String root = null;
        Matcher m = PATH.matcher(code);
        while (m.find()) {
            if (m.start() < type.start()) {
                root = m.group(1);
            }
        }
        if (root == null) {
            return List.of(); // not a root resource (sub-resource locators are not used by the services)
        }
        // each resource method: its annotations run from the previous ; { or } to the { or ; ending its signature
        List<String> out = new ArrayList<>();
        Matcher verb = VERB.matcher(masked);
        while (verb.find()) {
            if (verb.start() < type.start()) {
                continue;
            }
            int from = Math.max(Math.max(masked.lastIndexOf(';', verb.start()), masked.lastIndexOf('{', verb.start())),
                    masked.lastIndexOf('}', verb.start())) + 1;
            int toBrace = masked.indexOf('{', verb.end());
            int toSemi = masked.indexOf(';', verb.end());
            int to = toBrace < 0 ? toSemi : toSemi < 0 ? toBrace : Math.min(toBrace, toSemi);
            Matcher sub = PATH.matcher(code.substring(from, to < 0 ? code.length() : to));
            out.add(normalize(sub.find() ? root + "/" + sub.group(1) : root));
        }
        return out;
    }

    /** The code with the contents of string literals blanked (same length), so braces in paths are not structure. */
    private static String mask(String code) {
        StringBuilder sb = new StringBuilder(code);
        boolean in = false;
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (c == '"' && (i == 0 || sb.charAt(i - 1) != '\\')) {
                in = !in;
            } else if (in) {
                sb.setCharAt(i, 'x');
            }
        }
        return sb.toString();
    }

    /** Leading slash, single slashes, no trailing slash, {name: regex} reduced to {name}. */
    static String normalize(String path) {
        String p = path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /**
     * Whether a request path prefix (segment-wise: /api/v1/cases, not /api/v1/ca) reaches a served template: every
     * segment of the prefix equals the template's segment or the template has a parameter there.
     */
    static boolean servesPrefix(List<String> served, String prefix) {
        String[] p = segments(prefix);
        for (String t : served) {
            String[] s = segments(t);
            if (p.length > s.length) {
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < p.length && ok; i++) {
                ok = s[i].equals(p[i]) || s[i].matches("\\{\\w+}");
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    static String[] segments(String path) {
        String p = normalize(path);
        return p.equals("/") ? new String[0] : p.substring(1).split("/");
    }
}
