package vn.gov.noivu.pakn.search.issues;

import vn.gov.noivu.pakn.commons.text.VietnameseText;
import vn.gov.noivu.pakn.search.config.SynonymTable;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Groups texts that describe the same problem, with no external service and no language model:
 * <ol>
 *   <li>features: Vietnamese syllables after removing function words (checked with diacritics, so "đang" is dropped
 *       but "đăng" kept), folded ("thủ tục" = "thu tuc", đ → d), plus syllable bigrams, which approximate Vietnamese
 *       compound words ("phụ cấp", "con dấu", "chữ ký số") far better than single syllables; abbreviations and
 *       paraphrases from the one synonym table ({@link SynonymTable}, shared with the search analyzer) give one problem
 *       told in other words common features;</li>
 *   <li>weights: sublinear TF × IDF over the candidate set (words every case uses, like "xã" or "sáp nhập", weigh
 *       little), the title counted twice;</li>
 *   <li>similarity: cosine; clustering: average-linkage agglomerative merging while the average pairwise similarity of
 *       two groups stays at or above a threshold. Average linkage, unlike single linkage, does not chain two different
 *       problems together through one case that happens to share words with both.</li>
 * </ol>
 * Only pairs sharing at least one feature are compared (inverted index), and each text keeps its closest neighbours
 * only, so time follows the overlap and memory the number of texts, not n².
 */
public final class TextClusterer {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Vietnamese function words and request boilerplate, lower case with diacritics. */
    static final Set<String> STOP = Set.of(
            "và", "của", "các", "cho", "có", "được", "là", "trong", "khi", "thì", "đã", "đang", "sẽ", "với",
            "về", "theo", "tại", "từ", "đến", "này", "đó", "những", "một", "như", "để", "do", "bị", "nên", "nhưng",
            "hoặc", "hay", "mà", "vì", "nếu", "nào", "gì", "sao", "còn", "cũng", "rất", "ra", "vào", "lại", "thế",
            "chưa", "đều", "vẫn", "nhiều", "ít", "trên", "dưới", "sau", "trước", "giữa", "hết", "chỉ", "mới", "làm",
            "thể", "cần", "phải", "đề", "nghị", "xin", "kính", "gửi", "ạ", "rõ", "cụ", "hiện", "nay", "việc", "người",
            "đối", "tượng", "nhau", "ngày", "tháng", "năm", "số", "ở", "qua", "bằng", "đây", "kia", "ai",
            "thời", "gian", "vấn");

    /**
     * Function words as written without diacritics (a text typed without them): the folded forms of {@link #STOP}
     * except those that fold together with a content word ("dang": đang/đăng, "co": có/cơ, "so": số/sở, ...).
     */
    static final Set<String> STOP_FOLDED;

    static {
        Set<String> ambiguous = Set.of("dang", "co", "so", "da", "the", "ra", "lai", "hay", "nam", "thoi", "gian",
                "hien", "nay", "doi", "tuong", "ma", "bang", "sao", "nao", "ai", "dau", "cho", "con", "vi", "ve", "tai",
                "tu", "den", "do", "nhu", "moi", "lam", "can", "phai", "chi", "xin", "gui", "ro", "cu", "viec", "nguoi",
                "ngay", "thang", "qua", "o", "a", "mot", "de", "nghi", "van", "ky", "khi");
        Set<String> f = new java.util.HashSet<>();
        for (String w : STOP) {
            String x = VietnameseText.fold(w);
            if (!ambiguous.contains(x)) {
                f.add(x);
            }
        }
        STOP_FOLDED = Set.copyOf(f);
    }

    /**
     * One-word forms of the synonym table ({@link SynonymTable}: abbreviations such as "HĐND", "UBND", and one-word
     * paraphrases such as "laptop"), folded, with the words of their canonical form, which replace them in place:
     * "HĐND" and "Hội đồng nhân dân" give the same features (the evaluation set uses both for the same problems).
     */
    static final Map<String, List<String>> REPLACE;

    /** A form of several words (folded, after {@link #REPLACE}) and the canonical form it adds (null: it is canonical). */
    record Form(String[] folded, List<String> canonical) {
    }

    /**
     * Forms of several words by their first folded word, longest first. A paraphrase ("chỗ thừa chỗ thiếu", "chưa được
     * nhận lương") keeps its own words and adds its canonical form's ("nơi thừa nơi thiếu", "chậm chi trả") as a
     * clause of its own; a canonical form is listed too, so that a shorter form inside it does not match.
     */
    static final Map<String, List<Form>> FORMS;

    static {
        Map<String, List<String>> replace = new HashMap<>();
        for (SynonymTable.Group g : SynonymTable.get().groups()) {
            for (List<String> f : g.forms()) {
                if (f.size() == 1 && f != g.canonical()) {
                    replace.putIfAbsent(SynonymTable.fold(f.getFirst()), g.canonical());
                }
            }
        }
        REPLACE = Map.copyOf(replace);
        Map<String, List<Form>> forms = new HashMap<>();
        for (SynonymTable.Group g : SynonymTable.get().groups()) {
            List<String> canonical = replaced(g.canonical());
            for (List<String> f : g.forms()) {
                List<String> words = replaced(f);
                if (words.size() < 2) {
                    continue;
                }
                String[] folded = words.stream().map(SynonymTable::fold).toArray(String[]::new);
                forms.computeIfAbsent(folded[0], k -> new ArrayList<>())
                        .add(new Form(folded, f == g.canonical() ? null : canonical));
            }
        }
        forms.values().forEach(l -> l.sort((a, b) -> Integer.compare(b.folded().length, a.folded().length)));
        FORMS = Map.copyOf(forms);
    }

    private static List<String> replaced(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            List<String> full = REPLACE.get(SynonymTable.fold(w));
            if (full == null) {
                out.add(w);
            } else {
                out.addAll(full);
            }
        }
        return out;
    }

    public record Doc(String id, String title, String body) {
    }

    /** A group: indices into the input list, the medoid and the mean pairwise similarity. */
    public record Cluster(List<Integer> members, int representative, double cohesion) {
    }

    private final double threshold;

    public TextClusterer(double threshold) {
        this.threshold = threshold;
    }

    /** Feature counts of one text. */
    public static Map<String, Integer> features(String title, String body) {
        Map<String, Integer> tf = new HashMap<>();
        add(tf, title);
        add(tf, title);
        add(tf, body);
        return tf;
    }

    /** Feature counts of one text (a title or a description on its own). */
    public static Map<String, Integer> features(String text) {
        Map<String, Integer> tf = new HashMap<>();
        add(tf, text);
        return tf;
    }

    private static void add(Map<String, Integer> tf, String text) {
        if (text == null) {
            return;
        }
        for (List<String> clause : rewrite(text)) {
            // bigrams never cross a clause
            String prev = null;
            for (String w : clause) {
                String folded = VietnameseText.fold(w);
                if (STOP.contains(w) || (folded.equals(w) && STOP_FOLDED.contains(w))
                        || (w.length() == 1 && !Character.isDigit(w.charAt(0)))) {
                    prev = null;
                    continue;
                }
                tf.merge(folded, 1, Integer::sum);
                if (prev != null) {
                    tf.merge(prev + "_" + folded, 1, Integer::sum);
                }
                prev = folded;
            }
        }
    }

    private static final Pattern CLAUSE = Pattern.compile("[.,;:!?()\\[\\]\"“”/\\n-]+");

    /**
     * A text as its features see it: its clauses (sentences and parts between punctuation) in lower case, one-word
     * forms of the synonym table replaced in place ({@link #REPLACE}), then one clause per canonical form a paraphrase
     * of the text adds ({@link #FORMS}, matched on folded words across punctuation: "có nơi thừa, có nơi thiếu").
     */
    static List<List<String>> rewrite(String text) {
        String lower = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        List<List<String>> clauses = new ArrayList<>();
        List<String> flat = new ArrayList<>();
        for (String clause : CLAUSE.split(lower)) {
            List<String> words = new ArrayList<>();
            for (String w : NON_WORD.split(clause)) {
                if (w.isEmpty()) {
                    continue;
                }
                List<String> full = REPLACE.get(VietnameseText.fold(w));
                if (full == null) {
                    words.add(w);
                } else {
                    words.addAll(full);
                }
            }
            words.forEach(w -> flat.add(VietnameseText.fold(w)));
            clauses.add(words);
        }
        List<List<String>> added = new ArrayList<>();
        for (int i = 0; i < flat.size();) {
            int step = 1;
            List<Form> forms = FORMS.get(flat.get(i));
            if (forms != null) {
                for (Form f : forms) {
                    if (matches(flat, i, f.folded())) {
                        if (f.canonical() != null) {
                            added.add(f.canonical());
                        }
                        step = f.folded().length;
                        break;
                    }
                }
            }
            i += step;
        }
        clauses.addAll(added);
        return clauses;
    }

    private static boolean matches(List<String> words, int at, String[] form) {
        if (at + form.length > words.size()) {
            return false;
        }
        for (int k = 0; k < form.length; k++) {
            if (!words.get(at + k).equals(form[k])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The text whose term statistics give the document frequencies of {@link #features(String)}: the rewritten
     * clauses ({@link #rewrite}) one after the other. A feature that comes from the table ("uy_ban" for "UBND", the
     * canonical form a paraphrase adds) is not in the case's own words, and Elasticsearch reports statistics only for
     * the terms of the document it is given: without this, such a feature had df 0 and was left out.
     */
    public static String statisticsText(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (List<String> clause : rewrite(text)) {
            if (!clause.isEmpty()) {
                b.append(String.join(" ", clause)).append(". ");
            }
        }
        return b.toString().strip();
    }

    /** A sparse TF-IDF unit vector: feature ids in increasing order and their weights. */
    record Vec(int[] ids, double[] weights) {
    }

    /** Sparse TF-IDF unit vectors; features are numbered so dot products are a merge of two sorted arrays. */
    static List<Vec> vectors(List<Doc> docs) {
        List<Map<String, Integer>> tfs = new ArrayList<>();
        Map<String, Integer> df = new HashMap<>();
        for (Doc d : docs) {
            Map<String, Integer> tf = features(d.title(), d.body());
            tfs.add(tf);
            tf.keySet().forEach(k -> df.merge(k, 1, Integer::sum));
        }
        int n = docs.size();
        Map<String, Integer> ids = new HashMap<>();
        List<Vec> out = new ArrayList<>();
        for (Map<String, Integer> tf : tfs) {
            List<double[]> entries = new ArrayList<>();
            double norm = 0;
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                int dfk = df.get(e.getKey());
                if (dfk < 2) {
                    continue; // a feature no other text has cannot make two texts similar
                }
                double idf = Math.log((double) (n + 1) / (dfk + 1)) + 1;
                double w = (1 + Math.log(e.getValue())) * idf * (e.getKey().indexOf('_') > 0 ? 1.5 : 1.0);
                entries.add(new double[] {ids.computeIfAbsent(e.getKey(), k -> ids.size()), w});
                norm += w * w;
            }
            entries.sort((x, y) -> Double.compare(x[0], y[0]));
            double len = Math.sqrt(norm);
            int[] fid = new int[entries.size()];
            double[] fw = new double[entries.size()];
            for (int k = 0; k < fid.length; k++) {
                fid[k] = (int) entries.get(k)[0];
                fw[k] = len > 0 ? entries.get(k)[1] / len : 0;
            }
            out.add(new Vec(fid, fw));
        }
        return out;
    }

    /**
     * Pairs less similar than this are not kept (they count as 0 in the group averages): most pairs of thousands of
     * candidates share only everyday words and would fill the heap with near-zero similarities.
     */
    static final double KEEP_AT_LEAST = 0.05;

    /** Each text keeps its most similar neighbours only: memory grows with n × this, not n². */
    static final int NEIGHBOURS = 40;

    /**
     * Cosine similarity of the pairs that matter (i &lt; j): for every text, its {@value #NEIGHBOURS} most similar
     * texts among those sharing a discriminating feature with it. A feature found in more than a tenth of the texts
     * ("xã", "cán bộ", "hướng dẫn") still counts in each dot product but does not make pairs on its own. Without
     * these bounds thousands of candidates gave millions of stored pairs and ran out of heap (docs/benchmarks.md).
     */
    static Map<Long, Double> similarities(List<Vec> vectors) {
        int n = vectors.size();
        int commonAbove = Math.max(50, n / 10);
        int features = 0;
        for (Vec v : vectors) {
            for (int id : v.ids()) {
                features = Math.max(features, id + 1);
            }
        }
        int[] df = new int[features];
        for (Vec v : vectors) {
            for (int id : v.ids()) {
                df[id]++;
            }
        }
        int[][] postings = new int[features][];
        int[] fill = new int[features];
        for (int f = 0; f < features; f++) {
            postings[f] = df[f] > commonAbove ? null : new int[df[f]];
        }
        for (int i = 0; i < n; i++) {
            for (int id : vectors.get(i).ids()) {
                if (postings[id] != null) {
                    postings[id][fill[id]++] = i;
                }
            }
        }
        Map<Long, Double> sims = new HashMap<>();
        int[] seenBy = new int[n];
        java.util.Arrays.fill(seenBy, -1);
        for (int i = 0; i < n; i++) {
            Vec vi = vectors.get(i);
            // the closest neighbours of i: a min-heap on similarity, at most NEIGHBOURS long
            PriorityQueue<double[]> best = new PriorityQueue<>((x, y) -> Double.compare(x[0], y[0]));
            for (int f : vi.ids()) {
                int[] posting = postings[f];
                if (posting == null) {
                    continue;
                }
                for (int j : posting) {
                    if (j == i || seenBy[j] == i) {
                        continue;
                    }
                    seenBy[j] = i;
                    double s = dot(vi, vectors.get(j));
                    if (s >= KEEP_AT_LEAST && (best.size() < NEIGHBOURS || s > best.peek()[0])) {
                        best.add(new double[] {s, j});
                        if (best.size() > NEIGHBOURS) {
                            best.poll();
                        }
                    }
                }
            }
            for (double[] b : best) {
                sims.putIfAbsent(key(i, (int) b[1]), b[0]);
            }
        }
        return sims;
    }

    private static double dot(Vec a, Vec b) {
        int[] ia = a.ids();
        int[] ib = b.ids();
        double s = 0;
        int x = 0;
        int y = 0;
        while (x < ia.length && y < ib.length) {
            if (ia[x] == ib[y]) {
                s += a.weights()[x++] * b.weights()[y++];
            } else if (ia[x] < ib[y]) {
                x++;
            } else {
                y++;
            }
        }
        return s;
    }

    /** Bits of the second index in a pair key: up to 2,097,152 candidates. */
    private static final int SHIFT = 21;
    private static final long MASK = (1L << SHIFT) - 1;

    /**
     * A pair as one long whose hash spreads well: with {@code i << 32 | j}, {@link Long#hashCode} is {@code i ^ j},
     * only a few thousand distinct values for millions of pairs, and the map degenerated into tree bins.
     */
    static long key(int i, int j) {
        return i < j ? ((long) i << SHIFT) | j : ((long) j << SHIFT) | i;
    }

    static int first(long key) {
        return (int) (key >>> SHIFT);
    }

    static int second(long key) {
        return (int) (key & MASK);
    }

    public List<Cluster> cluster(List<Doc> docs) {
        int n = docs.size();
        Map<Long, Double> sims = similarities(vectors(docs));
        // cluster id = index of its first member; link sums between live clusters
        int[] size = new int[n];
        int[] version = new int[n];
        List<List<Integer>> members = new ArrayList<>();
        List<Map<Integer, Double>> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            size[i] = 1;
            members.add(new ArrayList<>(List.of(i)));
            links.add(new HashMap<>());
        }
        sims.forEach((k, s) -> {
            int i = first(k);
            int j = second(k);
            links.get(i).put(j, s);
            links.get(j).put(i, s);
        });
        record Pair(double avg, int a, int b, int va, int vb) {
        }
        PriorityQueue<Pair> pq = new PriorityQueue<>((x, y) -> Double.compare(y.avg(), x.avg()));
        sims.forEach((k, s) -> {
            if (s >= threshold) {
                pq.add(new Pair(s, first(k), second(k), 0, 0));
            }
        });
        boolean[] dead = new boolean[n];
        while (!pq.isEmpty()) {
            Pair p = pq.poll();
            if (dead[p.a()] || dead[p.b()] || version[p.a()] != p.va() || version[p.b()] != p.vb()) {
                continue;
            }
            int a = p.a();
            int b = p.b();
            // merge b into a
            dead[b] = true;
            members.get(a).addAll(members.get(b));
            Map<Integer, Double> la = links.get(a);
            la.remove(b);
            for (Map.Entry<Integer, Double> e : links.get(b).entrySet()) {
                int k = e.getKey();
                if (k == a) {
                    continue;
                }
                la.merge(k, e.getValue(), Double::sum);
                Map<Integer, Double> lk = links.get(k);
                lk.remove(b);
                lk.put(a, la.get(k));
            }
            links.get(b).clear();
            size[a] += size[b];
            version[a]++;
            for (Map.Entry<Integer, Double> e : la.entrySet()) {
                int k = e.getKey();
                double avg = e.getValue() / ((double) size[a] * size[k]);
                if (avg >= threshold) {
                    pq.add(a < k ? new Pair(avg, a, k, version[a], version[k]) : new Pair(avg, k, a, version[k], version[a]));
                }
            }
        }
        List<Cluster> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (dead[i]) {
                continue;
            }
            List<Integer> m = members.get(i);
            int best = m.get(0);
            double bestSum = -1;
            double total = 0;
            for (int x : m) {
                double sum = 0;
                for (int y : m) {
                    if (x != y) {
                        sum += sims.getOrDefault(key(x, y), 0.0);
                    }
                }
                total += sum;
                if (sum > bestSum) {
                    bestSum = sum;
                    best = x;
                }
            }
            double cohesion = m.size() < 2 ? 1.0 : total / ((double) m.size() * (m.size() - 1));
            out.add(new Cluster(List.copyOf(m), best, cohesion));
        }
        return out;
    }
}
