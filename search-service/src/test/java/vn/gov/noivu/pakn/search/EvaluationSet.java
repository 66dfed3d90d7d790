package vn.gov.noivu.pakn.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.gov.noivu.pakn.events.Actor;
import vn.gov.noivu.pakn.events.CaseEvent;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseKind;
import vn.gov.noivu.pakn.events.Change;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.Urgency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A labelled evaluation set on the test class path ({@code /<folder>/cases.jsonl} and {@code queries.jsonl}):
 * the cases as intake would publish them, the queries with the cases they should find, and the scores.
 *
 * <pre>{@code
 * EvaluationSet set = EvaluationSet.load("evaluation");
 * caseIndexer.apply(set.events(), List.of(index));          // production mapping path: CaseDocumentMapper
 * for (EvaluationSet.Query q : set.queries()) {
 *     List<String> ids = ...search(set.text(q))...;         // case ids (UUIDs) in rank order
 *     double p = EvaluationSet.rPrecision(set.labels(ids), set.relevant(q));
 * }
 * Map<String, String> problemOf = set.problemOf();          // id (E001) → problem label, for pairwise scores
 * }</pre>
 *
 * Each case gets a stable case id ({@link #caseId(String)}, a name-based UUID of its label) and a stable code
 * ({@link #code(String)}, PAKN-2025-9NNNNN in file order); provinces and communes given by name get stable numbers.
 */
public final class EvaluationSet {

    /** One line of cases.jsonl. */
    public record Case(String id, String problem, String title, String description, String topic, String province,
            String commune) {
    }

    /**
     * One line of queries.jsonl: {@code relevant} case labels, or {@code codeOf} (the query is that case's code; the
     * query text may spell it with placeholders {@code {code}}, {@code {code_lower}}, {@code {code_compact}},
     * {@code {code_lower_compact}}; without one, the code itself).
     */
    public record Query(String query, List<String> relevant, String codeOf) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor COMMUNE = new Actor("commune-eval", "commune-official", "Cán bộ xã");

    private final String folder;
    private final List<Case> cases;
    private final List<Query> queries;
    private final Map<String, Case> byId = new LinkedHashMap<>();
    private final Map<String, String> codes = new LinkedHashMap<>();
    private final Map<String, String> labelOfCaseId = new LinkedHashMap<>();

    private EvaluationSet(String folder, List<Case> cases, List<Query> queries) {
        this.folder = folder;
        this.cases = List.copyOf(cases);
        this.queries = List.copyOf(queries);
        int n = 0;
        for (Case c : cases) {
            byId.put(c.id(), c);
            codes.put(c.id(), String.format(Locale.ROOT, "PAKN-2025-%06d", 900_000 + ++n));
            labelOfCaseId.put(caseId(c.id()), c.id());
        }
        for (Query q : queries) {
            for (String id : relevant(q)) {
                if (!byId.containsKey(id)) {
                    throw new IllegalArgumentException(folder + "/queries.jsonl names an unknown case " + id);
                }
            }
        }
    }

    /** Loads {@code /<folder>/cases.jsonl} and {@code /<folder>/queries.jsonl} from the test class path. */
    public static EvaluationSet load(String folder) {
        List<Case> cases = new ArrayList<>();
        for (JsonNode n : lines("/" + folder + "/cases.jsonl")) {
            cases.add(new Case(text(n, "id"), text(n, "problem"), text(n, "title"), text(n, "description"),
                    text(n, "topic"), text(n, "province"), text(n, "commune")));
        }
        List<Query> queries = new ArrayList<>();
        for (JsonNode n : lines("/" + folder + "/queries.jsonl")) {
            List<String> relevant = new ArrayList<>();
            n.path("relevant").forEach(r -> relevant.add(r.asText()));
            queries.add(new Query(text(n, "query"), relevant, text(n, "code_of")));
        }
        return new EvaluationSet(folder, cases, queries);
    }

    /** True when the folder is on the test class path (the set may land after the harness). */
    public static boolean exists(String folder) {
        return EvaluationSet.class.getResource("/" + folder + "/cases.jsonl") != null
                && EvaluationSet.class.getResource("/" + folder + "/queries.jsonl") != null;
    }

    public String folder() {
        return folder;
    }

    public List<Case> cases() {
        return cases;
    }

    public List<Query> queries() {
        return queries;
    }

    /** Label (E001) → problem, e.g. for grouping's pairwise precision/recall ({@link LabelledCorpus#score}). */
    public Map<String, String> problemOf() {
        Map<String, String> out = new LinkedHashMap<>();
        cases.forEach(c -> out.put(c.id(), c.problem()));
        return out;
    }

    /** The case id (UUID) the case is indexed under. */
    public static String caseId(String label) {
        return UUID.nameUUIDFromBytes(("pakn-eval:" + label).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The label of an indexed case id, or null for a case not of this set. */
    public String label(String caseId) {
        return labelOfCaseId.get(caseId);
    }

    /** Case ids → labels, in order; ids not of this set stay as they are (they count as misses). */
    public List<String> labels(Collection<String> caseIds) {
        return caseIds.stream().map(id -> labelOfCaseId.getOrDefault(id, id)).toList();
    }

    public String code(String label) {
        return codes.get(label);
    }

    /** The text to type for a query. */
    public String text(Query q) {
        if (q.codeOf() == null) {
            return q.query();
        }
        String code = code(q.codeOf());
        String compact = code.replace("-", "");
        String t = q.query() == null || q.query().isBlank() || !q.query().contains("{") ? code : q.query();
        return t.replace("{code}", code).replace("{code_lower}", code.toLowerCase(Locale.ROOT))
                .replace("{code_compact}", compact).replace("{code_lower_compact}", compact.toLowerCase(Locale.ROOT));
    }

    /** The labels a query should find. */
    public Set<String> relevant(Query q) {
        Set<String> r = new LinkedHashSet<>(q.relevant() == null ? List.of() : q.relevant());
        if (q.codeOf() != null) {
            r.add(q.codeOf());
        }
        return r;
    }

    /**
     * Every case as intake publishes it on submission (one SUBMITTED snapshot, caseversion 1), submitted a minute
     * apart from {@code start}; provinces and communes given by name are numbered in order of appearance.
     */
    public List<CaseEvent> events(Instant start) {
        Map<String, Integer> provinces = new LinkedHashMap<>();
        Map<String, Integer> communes = new LinkedHashMap<>();
        Function<String, Integer> province = name -> number(name, provinces, 1);
        Function<String, Integer> commune = name -> number(name, communes, 100_001);
        List<CaseEvent> out = new ArrayList<>();
        int i = 0;
        for (Case c : cases) {
            Instant at = start.plus(Duration.ofMinutes(i++));
            String provinceName = c.province() == null ? "Tỉnh thử nghiệm" : c.province();
            String communeName = c.commune() == null ? "Xã thử nghiệm" : c.commune();
            String topic = c.topic() == null ? "KHAC" : c.topic();
            IntakeCaseData d = new IntakeCaseData(caseId(c.id()), code(c.id()), commune.apply(provinceName + "/" + communeName),
                    communeName, province.apply(provinceName), provinceName, topic, topic, CaseKind.DIFFICULTY,
                    Urgency.NORMAL, c.title(), c.description(), "Người gửi", "0900000000", "xa@example.gov.vn", 0,
                    List.of(), at, COMMUNE, Change.by(COMMUNE, at));
            out.add(CaseEventCodec.intake(CaseEventType.SUBMITTED, UUID.nameUUIDFromBytes(
                    ("pakn-eval-event:" + c.id()).getBytes(StandardCharsets.UTF_8)), 1, d));
        }
        return out;
    }

    private static int number(String name, Map<String, Integer> numbers, int first) {
        String digits = name.replaceAll("\\D", "");
        if (!digits.isEmpty() && digits.length() <= 6 && name.strip().equals(digits)) {
            return Integer.parseInt(digits);
        }
        return numbers.computeIfAbsent(name, k -> first + numbers.size());
    }

    /**
     * R-precision at k = min(5, |relevant|): the share of the top k results that are relevant. {@code ranked} are
     * labels in rank order (anything else counts as a miss).
     */
    public static double rPrecision(List<String> ranked, Set<String> relevant) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("a query without relevant cases");
        }
        int k = Math.min(5, relevant.size());
        long hits = ranked.stream().limit(k).filter(relevant::contains).count();
        return (double) hits / k;
    }

    /** k for a query: min(5, |relevant|). */
    public static int k(Set<String> relevant) {
        return Math.min(5, relevant.size());
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<JsonNode> lines(String resource) {
        try (InputStream in = EvaluationSet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<JsonNode> out = new ArrayList<>();
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("//") || line.startsWith("#")) {
                    continue;
                }
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new IllegalArgumentException(resource + " line " + no + ": " + e.getMessage(), e);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
