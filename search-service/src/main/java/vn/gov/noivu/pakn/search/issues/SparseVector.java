package vn.gov.noivu.pakn.search.issues;

import java.util.Map;

/**
 * An immutable sparse vector over {@link FeatureIds}: its features' ids and weights in parallel arrays, in the order
 * the map it was made from iterates (a dot product then adds its terms in the order {@link IssueVectors#dot} did).
 */
final class SparseVector {

    final int[] ids;
    final double[] values;

    private SparseVector(int[] ids, double[] values) {
        this.ids = ids;
        this.values = values;
    }

    static SparseVector of(Map<String, Double> v, FeatureIds features) {
        int[] ids = new int[v.size()];
        double[] values = new double[v.size()];
        int k = 0;
        for (Map.Entry<String, Double> e : v.entrySet()) {
            ids[k] = features.of(e.getKey());
            values[k] = e.getValue();
            k++;
        }
        return new SparseVector(ids, values);
    }

    int size() {
        return ids.length;
    }
}
