package vn.gov.noivu.pakn.intake.reference;

import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.jpa.HibernateHints;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reference tables every submission reads — 34 provinces, 3,321 communes, the topics — read in one go and kept
 * for {@code quarkus.cache.caffeine."reference-data".expire-after-write} (30 s) instead of three queries per
 * submission and per case shown. Provinces and communes only change with a migration; a topic an administrator
 * changes in the database (name, {@code active}) applies within that time on every replica. The entities are
 * detached, read-only copies shared by all threads: nobody may change them.
 */
@ApplicationScoped
public class ReferenceData {

    public static final String CACHE = "reference-data";

    /** One consistent copy of the reference tables, by code. */
    public record Snapshot(Map<Integer, Province> provinces, Map<Integer, Commune> communes, Map<String, Topic> topics) {
    }

    @Inject
    EntityManager em;

    /** The cached copy; loaded by the first caller after it expired (concurrent callers wait for that one load). */
    @CacheResult(cacheName = CACHE)
    public Snapshot get() {
        return new Snapshot(byCode(Province.class, p -> p.code), byCode(Commune.class, c -> c.code),
                byCode(Topic.class, t -> t.code));
    }

    private <K, E> Map<K, E> byCode(Class<E> type, Function<E, K> code) {
        List<E> rows = em.createQuery("from " + type.getSimpleName(), type)
                .setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();
        rows.forEach(em::detach);
        return rows.stream().collect(Collectors.toUnmodifiableMap(code, Function.identity()));
    }
}
