package vn.gov.noivu.pakn.stack.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The curated Vietnamese texts of the demo data set ({@code demo/phrases.txt}): recurring problems of communes after
 * the 2025 merger, each told in several ways; subjects of one-off cases; shared phrases (openers, asks, answers,
 * information requests and replies, reopen and escalation reasons, contact names).
 */
public final class PhraseBank {

    /** A problem many communes report, in varied words. */
    public record Problem(String key, String topic, String kind, int weight, List<String> titles,
            List<String> bodies) {
    }

    /** A subject of one-off (long-tail) cases. */
    public record OneOff(String topic, String kind, String title, String body) {
    }

    public final List<Problem> problems = new ArrayList<>();
    public final List<OneOff> oneOffs = new ArrayList<>();
    private final Map<String, List<String>> lists = new LinkedHashMap<>();

    public static PhraseBank load() {
        try (InputStream in = PhraseBank.class.getResourceAsStream("/demo/phrases.txt")) {
            if (in == null) {
                throw new IllegalStateException("demo/phrases.txt is missing from the launcher's classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PhraseBank parse(List<String> lines) {
        PhraseBank bank = new PhraseBank();
        String section = null;
        String[] head = null;
        List<String> titles = null;
        List<String> bodies = null;
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                head = line.substring(1, line.length() - 1).trim().split("\\s+");
                section = head[0];
                if (section.equals("problem")) {
                    if (head.length != 5) {
                        throw new IllegalArgumentException("line " + n + ": [problem KEY TOPIC KIND WEIGHT] expected");
                    }
                    titles = new ArrayList<>();
                    bodies = new ArrayList<>();
                    bank.problems.add(new Problem(head[1], head[2], head[3], Integer.parseInt(head[4]), titles,
                            bodies));
                } else if (section.equals("oneoff") && head.length != 3) {
                    throw new IllegalArgumentException("line " + n + ": [oneoff TOPIC KIND] expected");
                }
                continue;
            }
            if (section == null) {
                throw new IllegalArgumentException("line " + n + ": text outside a section");
            }
            switch (section) {
                case "problem" -> {
                    if (line.startsWith("title:")) {
                        titles.add(line.substring(6).strip());
                    } else if (line.startsWith("body:")) {
                        bodies.add(line.substring(5).strip());
                    } else {
                        throw new IllegalArgumentException("line " + n + ": title: or body: expected");
                    }
                }
                case "oneoff" -> {
                    int bar = line.indexOf('|');
                    if (bar < 0) {
                        throw new IllegalArgumentException("line " + n + ": 'title | body' expected");
                    }
                    bank.oneOffs.add(new OneOff(head[1], head[2], line.substring(0, bar).strip(),
                            line.substring(bar + 1).strip()));
                }
                default -> bank.lists.computeIfAbsent(section, k -> new ArrayList<>()).add(line);
            }
        }
        for (Problem p : bank.problems) {
            if (p.titles().isEmpty() || p.bodies().isEmpty()) {
                throw new IllegalArgumentException("problem " + p.key() + " needs at least one title and one body");
            }
        }
        return bank;
    }

    /** A shared list ({@code openers}, {@code asks}, {@code answers}, ...); never empty. */
    public List<String> list(String name) {
        List<String> l = lists.get(name);
        if (l == null || l.isEmpty()) {
            throw new IllegalStateException("phrase list [" + name + "] is missing or empty");
        }
        return l;
    }
}
