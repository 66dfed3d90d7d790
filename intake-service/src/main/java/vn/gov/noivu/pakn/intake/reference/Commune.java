package vn.gov.noivu.pakn.intake.reference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A commune-level unit (xã, phường, đặc khu), reference data. */
@Entity
@Table(name = "commune")
public class Commune extends PanacheEntityBase {
    @Id
    public Integer code;
    public String name;
    public String type;
    @Column(name = "province_code")
    public Integer provinceCode;
}
