package vn.gov.noivu.pakn.search.issues;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link SparseSum} against the {@code HashMap<String, Double>} sum the repair's plan kept before: the same weights
 * after random additions and subtractions (features dropped near 0, added again from scratch), through the table's
 * growth, and the same dot products.
 */
class SparseSumTest {

    /** A random sparse vector over features f0..f{vocabulary-1}. */
    private static Map<String, Double> vector(Random r, int vocabulary, int features) {
        Map<String, Double> v = new HashMap<>();
        while (v.size() < features) {
            v.put("f" + r.nextInt(vocabulary), 0.01 + r.nextDouble());
        }
        return v;
    }

    /** What IssueRepair's groups did with a HashMap. */
    private static void add(Map<String, Double> sum, Map<String, Double> v, int sign) {
        v.forEach((k, x) -> sum.merge(k, sign * x, Double::sum));
        if (sign < 0) {
            sum.values().removeIf(x -> Math.abs(x) < SparseSum.ZERO);
        }
    }

    @Test
    void sameWeightsAndDotsAsAHashMap() {
        Random r = new Random(11);
        FeatureIds ids = new FeatureIds();
        Map<String, Double> expected = new HashMap<>();
        SparseSum sum = new SparseSum();
        List<Map<String, Double>> inside = new ArrayList<>();
        List<SparseVector> insideSparse = new ArrayList<>();
        for (int step = 0; step < 3000; step++) {
            if (!inside.isEmpty() && r.nextInt(3) == 0) {
                int k = r.nextInt(inside.size());
                add(expected, inside.remove(k), -1);
                sum.add(insideSparse.remove(k), -1);
            } else {
                Map<String, Double> v = vector(r, 5000, 1 + r.nextInt(80));
                inside.add(v);
                insideSparse.add(SparseVector.of(v, ids));
                add(expected, v, +1);
                sum.add(insideSparse.getLast(), +1);
            }
            assertEquals(expected.size(), sum.size(), "features after step " + step);
            Map<String, Double> probe = vector(r, 5000, 60);
            assertEquals(IssueVectors.dot(probe, expected), sum.dot(SparseVector.of(probe, ids)), 1e-9);
        }
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            assertEquals(e.getValue(), sum.get(ids.of(e.getKey())), 1e-9, e.getKey());
        }
        // every vector taken out again: nothing is left (what a subtraction leaves near 0 is dropped)
        for (int k = inside.size() - 1; k >= 0; k--) {
            add(expected, inside.remove(k), -1);
            sum.add(insideSparse.remove(k), -1);
        }
        assertEquals(0, expected.size());
        assertEquals(0, sum.size());
    }

    @Test
    void dotOfTwoSums() {
        Random r = new Random(5);
        FeatureIds ids = new FeatureIds();
        Map<String, Double> a = new HashMap<>();
        Map<String, Double> b = new HashMap<>();
        SparseSum sa = new SparseSum();
        SparseSum sb = new SparseSum();
        for (int k = 0; k < 40; k++) {
            Map<String, Double> v = vector(r, 2000, 50);
            add(a, v, +1);
            sa.add(SparseVector.of(v, ids), +1);
            Map<String, Double> w = vector(r, 2000, 30);
            add(b, w, +1);
            sb.add(SparseVector.of(w, ids), +1);
        }
        assertEquals(IssueVectors.dot(a, b), sa.dot(sb), 1e-9);
        assertEquals(IssueVectors.dot(a, b), sb.dot(sa), 1e-9);
        assertEquals(IssueVectors.dot(a, a), sa.dot(sa), 1e-9);
    }

    @Test
    void absentFeatureWeighsNothingAndClearEmpties() {
        FeatureIds ids = new FeatureIds();
        SparseSum sum = new SparseSum();
        sum.add(SparseVector.of(Map.of("a", 0.6, "b", 0.8), ids), +1);
        assertEquals(0.0, sum.get(ids.of("c")));
        assertEquals(0.8, sum.get(ids.of("b")));
        sum.clear();
        assertEquals(0, sum.size());
        assertEquals(0.0, sum.get(ids.of("a")));
    }
}
