package vn.gov.noivu.pakn.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The labelled Vietnamese corpus of src/test/resources/corpus/recurring-cases.tsv and pairwise precision/recall. */
public final class LabelledCorpus {

    public record Case(String label, String topic, String title, String description) {
        public boolean single() {
            return label.startsWith("single-");
        }
    }

    /** Communes of twelve provinces (official codes), assigned round-robin to the corpus. */
    public record Commune(int code, String name, int provinceCode, String provinceName) {
    }

    /**
     * A commune by its official code, named as the official list names it and its province
     * (intake-service/src/main/resources/reference/vn-admin-units-2025.csv): every test case of a code carries the same
     * names, as real cases do (search's facet names are one name per code, FacetLabels).
     */
    public static Commune official(int communeCode) {
        Commune c = official().get(communeCode);
        if (c == null) {
            throw new IllegalArgumentException("not an official commune code: " + communeCode);
        }
        return c;
    }

    private static volatile Map<Integer, Commune> official;

    private static Map<Integer, Commune> official() {
        if (official == null) {
            java.nio.file.Path csv = java.nio.file.Path.of("..", "intake-service", "src", "main", "resources",
                    "reference", "vn-admin-units-2025.csv");
            Map<Integer, Commune> m = new HashMap<>();
            try {
                for (String line : java.nio.file.Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                    String[] f = line.split(",");
                    if (f.length >= 5 && f[0].matches("\\d+")) {
                        m.put(Integer.parseInt(f[0]), new Commune(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[3]),
                                f[4]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            official = Map.copyOf(m);
        }
        return official;
    }

    public static final List<Commune> COMMUNES = List.of(
            new Commune(4, "Phường Ba Đình", 1, "Thành phố Hà Nội"),
            new Commune(1273, "Phường Thục Phán", 4, "Tỉnh Cao Bằng"),
            new Commune(3127, "Phường Điện Biên Phủ", 11, "Tỉnh Điện Biên"),
            new Commune(6652, "Phường Hà Tu", 22, "Tỉnh Quảng Ninh"),
            new Commune(14758, "Phường Hàm Rồng", 38, "Tỉnh Thanh Hóa"),
            new Commune(16681, "Phường Thành Vinh", 40, "Tỉnh Nghệ An"),
            new Commune(19753, "Phường Phú Xuân", 46, "Thành phố Huế"),
            new Commune(20194, "Phường Hải Vân", 48, "Thành phố Đà Nẵng"),
            new Commune(22015, "Phường Tuy Hòa", 66, "Tỉnh Đắk Lắk"),
            new Commune(25747, "Phường Thủ Dầu Một", 79, "Thành phố Hồ Chí Minh"),
            new Commune(28249, "Phường Đạo Thạnh", 82, "Tỉnh Đồng Tháp"),
            new Commune(31825, "Phường Bạc Liêu", 96, "Tỉnh Cà Mau"));

    private LabelledCorpus() {
    }

    public static List<Case> load() {
        try (InputStream in = LabelledCorpus.class.getResourceAsStream("/corpus/recurring-cases.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<Case> out = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(new Case(f[0], f[1], f[2], f[3]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Score(double precision, double recall, long truePairs, long predictedPairs, long correctPairs) {
        public double f1() {
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }

        @Override
        public String toString() {
            return String.format("precision %.3f, recall %.3f, F1 %.3f (pairs: %d labelled together, %d predicted,"
                    + " %d correct)", precision, recall, f1(), truePairs, predictedPairs, correctPairs);
        }
    }

    /**
     * Pairwise scores: a pair of cases is "together" when in the same group. Precision: predicted pairs that share a
     * label; recall: same-label pairs that were predicted together. Single cases have unique labels.
     */
    public static Score score(Map<String, String> labelOf, List<? extends Set<String>> groups) {
        Map<String, Integer> groupOf = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (String id : groups.get(g)) {
                groupOf.put(id, g);
            }
        }
        List<String> ids = new ArrayList<>(labelOf.keySet());
        long truePairs = 0;
        long predicted = 0;
        long correct = 0;
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                boolean same = labelOf.get(ids.get(i)).equals(labelOf.get(ids.get(j)));
                Integer gi = groupOf.get(ids.get(i));
                boolean together = gi != null && gi.equals(groupOf.get(ids.get(j)));
                truePairs += same ? 1 : 0;
                predicted += together ? 1 : 0;
                correct += same && together ? 1 : 0;
            }
        }
        return new Score(predicted == 0 ? 0 : (double) correct / predicted, truePairs == 0 ? 0 : (double) correct / truePairs,
                truePairs, predicted, correct);
    }

    /**
     * Why same-problem pairs end in different issues (the recall lost): {@code single} pairs with a case left alone,
     * {@code fragments} pairs whose two issues are both mostly of their problem (one problem in several issues),
     * {@code absorbed} pairs with a case in an issue mostly of another problem; and the cases left alone (of a
     * recurring problem, and one-offs) and one-offs put in an issue.
     */
    public record Split(long single, long fragments, long absorbed, long singleRecurring, long singleOneOff,
            long oneOffGrouped) {
        @Override
        public String toString() {
            return String.format("same-problem pairs split: %d with a case left alone, %d between fragments of the"
                    + " problem, %d with a case in another problem's issue; alone: %d cases of a recurring problem,"
                    + " %d one-offs; one-offs in an issue: %d", single, fragments, absorbed, singleRecurring,
                    singleOneOff, oneOffGrouped);
        }
    }

    /** {@link Split} of a grouping; one-off cases are those whose label is their own ({@code NONE#id}, {@code single-…#i}). */
    public static Split split(Map<String, String> labelOf, List<? extends Set<String>> groups) {
        Map<String, Integer> groupOf = new HashMap<>();
        List<String> major = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            Map<String, Integer> count = new java.util.TreeMap<>();
            for (String id : groups.get(g)) {
                groupOf.put(id, g);
                count.merge(labelOf.get(id), 1, Integer::sum);
            }
            major.add(count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(""));
        }
        List<String> ids = new ArrayList<>(labelOf.keySet());
        long single = 0;
        long fragments = 0;
        long absorbed = 0;
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                String label = labelOf.get(ids.get(i));
                if (!label.equals(labelOf.get(ids.get(j)))) {
                    continue;
                }
                Integer gi = groupOf.get(ids.get(i));
                Integer gj = groupOf.get(ids.get(j));
                if (gi != null && gi.equals(gj)) {
                    continue;
                }
                if (gi == null || gj == null || groups.get(gi).size() == 1 || groups.get(gj).size() == 1) {
                    single++;
                } else if (major.get(gi).equals(label) && major.get(gj).equals(label)) {
                    fragments++;
                } else {
                    absorbed++;
                }
            }
        }
        long singleRecurring = 0;
        long singleOneOff = 0;
        long oneOffGrouped = 0;
        for (String id : ids) {
            Integer g = groupOf.get(id);
            boolean alone = g == null || groups.get(g).size() == 1;
            boolean off = labelOf.get(id).contains("#");
            if (alone && off) {
                singleOneOff++;
            } else if (alone) {
                singleRecurring++;
            } else if (off) {
                oneOffGrouped++;
            }
        }
        return new Split(single, fragments, absorbed, singleRecurring, singleOneOff, oneOffGrouped);
    }
}
