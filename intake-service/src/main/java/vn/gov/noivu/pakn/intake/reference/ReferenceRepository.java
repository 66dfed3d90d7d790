package vn.gov.noivu.pakn.intake.reference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Read access to the reference data: provinces, communes, topics. Look-ups by code come from the cached copy
 * ({@link ReferenceData}); the lists (pages, the public API) are read from the database.
 */
@ApplicationScoped
public class ReferenceRepository {

    @Inject
    ReferenceData data;

    public List<Province> provinces() {
        return Province.list("order by code");
    }

    public Optional<Province> province(int code) {
        return Optional.ofNullable(data.get().provinces().get(code));
    }

    public List<Commune> communes(int provinceCode) {
        return Commune.list("provinceCode = ?1 order by code", provinceCode);
    }

    public Optional<Commune> commune(int code) {
        return Optional.ofNullable(data.get().communes().get(code));
    }

    public List<Topic> activeTopics() {
        return Topic.list("active = true order by sortOrder, code");
    }

    public Optional<Topic> topic(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(data.get().topics().get(code));
    }
}
