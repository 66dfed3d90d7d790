package vn.gov.noivu.pakn.search.service;

import vn.gov.noivu.pakn.commons.text.VietnameseText;

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
 *       compound words ("phụ cấp", "con dấu", "chữ ký số") far better than single syllables;</li>
 *   <li>weights: sublinear TF × IDF over the candidate set (words every case uses, like "xã" or "sáp nhập", weigh
 *       little), the title counted twice;</li>
 *   <li>similarity: cosine; clustering: average-linkage agglomerative merging while the average pairwise similarity of
 *       two groups stays at or above a threshold. Average linkage, unlike single linkage, does not chain two different
 *       problems together through one case that happens to share words with both.</li>
 * </ol>
 * Only pairs sharing at least one feature are compared (inverted index), so the cost follows the overlap, not n².
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
    static Map<String, Integer> features(String title, String body) {
        Map<String, Integer> tf = new HashMap<>();
        add(tf, title);
        add(tf, title);
        add(tf, body);
        return tf;
    }

    private static void add(Map<String, Integer> tf, String text) {
        if (text == null) {
            return;
        }
        String lower = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        // sentences and clauses: bigrams never cross punctuation
        for (String clause : lower.split("[.,;:!?()\\[\\]\"“”/\\n-]+")) {
            String prev = null;
            for (String w : NON_WORD.split(clause)) {
                if (w.isEmpty()) {
                    continue;
                }
                if (STOP.contains(w) || (w.length() == 1 && !Character.isDigit(w.charAt(0)))) {
                    prev = null;
                    continue;
                }
                String f = VietnameseText.fold(w);
                tf.merge(f, 1, Integer::sum);
                if (prev != null) {
                    tf.merge(prev + "_" + f, 1, Integer::sum);
                }
                prev = f;
            }
        }
    }

    /** Sparse TF-IDF unit vectors. */
    static List<Map<String, Double>> vectors(List<Doc> docs) {
        List<Map<String, Integer>> tfs = new ArrayList<>();
        Map<String, Integer> df = new HashMap<>();
        for (Doc d : docs) {
            Map<String, Integer> tf = features(d.title(), d.body());
            tfs.add(tf);
            tf.keySet().forEach(k -> df.merge(k, 1, Integer::sum));
        }
        int n = docs.size();
        List<Map<String, Double>> out = new ArrayList<>();
        for (Map<String, Integer> tf : tfs) {
            Map<String, Double> v = new HashMap<>();
            double norm = 0;
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                int dfk = df.get(e.getKey());
                if (dfk < 2) {
                    continue; // a feature no other text has cannot make two texts similar
                }
                double idf = Math.log((double) (n + 1) / (dfk + 1)) + 1;
                double w = (1 + Math.log(e.getValue())) * idf * (e.getKey().indexOf('_') > 0 ? 1.5 : 1.0);
                v.put(e.getKey(), w);
                norm += w * w;
            }
            double len = Math.sqrt(norm);
            if (len > 0) {
                v.replaceAll((k, w) -> w / len);
            }
            out.add(v);
        }
        return out;
    }

    /** Cosine similarity of every pair sharing a feature (i &lt; j). */
    static Map<Long, Double> similarities(List<Map<String, Double>> vectors) {
        Map<String, List<Integer>> postings = new HashMap<>();
        for (int i = 0; i < vectors.size(); i++) {
            for (String f : vectors.get(i).keySet()) {
                postings.computeIfAbsent(f, k -> new ArrayList<>()).add(i);
            }
        }
        Map<Long, Double> sims = new HashMap<>();
        for (int i = 0; i < vectors.size(); i++) {
            Set<Integer> seen = new HashSet<>();
            Map<String, Double> vi = vectors.get(i);
            for (String f : vi.keySet()) {
                for (int j : postings.get(f)) {
                    if (j > i && seen.add(j)) {
                        double s = dot(vi, vectors.get(j));
                        if (s > 0) {
                            sims.put(key(i, j), s);
                        }
                    }
                }
            }
        }
        return sims;
    }

    private static double dot(Map<String, Double> a, Map<String, Double> b) {
        if (a.size() > b.size()) {
            Map<String, Double> t = a;
            a = b;
            b = t;
        }
        double s = 0;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            Double w = b.get(e.getKey());
            if (w != null) {
                s += e.getValue() * w;
            }
        }
        return s;
    }

    static long key(int i, int j) {
        return i < j ? ((long) i << 32) | j : ((long) j << 32) | i;
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
            int i = (int) (k >>> 32);
            int j = (int) (k & 0xffffffffL);
            links.get(i).put(j, s);
            links.get(j).put(i, s);
        });
        record Pair(double avg, int a, int b, int va, int vb) {
        }
        PriorityQueue<Pair> pq = new PriorityQueue<>((x, y) -> Double.compare(y.avg(), x.avg()));
        sims.forEach((k, s) -> {
            if (s >= threshold) {
                pq.add(new Pair(s, (int) (k >>> 32), (int) (k & 0xffffffffL), 0, 0));
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
