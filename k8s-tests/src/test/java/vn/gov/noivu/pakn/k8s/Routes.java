package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the Ingresses of an overlay publish: for each path, the external prefix a client calls, the backend, and the
 * prefix the backend receives. Two shapes (ingress-nginx):
 * <ul>
 *   <li>plain: pathType Prefix, no rewrite; the backend receives the path unchanged;</li>
 *   <li>API: an Ingress with {@code use-regex: "true"} and {@code rewrite-target: /api/$1$2$3}, pathType
 *   ImplementationSpecific, each path {@code /api/<svc>/(v1/<resource>)(/|$)(.*)} (dots escaped): the client calls
 *   {@code /api/<svc>/v1/<resource>...}, the backend {@code <svc>-service} receives {@code /api/v1/<resource>...}.</li>
 * </ul>
 * The rewrite is also executed (the path as a regular expression, the target's $n substituted) on sample requests, so
 * the checks do not rely on the naming convention alone.
 */
final class Routes {

    static final String USE_REGEX = "nginx.ingress.kubernetes.io/use-regex";
    static final String REWRITE = "nginx.ingress.kubernetes.io/rewrite-target";
    static final String API_REWRITE = "/api/$1$2$3";
    private static final Pattern API_PATH = Pattern.compile(
            "^/api/([a-z]+)/\\((v1/[A-Za-z0-9_\\-/]+(?:\\\\\\.[A-Za-z0-9_\\-]+)*)\\)\\(/\\|\\$\\)\\(\\.\\*\\)$");
    private static final Pattern GROUP_REF = Pattern.compile("\\$(\\d)");

    /** One path of one Ingress; {@code problem} is non-null when the path could not be understood. */
    record Route(String ingress, String host, String path, String pathType, String backend, JsonNode port,
                 boolean rewritten, String external, String forwarded, String problem) {
    }

    private Routes() {
    }

    static List<Route> of(List<ObjectNode> objects) {
        List<Route> out = new ArrayList<>();
        for (ObjectNode ing : objects) {
            if (!ing.path("kind").asText().equals("Ingress")) {
                continue;
            }
            JsonNode ann = Yaml.at(ing, "metadata", "annotations");
            boolean regex = ann != null && "true".equals(ann.path(USE_REGEX).asText());
            String target = ann == null ? null : ann.path(REWRITE).asText(null);
            for (JsonNode rule : Yaml.each(Yaml.at(ing, "spec", "rules"))) {
                for (JsonNode p : Yaml.each(Yaml.at(rule, "http", "paths"))) {
                    out.add(route(Consistency.name(ing), rule.path("host").asText(), p, regex, target));
                }
            }
        }
        return out;
    }

    private static Route route(String ingress, String host, JsonNode p, boolean regex, String target) {
        String path = p.path("path").asText();
        String type = p.path("pathType").asText();
        String backend = Yaml.text(p, "backend", "service", "name");
        JsonNode port = Yaml.at(p, "backend", "service", "port");
        if (target == null) {
            String problem = null;
            if (!"Prefix".equals(type)) {
                problem = path + ": pathType must be Prefix on an Ingress without rewrite (is " + type + ")";
            } else if (regex && !path.matches("[A-Za-z0-9/_.-]+")) {
                problem = path + ": not a plain prefix";
            }
            return new Route(ingress, host, path, type, backend, port, false, path, path, problem);
        }
        if (!regex) {
            return new Route(ingress, host, path, type, backend, port, true, path, path,
                    "rewrite-target without " + USE_REGEX + ": \"true\" (the path's groups would not be captured)");
        }
        if (!API_REWRITE.equals(target)) {
            return new Route(ingress, host, path, type, backend, port, true, path, path,
                    "rewrite-target must be " + API_REWRITE + ", is " + target);
        }
        if (!"ImplementationSpecific".equals(type)) {
            return new Route(ingress, host, path, type, backend, port, true, path, path,
                    path + ": a regular-expression path needs pathType ImplementationSpecific (is " + type + ")");
        }
        Matcher m = API_PATH.matcher(path);
        if (!m.matches()) {
            return new Route(ingress, host, path, type, backend, port, true, path, path,
                    path + " is not of the form /api/<service>/(v1/<resource>)(/|$)(.*)");
        }
        String resource = m.group(2).replace("\\.", ".");
        String external = "/api/" + m.group(1) + "/" + resource;
        String forwarded = "/api/" + resource;
        String problem = null;
        if (backend == null || !backend.equals(m.group(1) + "-service")) {
            problem = path + ": the external prefix /api/" + m.group(1) + " names another service than the backend " + backend;
        }
        // execute it: the prefix itself and a sub-path are rewritten to the forwarded prefix; a longer word is not routed
        for (String[] sample : new String[][] {{external, forwarded}, {external + "/42/x?y=1", forwarded + "/42/x?y=1"},
                {external + "x", null}}) {
            String got = rewrite(path, target, sample[0]);
            if (problem == null && !java.util.Objects.equals(got, sample[1])) {
                problem = path + " rewrites " + sample[0] + " to " + got + ", expected " + sample[1];
            }
        }
        return new Route(ingress, host, path, type, backend, port, true, external, forwarded, problem);
    }

    /** nginx: location ~* "^path" then rewrite "(?i)path" target (query string kept); null when it does not match. */
    static String rewrite(String path, String target, String request) {
        int q = request.indexOf('?');
        String uri = q < 0 ? request : request.substring(0, q);
        String query = q < 0 ? "" : request.substring(q);
        Matcher m;
        try {
            m = Pattern.compile("^" + path, Pattern.CASE_INSENSITIVE).matcher(uri);
        } catch (PatternSyntaxException e) {
            return null;
        }
        if (!m.find()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        Matcher g = GROUP_REF.matcher(target);
        while (g.find()) {
            int n = Integer.parseInt(g.group(1));
            String v = n <= m.groupCount() && m.group(n) != null ? m.group(n) : "";
            g.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        g.appendTail(sb);
        return sb + uri.substring(m.end()) + query;
    }
}
