package vn.gov.noivu.pakn.triage.reference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A department (Vụ/Cục/Văn phòng) of the Ministry of Home Affairs, with its head ({@code head-<CODE>}). */
@Entity
@Table(name = "responsible_unit")
public class ResponsibleUnit extends PanacheEntityBase {

    @Id
    public String code;
    public String name;
    @Column(name = "head_id")
    public String headId;
    @Column(name = "head_name")
    public String headName;
    public boolean active = true;
}
