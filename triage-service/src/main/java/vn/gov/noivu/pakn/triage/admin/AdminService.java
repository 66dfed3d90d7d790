package vn.gov.noivu.pakn.triage.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import vn.gov.noivu.pakn.commons.domain.Conflict;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.commons.domain.NotFound;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.commons.text.VietnameseText;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.triage.admin.AdminAudit;
import vn.gov.noivu.pakn.triage.reference.Holiday;
import vn.gov.noivu.pakn.triage.reference.Liaison;
import vn.gov.noivu.pakn.triage.reference.SlaTarget;
import vn.gov.noivu.pakn.triage.reference.TopicRoute;
import vn.gov.noivu.pakn.triage.reference.LiaisonRepository;
import vn.gov.noivu.pakn.triage.reference.ProvinceRepository;
import vn.gov.noivu.pakn.triage.reference.SlaTargetRepository;
import vn.gov.noivu.pakn.triage.reference.TopicRouteRepository;
import vn.gov.noivu.pakn.triage.reference.UnitRepository;
import vn.gov.noivu.pakn.triage.reference.HolidayRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.gov.noivu.pakn.triage.handling.CaseService;
import vn.gov.noivu.pakn.triage.reference.ReferenceData;

/** Edits of the routing table, liaisons, SLA targets and holidays; every edit leaves an append-only audit record. */
@ApplicationScoped
public class AdminService {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

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
    Clock clock;
    @Inject
    Event<ReferenceData.Edited> edited;

    public record RouteEdit(String topicName, String unitCode, AuthorityLevel authorityLevel, String taskTemplate,
            String deliverableTemplate, String reason) {
    }

    public record LiaisonEdit(String name, Integer provinceCode, Liaison.Role role, Boolean active, String reason) {
    }

    @Transactional
    public TopicRoute putRoute(Caller caller, String topicCode, RouteEdit e) {
        String code = CaseService.required("topicCode", topicCode);
        if (!code.matches("[A-Z0-9_-]{1,16}")) {
            throw Invalid.field("topicCode", "mã chuyên đề chỉ gồm chữ in hoa, số, '-' hoặc '_'");
        }
        if (e.unitCode() == null || units.findById(e.unitCode()) == null) {
            throw Invalid.field("unitCode", "đơn vị không tồn tại: " + e.unitCode());
        }
        if (e.authorityLevel() == null) {
            throw Invalid.field("authorityLevel", "không được để trống");
        }
        TopicRoute r = routes.findById(code);
        String before = r == null ? null : json(r);
        if (r == null) {
            r = new TopicRoute();
            r.topicCode = code;
        }
        r.topicName = CaseService.required("topicName", e.topicName() == null && r.topicName != null
                ? r.topicName : e.topicName());
        r.unitCode = e.unitCode();
        r.authorityLevel = e.authorityLevel();
        r.taskTemplate = blankToNull(e.taskTemplate());
        r.deliverableTemplate = blankToNull(e.deliverableTemplate());
        routes.persist(r);
        audit(caller, "topic_route", code, before == null ? "CREATE" : "UPDATE", before, json(r), e.reason());
        return r;
    }

    @Transactional
    public Liaison putLiaison(Caller caller, String id, LiaisonEdit e) {
        String lid = CaseService.required("id", id);
        Liaison l = liaisons.findById(lid);
        String before = l == null ? null : json(l);
        if (l == null) {
            l = new Liaison();
            l.id = lid;
            l.role = Liaison.Role.DEPUTY;
        }
        if (e.name() != null) {
            l.name = CaseService.required("name", e.name());
        }
        if (l.name == null) {
            throw Invalid.field("name", "không được để trống");
        }
        int province = e.provinceCode() != null ? e.provinceCode() : l.provinceCode;
        if (e.provinceCode() != null && provinces.findById(e.provinceCode()) == null) {
            throw Invalid.field("provinceCode", "tỉnh không tồn tại: " + e.provinceCode());
        } else if (e.provinceCode() == null && before == null) {
            throw Invalid.field("provinceCode", "không được để trống");
        }
        Liaison.Role role = e.role() != null ? e.role() : l.role;
        boolean active = e.active() != null ? e.active() : l.active;
        if (role == Liaison.Role.PRIMARY && active) {
            // checked before the entity changes, so the query's auto-flush cannot hit the unique index first
            liaisons.primaryOf(province).filter(p -> !p.id.equals(lid)).ifPresent(p -> {
                throw new Conflict("primary-exists", "tỉnh " + p.provinceCode
                        + " đã có cán bộ phụ trách chính " + p.id + "; chuyển người đó thành phó trước");
            });
        }
        l.provinceCode = province;
        l.role = role;
        l.active = active;
        liaisons.persist(l);
        liaisons.flush();
        audit(caller, "liaison", lid, before == null ? "CREATE" : "UPDATE", before, json(l), e.reason());
        return l;
    }

    @Transactional
    public SlaTarget putSlaTarget(Caller caller, Urgency urgency, int workingDays, String reason) {
        if (workingDays < 1 || workingDays > 90) {
            throw Invalid.field("workingDays", "từ 1 đến 90 ngày làm việc");
        }
        SlaTarget t = targets.findById(urgency);
        String before = t == null ? null : json(t);
        if (t == null) {
            t = new SlaTarget();
            t.urgency = urgency;
        }
        t.workingDays = workingDays;
        targets.persist(t);
        audit(caller, "sla_target", urgency.name(), before == null ? "CREATE" : "UPDATE", before, json(t), reason);
        return t;
    }

    @Transactional
    public Holiday putHoliday(Caller caller, LocalDate day, String name, String reason) {
        Holiday h = holidays.findById(day);
        String before = h == null ? null : json(h);
        if (h == null) {
            h = new Holiday();
            h.day = day;
        }
        h.name = CaseService.required("name", name);
        holidays.persist(h);
        audit(caller, "holiday", day.toString(), before == null ? "CREATE" : "UPDATE", before, json(h), reason);
        return h;
    }

    @Transactional
    public void deleteHoliday(Caller caller, LocalDate day, String reason) {
        Holiday h = holidays.findById(day);
        if (h == null) {
            throw new NotFound("Ngày nghỉ " + day);
        }
        String before = json(h);
        holidays.delete(h);
        audit(caller, "holiday", day.toString(), "DELETE", before, null, reason);
    }

    private void audit(Caller caller, String entity, String key, String action, String before, String after,
            String reason) {
        AdminAudit a = new AdminAudit();
        a.at = clock.instant();
        a.actorId = caller.id();
        a.actorName = caller.name();
        a.entity = entity;
        a.entityKey = key;
        a.action = action;
        a.before = before;
        a.after = after;
        a.reason = VietnameseText.nfc(reason);
        a.persist();
        edited.fire(new ReferenceData.Edited(entity)); // drops the cached copy once this commits
    }

    private static String blankToNull(String s) {
        String v = VietnameseText.nfc(s);
        return v == null || v.isBlank() ? null : v;
    }

    private static String json(Object entity) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (var f : entity.getClass().getFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                m.put(f.getName(), f.get(entity));
            } catch (IllegalAccessException ex) {
                throw new IllegalStateException(ex);
            }
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
