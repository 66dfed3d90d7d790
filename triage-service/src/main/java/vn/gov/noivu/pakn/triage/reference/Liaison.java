package vn.gov.noivu.pakn.triage.reference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A liaison serving one province: the primary one ({@code liaison-P}) routed cases go to, or a deputy. */
@Entity
@Table(name = "liaison")
public class Liaison extends PanacheEntityBase {

    public enum Role { PRIMARY, DEPUTY }

    @Id
    public String id;
    public String name;
    @Column(name = "province_code")
    public int provinceCode;
    @Enumerated(EnumType.STRING)
    public Role role;
    public boolean active = true;
    /** "2 không": how many cases this liaison handed over / released. */
    @Column(name = "handover_count")
    public int handoverCount;
    @Column(name = "release_count")
    public int releaseCount;
}
