package vn.gov.noivu.pakn.commons.id;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {

    /** The 48-bit Unix time in milliseconds of a version 7 UUID. */
    static long millis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }

    @Test
    void version7VariantRfcAndTheTimeOfItsMaking() {
        long before = System.currentTimeMillis();
        UUID id = Ids.next();
        long after = System.currentTimeMillis();
        assertEquals(7, id.version());
        assertEquals(2, id.variant()); // RFC 9562 (10xx)
        assertTrue(millis(id) >= before && millis(id) <= after, id + " made at " + millis(id) + ", not in " + before
                + ".." + after);
        assertEquals(36, Ids.nextString().length());
    }

    @Test
    void idsOfALaterMillisecondSortAfterAsUuidsAndAsText() throws InterruptedException {
        UUID earlier = Ids.next();
        Thread.sleep(2);
        UUID later = Ids.next();
        assertTrue(earlier.compareTo(later) < 0, earlier + " !< " + later);
        assertTrue(earlier.toString().compareTo(later.toString()) < 0); // PostgreSQL compares uuids byte by byte
        // and over a run of ids: never an id of an earlier millisecond after one of a later millisecond
        long last = 0;
        for (int k = 0; k < 20_000; k++) {
            long m = millis(Ids.next());
            assertTrue(m >= last);
            last = m;
        }
    }

    @Test
    void uniqueAcrossThreadsAndRandomBeyondTheTime() throws Exception {
        int threads = 8;
        int each = 25_000;
        Set<UUID> all = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int k = 0; k < each; k++) {
                        all.add(Ids.next());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * each, all.size());
        // ids made in the same millisecond differ in their random bits, not by a counter: no id is its neighbour + 1
        UUID a = Ids.next();
        UUID b = Ids.next();
        assertTrue(Math.abs(a.getLeastSignificantBits() - b.getLeastSignificantBits()) > 1_000_000L,
                a + " and " + b + " are too close to be random");
    }
}
