package vn.gov.noivu.pakn.search.issues;

import java.util.Arrays;

/**
 * A mutable sum of {@link SparseVector}s (an issue's sum while the repair plans): feature id → weight in an
 * open-addressing table of primitive ints and doubles (linear probing, at most half full), so a dot product with a
 * case's vector costs one array probe per feature of the case. It keeps what {@code HashMap<String, Double>} kept: a
 * feature whose weight falls under {@value #ZERO} in absolute value after a subtraction is dropped, and a feature
 * added again starts from its new weight.
 */
final class SparseSum {

    /** Weights this close to 0 after a subtraction are removed (what is left of a feature every member lost). */
    static final double ZERO = 1e-12;

    private static final int EMPTY = -1;

    private int[] keys;
    private double[] values;
    private int size;
    /** 32 − log2(capacity): the top bits of the scrambled id pick the slot. */
    private int shift;

    SparseSum() {
        clear();
    }

    int size() {
        return size;
    }

    void clear() {
        keys = new int[16];
        Arrays.fill(keys, EMPTY);
        values = new double[16];
        shift = 32 - 4;
        size = 0;
    }

    /** The weight of a feature, 0 when absent. */
    double get(int id) {
        int mask = keys.length - 1;
        for (int s = slot(id); ; s = (s + 1) & mask) {
            int k = keys[s];
            if (k == id) {
                return values[s];
            }
            if (k == EMPTY) {
                return 0;
            }
        }
    }

    /** Adds {@code sign} × v; after a subtraction (sign &lt; 0) the features near 0 are dropped. */
    void add(SparseVector v, int sign) {
        for (int k = 0; k < v.ids.length; k++) {
            merge(v.ids[k], sign * v.values[k]);
        }
        if (sign < 0) {
            dropZeros();
        }
    }

    /** v · this, the terms added in v's order. */
    double dot(SparseVector v) {
        double s = 0;
        for (int k = 0; k < v.ids.length; k++) {
            int id = v.ids[k];
            int mask = keys.length - 1;
            for (int slot = slot(id); ; slot = (slot + 1) & mask) {
                int key = keys[slot];
                if (key == id) {
                    s += v.values[k] * values[slot];
                    break;
                }
                if (key == EMPTY) {
                    break;
                }
            }
        }
        return s;
    }

    /** this · other, over the smaller of the two. */
    double dot(SparseSum other) {
        SparseSum small = size <= other.size ? this : other;
        SparseSum large = small == this ? other : this;
        double s = 0;
        for (int slot = 0; slot < small.keys.length; slot++) {
            int id = small.keys[slot];
            if (id != EMPTY) {
                double y = large.get(id);
                if (y != 0) {
                    s += small.values[slot] * y;
                }
            }
        }
        return s;
    }

    private void merge(int id, double x) {
        int mask = keys.length - 1;
        int s = slot(id);
        while (keys[s] != EMPTY && keys[s] != id) {
            s = (s + 1) & mask;
        }
        if (keys[s] == id) {
            values[s] += x;
            return;
        }
        keys[s] = id;
        values[s] = x;
        if (++size * 2 > keys.length) {
            rehash(keys.length * 2, false);
        }
    }

    private void dropZeros() {
        boolean any = false;
        for (int s = 0; s < keys.length && !any; s++) {
            any = keys[s] != EMPTY && Math.abs(values[s]) < ZERO;
        }
        if (any) {
            rehash(keys.length, true);
        }
    }

    /** A new table of this capacity (a power of 2) with the entries, without those near 0 when {@code dropZeros}. */
    private void rehash(int capacity, boolean dropZeros) {
        int[] oldKeys = keys;
        double[] oldValues = values;
        keys = new int[capacity];
        Arrays.fill(keys, EMPTY);
        values = new double[capacity];
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        size = 0;
        int mask = capacity - 1;
        for (int s = 0; s < oldKeys.length; s++) {
            int id = oldKeys[s];
            if (id == EMPTY || (dropZeros && Math.abs(oldValues[s]) < ZERO)) {
                continue;
            }
            int t = slot(id);
            while (keys[t] != EMPTY) {
                t = (t + 1) & mask;
            }
            keys[t] = id;
            values[t] = oldValues[s];
            size++;
        }
    }

    /** Fibonacci hashing: consecutive ids spread over the table. */
    private int slot(int id) {
        return (id * 0x9E3779B9) >>> shift;
    }
}
