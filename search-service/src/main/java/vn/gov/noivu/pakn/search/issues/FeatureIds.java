package vn.gov.noivu.pakn.search.issues;

import java.util.HashMap;
import java.util.Map;

/**
 * Dense int ids for the features of one computation (the repair's plan of one neighbourhood): each distinct feature
 * string gets the next id, so sparse vectors and sums can be kept in primitive arrays ({@link SparseVector},
 * {@link SparseSum}) instead of {@code HashMap<String, Double>}, whose every lookup hashes and compares a string and
 * unboxes a Double.
 */
final class FeatureIds {

    private final Map<String, Integer> ids = new HashMap<>();

    /** The feature's id, a new one (the number of features seen so far) the first time. */
    int of(String feature) {
        Integer id = ids.get(feature);
        if (id == null) {
            id = ids.size();
            ids.put(feature, id);
        }
        return id;
    }

    int size() {
        return ids.size();
    }
}
