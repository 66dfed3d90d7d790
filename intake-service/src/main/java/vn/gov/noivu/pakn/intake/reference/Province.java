package vn.gov.noivu.pakn.intake.reference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A province-level unit (tỉnh, thành phố trung ương), reference data. */
@Entity
@Table(name = "province")
public class Province extends PanacheEntityBase {
    @Id
    public Integer code;
    public String name;
    public String type;
}
