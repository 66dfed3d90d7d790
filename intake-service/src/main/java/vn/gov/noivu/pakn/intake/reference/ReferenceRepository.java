package vn.gov.noivu.pakn.intake.reference;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Read access to the reference data: provinces, communes, topics. */
@ApplicationScoped
public class ReferenceRepository {

    public List<Province> provinces() {
        return Province.list("order by code");
    }

    public Optional<Province> province(int code) {
        return Province.findByIdOptional(code);
    }

    public List<Commune> communes(int provinceCode) {
        return Commune.list("provinceCode = ?1 order by code", provinceCode);
    }

    public Optional<Commune> commune(int code) {
        return Commune.findByIdOptional(code);
    }

    public List<Topic> activeTopics() {
        return Topic.list("active = true order by sortOrder, code");
    }

    public Optional<Topic> topic(String code) {
        return code == null ? Optional.empty() : Topic.findByIdOptional(code);
    }
}
