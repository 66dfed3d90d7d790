package vn.gov.noivu.pakn.intake.reference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A topic (chuyên đề, lĩnh vực): data an administrator can change. */
@Entity
@Table(name = "topic")
public class Topic extends PanacheEntityBase {
    @Id
    public String code;
    public String name;
    public String description;
    @Column(name = "sort_order")
    public int sortOrder;
    public boolean active;
}
