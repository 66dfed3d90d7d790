package vn.gov.noivu.pakn.triage.admin;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.triage.admin.AdminAudit;
import vn.gov.noivu.pakn.triage.reference.Holiday;
import vn.gov.noivu.pakn.triage.reference.Liaison;
import vn.gov.noivu.pakn.triage.reference.Province;
import vn.gov.noivu.pakn.triage.reference.ResponsibleUnit;
import vn.gov.noivu.pakn.triage.reference.SlaTarget;
import vn.gov.noivu.pakn.triage.reference.TopicRoute;
import vn.gov.noivu.pakn.triage.admin.AdminAuditRepository;
import vn.gov.noivu.pakn.triage.reference.HolidayRepository;
import vn.gov.noivu.pakn.triage.reference.LiaisonRepository;
import vn.gov.noivu.pakn.triage.reference.ProvinceRepository;
import vn.gov.noivu.pakn.triage.reference.SlaTargetRepository;
import vn.gov.noivu.pakn.triage.reference.TopicRouteRepository;
import vn.gov.noivu.pakn.triage.reference.UnitRepository;
import vn.gov.noivu.pakn.triage.admin.AdminService;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import vn.gov.noivu.pakn.triage.handling.ActionRequests;

/** Reference data an administrator keeps: routing table, liaisons, SLA targets, holidays; and its audit trail. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Identity.ADMIN)
@Tag(name = "admin")
public class AdminResource {

    @Inject
    Caller caller;
    @Inject
    AdminService admin;
    @Inject
    TopicRouteRepository routes;
    @Inject
    UnitRepository units;
    @Inject
    LiaisonRepository liaisons;
    @Inject
    ProvinceRepository provinces;
    @Inject
    SlaTargetRepository targets;
    @Inject
    HolidayRepository holidays;
    @Inject
    AdminAuditRepository audit;

    public record RouteBody(@NotBlank String topicName, @NotBlank String unitCode,
            @NotNull AuthorityLevel authorityLevel, String taskTemplate, String deliverableTemplate, String reason) {
    }

    public record LiaisonBody(String name, Integer provinceCode, Liaison.Role role, Boolean active, String reason) {
    }

    public record SlaBody(@Min(1) @Max(90) int workingDays, String reason) {
    }

    public record HolidayBody(@NotBlank String name, String reason) {
    }

    @GET
    @Path("provinces")
    public List<Province> provinces() {
        return provinces.listAll(Sort.by("code"));
    }

    @GET
    @Path("units")
    public List<ResponsibleUnit> units() {
        return units.listAll(Sort.by("code"));
    }

    @GET
    @Path("routing")
    public List<TopicRoute> routing() {
        return routes.listAll(Sort.by("topicCode"));
    }

    @PUT
    @Path("routing/{topicCode}")
    public TopicRoute putRoute(@PathParam("topicCode") String topicCode, @Valid RouteBody b) {
        ActionRequests.present(b);
        return admin.putRoute(caller, topicCode, new AdminService.RouteEdit(b.topicName(), b.unitCode(),
                b.authorityLevel(), b.taskTemplate(), b.deliverableTemplate(), b.reason()));
    }

    @GET
    @Path("liaisons")
    public List<Liaison> liaisons(@QueryParam("province") Integer province) {
        return province == null ? liaisons.listAll(Sort.by("provinceCode").and("role").and("id"))
                : liaisons.list("provinceCode", Sort.by("role").and("id"), province);
    }

    @PUT
    @Path("liaisons/{id}")
    public Liaison putLiaison(@PathParam("id") String id, @Valid LiaisonBody b) {
        ActionRequests.present(b);
        return admin.putLiaison(caller, id, new AdminService.LiaisonEdit(b.name(), b.provinceCode(), b.role(),
                b.active(), b.reason()));
    }

    @GET
    @Path("sla-targets")
    public List<SlaTarget> slaTargets() {
        return targets.listAll(Sort.by("urgency"));
    }

    @PUT
    @Path("sla-targets/{urgency}")
    public SlaTarget putSlaTarget(@PathParam("urgency") Urgency urgency, @Valid SlaBody b) {
        ActionRequests.present(b);
        return admin.putSlaTarget(caller, urgency, b.workingDays(), b.reason());
    }

    @GET
    @Path("holidays")
    public List<Holiday> holidays(@QueryParam("year") Integer year) {
        return holidays.ofYear(year);
    }

    @PUT
    @Path("holidays/{day}")
    public Holiday putHoliday(@PathParam("day") String day, @Valid HolidayBody b) {
        ActionRequests.present(b);
        return admin.putHoliday(caller, date(day), b.name(), b.reason());
    }

    @DELETE
    @Path("holidays/{day}")
    public void deleteHoliday(@PathParam("day") String day, @QueryParam("reason") String reason) {
        admin.deleteHoliday(caller, date(day), reason);
    }

    @GET
    @Path("audit")
    @Transactional
    public List<AdminAudit> audit(@QueryParam("entity") String entity,
            @QueryParam("limit") @jakarta.ws.rs.DefaultValue("100") @Min(1) @Max(1000) int limit) {
        var q = entity == null ? audit.findAll(Sort.descending("id")) : audit.find("entity", Sort.descending("id"),
                entity);
        return q.page(0, limit).list();
    }

    private static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw Invalid.field("day", "ngày theo định dạng YYYY-MM-DD");
        }
    }
}
