package vn.gov.noivu.pakn.intake.open311;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.problem.Problem;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.events.CaseKind;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.intake.reference.Commune;
import vn.gov.noivu.pakn.intake.reference.ReferenceRepository;
import vn.gov.noivu.pakn.intake.reference.Topic;
import vn.gov.noivu.pakn.intake.security.Requester;
import vn.gov.noivu.pakn.intake.submission.CaseService;
import vn.gov.noivu.pakn.intake.submission.IntakeCase;
import vn.gov.noivu.pakn.intake.submission.JsonBodies;
import vn.gov.noivu.pakn.intake.submission.SubmissionValidator;
import vn.gov.noivu.pakn.intake.submission.SubmitCaseRequest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the same cases: service = topic
 * (service_code T01..T12), jurisdiction_id = province code, address_id (or a numeric address) = commune code,
 * service_request_id = case code (PAKN-...). Every call needs a token: the bearer header, or the same token as the
 * {@code api_key} parameter. Formats: {@code .json} and {@code .xml}. Errors use Open311's error list
 * ({@code [{"code":..,"description":..}]}) with the HTTP status of the problem.
 */
@Path("/open311/v2")
@Tag(name = "open311", description = "Open311 GeoReport v2")
public class Open311Resource {

    static final String XML = "text/xml;charset=UTF-8";
    static final String JSON = "application/json;charset=UTF-8";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Inject
    Caller caller;

    @Inject
    io.quarkus.oidc.TenantIdentityProvider apiTokens; // the default (bearer) tenant: same checks as the header

    @Inject
    ReferenceRepository reference;

    @Inject
    CaseService cases;

    @Inject
    SubmissionValidator validator;

    @Inject
    JsonBodies bodies;

    @Inject
    ObjectMapper json;

    // ------------------------------------------------------------------ discovery and services (public)

    @GET
    @Path("/discovery.{format}")
    @Operation(summary = "Open311 discovery")
    public Response discovery(@PathParam("format") String format, @jakarta.ws.rs.core.Context UriInfo uri) {
        return handle(format, () -> {
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
            endpoint.put("url", uri.getBaseUri().resolve("open311/v2").toString());
            endpoint.put("changeset", "2025-07-01T00:00:00Z");
            endpoint.put("type", "production");
            endpoint.put("formats", List.of("application/json", "text/xml"));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("changeset", "2025-07-01T00:00:00Z");
            d.put("contact", "Bộ Nội vụ – Hệ thống tiếp nhận phản ánh, kiến nghị của cấp xã");
            d.put("key_service", "api_key = mã truy cập (bearer token) do Bộ Nội vụ cấp");
            d.put("endpoints", List.of(endpoint));
            return new Body("discovery", d);
        });
    }

    @GET
    @Path("/services.{format}")
    @Operation(summary = "Open311 services: one per topic")
    public Response services(@PathParam("format") String format) {
        return handle(format, () -> new Body("services", QuarkusTransaction.requiringNew().call(() ->
                reference.activeTopics().stream().map(Open311Resource::service).toList())));
    }

    static Map<String, Object> service(Topic t) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("service_code", t.code);
        s.put("service_name", t.name);
        s.put("description", t.description);
        s.put("metadata", true);
        s.put("type", "realtime");
        s.put("keywords", "nội vụ, cấp xã");
        s.put("group", "Nội vụ");
        return s;
    }

    @GET
    @Path("/services/{code}.{format}")
    @Operation(summary = "Open311 service definition: the attributes a request may carry")
    public Response definition(@PathParam("code") String code, @PathParam("format") String format) {
        return handle(format, () -> {
            Topic t = QuarkusTransaction.requiringNew().call(() -> reference.topic(code).filter(x -> x.active)
                    .orElseThrow(() -> ProblemException.notFound("dịch vụ " + code)));
            List<Object> attributes = new ArrayList<>();
            attributes.add(attribute("title", "string", false, 1, "Tiêu đề (mặc định: đầu nội dung)", List.of()));
            attributes.add(attribute("kind", "singlevaluelist", false, 2, "Loại (mặc định DIFFICULTY)",
                    Arrays.stream(CaseKind.values()).map(k -> value(k.name(), k.labelVi())).toList()));
            attributes.add(attribute("urgency", "singlevaluelist", false, 3, "Độ khẩn (mặc định NORMAL)",
                    Arrays.stream(Urgency.values()).map(u -> value(u.name(), u.labelVi())).toList()));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("service_code", t.code);
            d.put("attributes", attributes);
            return new Body("service_definition", d);
        });
    }

    private static Map<String, Object> attribute(String code, String type, boolean required, int order,
            String description, List<Object> values) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("variable", true);
        a.put("code", code);
        a.put("datatype", type);
        a.put("required", required);
        a.put("datatype_description", description);
        a.put("order", order);
        a.put("description", description);
        if (!values.isEmpty()) {
            a.put("values", values);
        }
        return a;
    }

    private static Object value(String key, String name) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("key", key);
        v.put("name", name);
        return v;
    }

    // ------------------------------------------------------------------ requests (token required)

    @POST
    @Path("/requests.{format}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Open311 POST service request (form-encoded): a case for the caller's own commune")
    public Response create(@PathParam("format") String format, @FormParam("api_key") String apiKey,
            @FormParam("jurisdiction_id") String jurisdiction, @FormParam("service_code") String serviceCode,
            @FormParam("address_id") String addressId, @FormParam("address_string") String addressString,
            @FormParam("address") String address, @FormParam("description") String description,
            @FormParam("first_name") String firstName, @FormParam("last_name") String lastName,
            @FormParam("email") String email, @FormParam("phone") String phone,
            @FormParam("attribute[title]") String title, @FormParam("attribute[kind]") String kind,
            @FormParam("attribute[urgency]") String urgency) {
        return handle(format, () -> {
            Requester r = requester(apiKey);
            Integer commune = firstInt("address_id", addressId, address, addressString);
            if (commune == null) {
                commune = r.communeCode();
            }
            if (jurisdiction != null && !jurisdiction.isBlank()) {
                Integer province = parseInt("jurisdiction_id", jurisdiction);
                final Integer c = commune;
                boolean matches = QuarkusTransaction.requiringNew().call(() -> c != null && reference.commune(c)
                        .map(x -> x.provinceCode.equals(province)).orElse(true));
                if (!matches) {
                    throw ProblemException.invalid("jurisdiction_id", "xã " + c + " không thuộc tỉnh " + province);
                }
            }
            String name = String.join(" ", nonBlank(firstName), nonBlank(lastName)).strip();
            String desc = description == null ? null : description.strip();
            String t = title != null && !title.isBlank() ? title : defaultTitle(desc);
            SubmitCaseRequest request = validator.normaliseAndValidate(new SubmitCaseRequest(commune, serviceCode,
                    kind == null || kind.isBlank() ? CaseKind.DIFFICULTY.name() : kind, t, desc, urgency,
                    new SubmitCaseRequest.Contact(name.isEmpty() ? r.name() : name, phone, email)));
            CaseService.Submitted s = cases.submit(r, request, null, bodies.fingerprint(request));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_request_id", s.code());
            m.put("service_notice", "Đã tiếp nhận phản ánh " + s.code());
            m.put("account_id", null);
            return new Body("service_requests", List.of(m), 201);
        });
    }

    @GET
    @Path("/requests.{format}")
    @Operation(summary = "Open311 GET service requests within the caller's scope")
    public Response list(@PathParam("format") String format, @QueryParam("api_key") String apiKey,
            @QueryParam("service_request_id") String ids, @QueryParam("service_code") String serviceCode,
            @QueryParam("start_date") String start, @QueryParam("end_date") String end,
            @QueryParam("status") String status, @QueryParam("jurisdiction_id") String jurisdiction) {
        return handle(format, () -> {
            Requester r = requester(apiKey);
            Set<CaseStatus> statuses = null;
            if (status != null && !status.isBlank()) {
                statuses = EnumSet.noneOf(CaseStatus.class);
                for (String s : status.split(",")) {
                    switch (s.strip().toLowerCase()) {
                        case "open" -> statuses.addAll(EnumSet.complementOf(EnumSet.of(CaseStatus.CLOSED)));
                        case "closed" -> statuses.add(CaseStatus.CLOSED);
                        default -> throw ProblemException.invalid("status", "open hoặc closed");
                    }
                }
            }
            Instant from = date("start_date", start);
            Instant to = date("end_date", end);
            if (from == null && to == null && (ids == null || ids.isBlank())) {
                from = Instant.now().minus(java.time.Duration.ofDays(90)); // Open311 default window
            }
            CaseService.Filter f = new CaseService.Filter(null,
                    jurisdiction == null || jurisdiction.isBlank() ? null : parseInt("jurisdiction_id", jurisdiction),
                    statuses, serviceCode == null || serviceCode.isBlank() ? null : serviceCode.strip(),
                    ids == null || ids.isBlank() ? null : Arrays.stream(ids.split(",")).map(String::strip).toList(),
                    from, to);
            return new Body("service_requests", QuarkusTransaction.requiringNew().call(() ->
                    cases.search(r, f, 0, 1000).items().stream().map(this::request).toList()));
        });
    }

    @GET
    @Path("/requests/{id}.{format}")
    @Operation(summary = "Open311 GET service request by id (case code or UUID)")
    public Response one(@PathParam("id") String id, @PathParam("format") String format,
            @QueryParam("api_key") String apiKey) {
        return handle(format, () -> {
            Requester r = requester(apiKey);
            return new Body("service_requests", QuarkusTransaction.requiringNew().call(() ->
                    List.of(request(cases.readableByIdOrCode(r, id)))));
        });
    }

    Map<String, Object> request(IntakeCase c) {
        Commune commune = reference.commune(c.communeCode).orElseThrow();
        Topic topic = reference.topic(c.topicCode).orElseThrow();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", c.code);
        m.put("status", c.status == CaseStatus.CLOSED ? "closed" : "open");
        m.put("status_notes", c.status.labelVi());
        m.put("service_name", topic.name);
        m.put("service_code", c.topicCode);
        m.put("description", c.description);
        m.put("agency_responsible", c.responsibleUnitName);
        m.put("service_notice", c.answerText);
        m.put("requested_datetime", iso(c.submittedAt));
        m.put("updated_datetime", iso(c.updatedAt));
        m.put("expected_datetime", iso(c.dueAt));
        m.put("address", commune.name);
        m.put("address_id", String.valueOf(c.communeCode));
        m.put("zipcode", null);
        m.put("lat", null);
        m.put("long", null);
        m.put("media_url", null);
        m.put("jurisdiction_id", String.valueOf(c.provinceCode));
        m.put("title", c.title);
        return m;
    }

    // ------------------------------------------------------------------ plumbing

    record Body(String root, Object value, int status) {
        Body(String root, Object value) {
            this(root, value, 200);
        }
    }

    private Response handle(String format, Supplier<Body> work) {
        boolean xml = "xml".equalsIgnoreCase(format);
        if (!xml && !"json".equalsIgnoreCase(format)) {
            return Response.status(404).type(JSON).entity("[{\"code\":404,\"description\":\"định dạng phải là .json hoặc .xml\"}]").build();
        }
        try {
            Body b = work.get();
            return render(xml, b.status(), b.root(), b.value());
        } catch (ProblemException e) {
            return error(xml, e.status(), e.title() + ": " + e.getMessage() + fieldErrors(e.errors()));
        } catch (vn.gov.noivu.pakn.commons.domain.DomainException e) {
            return error(xml, vn.gov.noivu.pakn.commons.problem.ProblemMappers.status(e),
                    e.title() + ": " + e.getMessage() + fieldErrors(e.errors()));
        } catch (AuthenticationFailedException e) {
            return error(xml, 401, "Chưa xác thực: cần api_key hoặc bearer token hợp lệ");
        }
    }

    private static String fieldErrors(List<Problem.FieldError> errors) {
        return errors.isEmpty() ? "" : " (" + String.join("; ", errors.stream()
                .map(e -> e.field() + ": " + e.message()).toList()) + ")";
    }

    private Response error(boolean xml, int status, String description) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", status);
        e.put("description", description);
        return render(xml, status, "errors", List.of(e));
    }

    private Response render(boolean xml, int status, String root, Object value) {
        if (xml) {
            return Response.status(status).type(XML).entity(Open311Xml.document(root, value)).build();
        }
        try {
            return Response.status(status).type(JSON).entity(json.writeValueAsString(value)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token of the {@code api_key} parameter if given (verified like a bearer token), else the request's. */
    private Requester requester(String apiKey) {
        if (apiKey != null && !apiKey.isBlank()) {
            try {
                io.quarkus.security.identity.SecurityIdentity identity = apiTokens
                        .authenticate(new io.quarkus.oidc.AccessTokenCredential(apiKey.strip()))
                        .await().atMost(java.time.Duration.ofSeconds(10));
                return Requester.of((org.eclipse.microprofile.jwt.JsonWebToken) identity.getPrincipal());
            } catch (RuntimeException e) {
                throw new AuthenticationFailedException("invalid api_key");
            }
        }
        if (!caller.authenticated()) {
            throw new AuthenticationFailedException("no token");
        }
        return Requester.of(caller);
    }

    private static String nonBlank(String s) {
        return s == null ? "" : s.strip();
    }

    static String defaultTitle(String description) {
        if (description == null) {
            return null;
        }
        String firstLine = description.lines().findFirst().orElse("").strip();
        if (firstLine.length() <= 120) {
            return firstLine;
        }
        int cut = firstLine.lastIndexOf(' ', 117);
        return firstLine.substring(0, cut > 40 ? cut : 117) + "…";
    }

    private static Integer firstInt(String field, String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return parseInt(field, v);
            }
        }
        return null;
    }

    private static Integer parseInt(String field, String v) {
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "phải là mã số");
        }
    }

    private static Instant date(String field, String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "phải theo ISO 8601, ví dụ 2026-01-31T00:00:00+07:00");
        }
    }

    private static String iso(Instant i) {
        return i == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(i.atZone(VIETNAM));
    }
}
