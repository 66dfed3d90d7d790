package vn.gov.noivu.pakn.intake.submission;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** Another commune joined a case ("me too") instead of filing a duplicate. */
@Entity
@Table(name = "case_support")
public class CaseSupport extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "case_id") UUID caseId, @Column(name = "commune_code") int communeCode)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "supported_at")
    public Instant supportedAt;
    @Column(name = "supported_by")
    public String supportedBy;
}
