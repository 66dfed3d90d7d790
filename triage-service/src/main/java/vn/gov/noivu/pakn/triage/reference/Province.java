package vn.gov.noivu.pakn.triage.reference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One of the 34 provinces/cities (official statistics-office code). */
@Entity
@Table(name = "province")
public class Province extends PanacheEntityBase {

    @Id
    public Integer code;
    public String name;
    public String kind;
}
