package vn.gov.noivu.pakn.triage.reference;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import vn.gov.noivu.pakn.triage.reference.Holiday;

import java.time.LocalDate;
import java.util.List;

@ApplicationScoped
public class HolidayRepository implements PanacheRepositoryBase<Holiday, LocalDate> {

    public List<LocalDate> allDays() {
        return getEntityManager().createQuery("select h.day from Holiday h", LocalDate.class).getResultList();
    }

    public List<Holiday> ofYear(Integer year) {
        if (year == null) {
            return listAll(Sort.by("day"));
        }
        return list("day >= ?1 and day < ?2", Sort.by("day"), LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
    }
}
