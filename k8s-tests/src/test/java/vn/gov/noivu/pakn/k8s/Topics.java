package vn.gov.noivu.pakn.k8s;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the event contract's sources from disk (k8s-tests depends on no project module). */
final class Topics {

    private static final Pattern STRING = Pattern.compile("static final String (\\w+) = \"([^\"]+)\"");
    private static final Pattern INT = Pattern.compile("static final int (\\w+) = (\\d+)");
    private static final Pattern ENTRY = Pattern.compile("(\\w+)\\s*,\\s*(\\w+)\\s*[,)]");

    private Topics() {
    }

    /** Topic name -> partitions, from Topics.ALL in case-events. */
    static Map<String, Integer> read(Path repo) {
        String src = Yaml.read(repo.resolve("case-events/src/main/java/vn/gov/noivu/pakn/events/Topics.java"));
        Map<String, String> strings = new LinkedHashMap<>();
        Map<String, Integer> ints = new LinkedHashMap<>();
        Matcher m = STRING.matcher(src);
        while (m.find()) {
            strings.put(m.group(1), m.group(2));
        }
        m = INT.matcher(src);
        while (m.find()) {
            ints.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        int all = src.indexOf("ALL = ");
        if (all < 0) {
            throw new IllegalStateException("Topics.ALL not found");
        }
        String body = src.substring(all, src.indexOf(';', all));
        Map<String, Integer> out = new LinkedHashMap<>();
        m = ENTRY.matcher(body);
        while (m.find()) {
            if (strings.containsKey(m.group(1)) && ints.containsKey(m.group(2))) {
                out.put(strings.get(m.group(1)), ints.get(m.group(2)));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no topics parsed from Topics.ALL");
        }
        return out;
    }

    /** Identity.ROLES values. */
    static Set<String> roles(Path repo) {
        String src = Yaml.read(repo.resolve("case-events/src/main/java/vn/gov/noivu/pakn/contract/Identity.java"));
        Map<String, String> strings = new LinkedHashMap<>();
        Matcher m = STRING.matcher(src);
        while (m.find()) {
            strings.put(m.group(1), m.group(2));
        }
        int i = src.indexOf("ROLES = List.of(");
        String body = src.substring(i + 16, src.indexOf(')', i));
        Set<String> out = new LinkedHashSet<>();
        for (String n : body.split(",")) {
            out.add(strings.get(n.strip()));
        }
        return out;
    }

    /** The scope claims of Identity (CLAIM_* constants) except the display name, which every OIDC profile carries. */
    static Set<String> claims(Path repo) {
        String src = Yaml.read(repo.resolve("case-events/src/main/java/vn/gov/noivu/pakn/contract/Identity.java"));
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("static final String (CLAIM_\\w+) = \"([^\"]+)\"").matcher(src);
        while (m.find()) {
            if (!m.group(1).equals("CLAIM_NAME")) {
                out.add(m.group(2));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no CLAIM_* constants parsed from Identity.java");
        }
        return out;
    }
}
