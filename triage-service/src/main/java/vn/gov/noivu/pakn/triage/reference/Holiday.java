package vn.gov.noivu.pakn.triage.reference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A public holiday (a weekday off work) of the SLA calendar. */
@Entity
@Table(name = "holiday")
public class Holiday extends PanacheEntityBase {

    @Id
    public LocalDate day;
    public String name;
}
