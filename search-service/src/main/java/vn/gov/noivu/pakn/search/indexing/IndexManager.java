package vn.gov.noivu.pakn.search.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.search.config.SearchConfig;
import vn.gov.noivu.pakn.search.config.SynonymTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The versioned case indices ({@code pakn-cases-v1}, {@code -v2}, ...) and their aliases: {@code pakn-cases} names the
 * live index every search reads; {@code pakn-cases-building} names an index a rebuild is filling. Elasticsearch holds
 * this state, so every instance of the service sees the same picture.
 */
@ApplicationScoped
public class IndexManager {

    private static final Logger LOG = Logger.getLogger(IndexManager.class);

    @Inject
    ElasticsearchClient client;

    @Inject
    SearchConfig config;

    @Inject
    ObjectMapper mapper;

    /** Index name → its aliases, for every versioned index. */
    public record Indices(Map<String, List<String>> aliasesByIndex, String alias, String building) {

        public Optional<String> live() {
            return aliasesByIndex.entrySet().stream().filter(e -> e.getValue().contains(alias)).map(Map.Entry::getKey)
                    .findFirst();
        }

        public List<String> buildingIndices() {
            return aliasesByIndex.entrySet().stream().filter(e -> e.getValue().contains(building))
                    .map(Map.Entry::getKey).toList();
        }

        /** Where a live event goes: the live index and any index being rebuilt. */
        public List<String> writeTargets() {
            List<String> t = new ArrayList<>();
            live().ifPresent(t::add);
            buildingIndices().stream().filter(i -> !t.contains(i)).forEach(t::add);
            return t;
        }
    }

    void onStart(@Observes StartupEvent ev) {
        try {
            updateMapping(ensureLiveIndex());
        } catch (Exception e) {
            // the consumer and the readiness check retry; the service still starts (search answers 503 until then)
            LOG.warnf("Elasticsearch not ready at startup (%s); will create the index on first use", e.toString());
        }
    }

    /** {@code _meta.mappingVersion} of the shipped mappings.json; bumped whenever settings or mappings change. */
    private static final int SHIPPED_MAPPING_VERSION = shippedVersion();
    private static final long LIVE_VERSION_TTL_NANOS = 30_000_000_000L;

    private volatile int liveVersion = -1;
    private volatile long liveVersionReadAt;

    public int shippedMappingVersion() {
        return SHIPPED_MAPPING_VERSION;
    }

    /** {@code _meta.mappingVersion} of an index (0 when it has none: indices made before versions were recorded). */
    public int mappingVersion(String index) throws IOException {
        var record = client.indices().getMapping(g -> g.index(index)).mappings().values().stream().findFirst();
        if (record.isEmpty() || record.get().mappings().meta() == null) {
            return 0;
        }
        var v = record.get().mappings().meta().get("mappingVersion");
        return v == null ? 0 : v.to(Integer.class);
    }

    /**
     * The mapping version of the index the search alias points to, read at most every 30 s (the alias moves when a
     * rebuild, on this or another instance, swaps it). When Elasticsearch cannot tell, the shipped version.
     */
    public int liveMappingVersion() {
        long now = System.nanoTime();
        int known = liveVersion;
        if (known >= 0 && now - liveVersionReadAt < LIVE_VERSION_TTL_NANOS) {
            return known;
        }
        try {
            known = mappingVersion(config.index().alias());
            liveVersion = known;
            liveVersionReadAt = now;
            return known;
        } catch (IOException | RuntimeException e) {
            return known >= 0 ? known : SHIPPED_MAPPING_VERSION;
        }
    }

    /** Forgets the cached live mapping version (after this instance moved the alias). */
    public void liveIndexChanged() {
        liveVersion = -1;
    }

    private static int shippedVersion() {
        try {
            return new ObjectMapper().readTree(resource("elasticsearch/mappings.json")).path("_meta")
                    .path("mappingVersion").asInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Indices indices() throws IOException {
        // the aliases API, not the get-index API: the consumer asks before every batch, and the latter sends (and the
        // client parses) every index's settings and mappings
        Map<String, List<String>> out = new TreeMap<>();
        client.indices().getAlias(g -> g.index(config.index().prefix() + "*").allowNoIndices(true)
                .ignoreUnavailable(true)).aliases()
                .forEach((name, aliases) -> out.put(name, List.copyOf(aliases.aliases().keySet())));
        return new Indices(out, config.index().alias(), config.index().buildingAlias());
    }

    /** Creates {@code <prefix>1} with the alias when no index carries the alias yet. Safe to race. */
    public String ensureLiveIndex() throws IOException {
        Indices now = indices();
        Optional<String> live = now.live();
        if (live.isPresent()) {
            addNewFields(now.aliasesByIndex().keySet());
            return live.get();
        }
        String name = config.index().prefix() + (nextGeneration(now) );
        try {
            createIndex(name, config.index().alias());
            LOG.infof("created index %s behind alias %s", name, config.index().alias());
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
        return indices().live().orElseThrow(() -> new IllegalStateException("alias " + config.index().alias()
                + " missing after creating " + name));
    }

    /**
     * Adds the fields a newer mappings.json has to an existing index (new fields only: Elasticsearch refuses to change
     * an existing one), e.g. the recurring-issue fields of mapping version 2.
     */
    public void updateMapping(String index) throws IOException {
        String mappings = resource("elasticsearch/mappings.json");
        client.indices().putMapping(p -> p.index(index).withJson(new StringReader(mappings)));
    }

    public int nextGeneration(Indices indices) {
        int max = 0;
        for (String name : indices.aliasesByIndex().keySet()) {
            try {
                max = Math.max(max, Integer.parseInt(name.substring(config.index().prefix().length())));
            } catch (NumberFormatException ignored) {
                // not one of ours
            }
        }
        return max + 1;
    }

    /** Creates an index with the project's Vietnamese analysis and case mapping, holding the given alias. */
    public void createIndex(String name, String alias) throws IOException {
        ObjectNode settings = SynonymTable.indexSettings(mapper);
        settings.put("number_of_shards", config.index().shards());
        settings.put("number_of_replicas", config.index().replicas());
        settings.put("refresh_interval", config.index().refreshInterval());
        String mappings = resource("elasticsearch/mappings.json");
        client.indices().create(c -> c.index(name)
                .settings(s -> s.withJson(new StringReader(settings.toString())))
                .mappings(m -> m.withJson(new StringReader(mappings)))
                .aliases(alias, a -> a));
    }

    /**
     * Puts the current mapping on indices created by an older version of the service: new fields are additive (the
     * mapping is strict, so a document with a field the index does not know would be refused). Documents written
     * before get the new fields from the next event of their case, or all at once from a rebuild.
     */
    void addNewFields(java.util.Collection<String> names) {
        String mappings = resource("elasticsearch/mappings.json");
        for (String name : names) {
            try {
                client.indices().putMapping(p -> p.index(name).withJson(new StringReader(mappings)));
            } catch (IOException | ElasticsearchException e) {
                LOG.warnf("cannot add the current mapping's new fields to %s: %s", name, e.toString());
            }
        }
    }

    /** Atomically: the alias moves to {@code next}, which stops being a building index. */
    public void swapAlias(String previous, String next) throws IOException {
        String alias = config.index().alias();
        client.indices().updateAliases(u -> {
            if (previous != null) {
                u.actions(a -> a.remove(r -> r.index(previous).alias(alias)));
            }
            return u.actions(a -> a.add(ad -> ad.index(next).alias(alias)))
                    .actions(a -> a.remove(r -> r.index(next).alias(config.index().buildingAlias())));
        });
        liveIndexChanged();
    }

    public void delete(String index) throws IOException {
        client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
    }

    public void refresh(String index) throws IOException {
        client.indices().refresh(r -> r.index(index));
    }

    public String alias() {
        return config.index().alias();
    }

    private static String resource(String path) {
        try (InputStream in = IndexManager.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
