package vn.gov.noivu.pakn.k8s;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docs/deployment.md as the checks read it: the table of Secrets the platform provides. */
final class DeploymentDoc {

    static final Path FILE = Repo.ROOT.resolve("docs/deployment.md");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9.-]+)`\\s*\\|");

    private DeploymentDoc() {
    }

    static String text() {
        return Yaml.read(FILE);
    }

    /** Names in the first column of the table under the heading "Secrets the platform provides". */
    static Set<String> platformSecrets() {
        return platformSecrets(text());
    }

    static Set<String> platformSecrets(String md) {
        Set<String> out = new LinkedHashSet<>();
        boolean in = false;
        for (String line : md.split("\n")) {
            if (line.startsWith("#")) {
                in = line.toLowerCase().contains("secrets the platform provides");
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (in && m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
