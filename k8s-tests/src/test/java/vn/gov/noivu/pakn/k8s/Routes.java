package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the HTTPRoutes (Gateway API) of an overlay publish: for each path match, the external prefix a client calls,
 * the backend, and the prefix the backend receives. Two shapes:
 * <ul>
 *   <li>plain: a {@code PathPrefix} match, no filter; the backend receives the path unchanged;</li>
 *   <li>API: a {@code PathPrefix} match {@code /api/<svc>/v1/<resource>} with a {@code URLRewrite} filter
 *   {@code ReplacePrefixMatch: /api/v1/<resource>}: the backend {@code <svc>-service} receives
 *   {@code /api/v1/<resource>...} (Gateway API replaces the matched prefix, whole segments only).</li>
 * </ul>
 * A rule that only redirects (RequestRedirect, e.g. http to https) publishes nothing and is skipped.
 */
final class Routes {

    private static final Pattern API = Pattern.compile("^/api/([a-z]+)/(v1/[A-Za-z0-9_.\\-/]+)$");

    /** One path match of one HTTPRoute rule; {@code problem} is non-null when it could not be understood. */
    record Route(String route, String host, String path, String backend, Integer port, boolean rewritten,
                 String external, String forwarded, String problem) {
    }

    private Routes() {
    }

    static List<Route> of(List<ObjectNode> objects) {
        List<Route> out = new ArrayList<>();
        for (ObjectNode r : objects) {
            if (!r.path("kind").asText().equals("HTTPRoute")) {
                continue;
            }
            String name = Consistency.name(r);
            JsonNode hostnames = Yaml.at(r, "spec", "hostnames");
            String host = hostnames == null || hostnames.isEmpty() ? null : hostnames.get(0).asText();
            for (JsonNode rule : Yaml.each(Yaml.at(r, "spec", "rules"))) {
                if (redirectOnly(rule)) {
                    continue;
                }
                for (JsonNode m : Yaml.each(rule.get("matches"))) {
                    out.add(route(name, host, rule, m));
                }
            }
        }
        return out;
    }

    private static boolean redirectOnly(JsonNode rule) {
        boolean redirect = false;
        for (JsonNode f : Yaml.each(rule.get("filters"))) {
            redirect |= f.path("type").asText().equals("RequestRedirect");
        }
        return redirect && (rule.get("backendRefs") == null || rule.get("backendRefs").isEmpty());
    }

    private static Route route(String name, String host, JsonNode rule, JsonNode match) {
        String type = match.path("path").path("type").asText("PathPrefix");
        String path = match.path("path").path("value").asText("/");
        JsonNode refs = rule.get("backendRefs");
        String backend = refs == null || refs.isEmpty() ? null : refs.get(0).path("name").asText();
        Integer port = refs == null || refs.isEmpty() || !refs.get(0).has("port") ? null : refs.get(0).path("port").asInt();
        String problem = null;
        if (refs == null || refs.size() != 1) {
            problem = path + ": one backendRef per rule expected";
        } else if (!refs.get(0).path("kind").asText("Service").equals("Service")) {
            problem = path + ": backendRef is not a Service";
        }
        if (!type.equals("PathPrefix")) {
            return new Route(name, host, path, backend, port, false, path, path,
                    path + ": match type must be PathPrefix (is " + type + ")");
        }
        String rewrite = null;
        for (JsonNode f : Yaml.each(rule.get("filters"))) {
            if (f.path("type").asText().equals("URLRewrite")) {
                JsonNode p = Yaml.at(f, "urlRewrite", "path");
                if (p == null || !p.path("type").asText().equals("ReplacePrefixMatch")) {
                    problem = path + ": URLRewrite must use ReplacePrefixMatch";
                } else {
                    rewrite = p.path("replacePrefixMatch").asText();
                }
                if (Yaml.at(f, "urlRewrite", "hostname") != null) {
                    problem = path + ": URLRewrite must not change the host";
                }
            } else {
                problem = path + ": unexpected filter " + f.path("type").asText();
            }
        }
        if (rewrite == null) {
            if (path.startsWith("/api/")) {
                problem = problem != null ? problem : path + ": an API prefix without its URLRewrite filter";
            }
            return new Route(name, host, path, backend, port, false, path, path, problem);
        }
        Matcher m = API.matcher(path);
        if (!m.matches()) {
            return new Route(name, host, path, backend, port, true, path, rewrite,
                    path + " is not of the form /api/<service>/v1/<resource>");
        }
        String expected = "/api/" + m.group(2);
        if (problem == null && !rewrite.equals(expected)) {
            problem = path + " must be forwarded as " + expected + ", is rewritten to " + rewrite;
        }
        if (problem == null && (backend == null || !backend.equals(m.group(1) + "-service"))) {
            problem = path + ": the external prefix /api/" + m.group(1) + " names another service than the backend " + backend;
        }
        return new Route(name, host, path, backend, port, true, path, rewrite, problem);
    }
}
