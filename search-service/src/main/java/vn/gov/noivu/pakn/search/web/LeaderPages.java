package vn.gov.noivu.pakn.search.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.search.rest.SearchParams;
import vn.gov.noivu.pakn.search.rest.SearchResource;
import vn.gov.noivu.pakn.search.service.CsvExporter;
import vn.gov.noivu.pakn.search.service.Scope;
import vn.gov.noivu.pakn.search.service.SearchCriteria;
import vn.gov.noivu.pakn.search.service.SearchPage;
import vn.gov.noivu.pakn.search.service.SearchService;
import vn.gov.noivu.pakn.search.service.TrendService;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The leaders' Vietnamese pages (server-rendered with Qute; every user text escaped by the templates), for leaders,
 * administrators, liaisons and department heads (each within the scope of its role). Sign-in is the OIDC authorization
 * code flow of the {@code web} tenant (quarkus-oidc): the session lives in an encrypted, HttpOnly cookie limited to
 * {@code /lanh-dao}, SameSite=Lax. Everything the pages link to (the CSV download included) is served under
 * {@code /lanh-dao}, since the session cookie is not sent to {@code /api}, which takes bearer tokens only.
 */
@Path("/lanh-dao")
@Produces(MediaType.TEXT_HTML)
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "web", description = "Trang web cho lãnh đạo Bộ")
public class LeaderPages {

    @Inject
    SearchService search;

    @Inject
    TrendService trends;

    @Inject
    Caller caller;

    @Inject
    CsvExporter csv;

    @Context
    UriInfo uri;

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance search(String user, SearchCriteria criteria, String sort, SearchPage page,
                List<FacetGroup> facets, List<ActiveFilter> active, String nextHref, String csvHref);

        public static native TemplateInstance trends(String user, TrendService.Trends trends, Chart overall,
                List<SeriesView> topics, List<SeriesView> provinces);

        /** A message page: {@code signIn} adds the sign-in link, {@code signOut} the sign-out link. */
        public static native TemplateInstance message(String heading, String message, boolean signIn,
                boolean signOut);
    }

    public record FacetLink(String label, long count, String href, boolean active) {
    }

    public record FacetGroup(String title, List<FacetLink> links) {
    }

    public record ActiveFilter(String label, String removeHref) {
    }

    public record SeriesView(String code, String label, long total, Chart chart) {
    }

    private static final Map<String, String> FACET_TITLES = Map.of("province", "Tỉnh, thành phố", "commune",
            "Xã, phường, đặc khu", "topic", "Chuyên đề", "status", "Trạng thái", "authority", "Thẩm quyền", "liaison",
            "Cán bộ phụ trách", "kind", "Loại phản ánh", "urgency", "Độ khẩn", "overdue", "Hạn xử lý");

    // ---------------------------------------------------------------- sign-in (authorization code flow)

    /**
     * Sign-in: the OIDC {@code web} tenant (quarkus-oidc, {@code /lanh-dao/*}) sends a browser without a session to the
     * identity provider's login page and back here with a session cookie; then on to the search page (which answers
     * 403 to a role the pages do not serve). The path is guarded by an HTTP permission (application.properties), so the
     * challenge is the provider's login page, not the 401 page of {@link UiExceptionMappers}.
     */
    @GET
    @Path("/dang-nhap")
    public Response login() {
        return Response.seeOther(URI.create(SEARCH)).build();
    }

    /**
     * Sign-out. The session is read here: with one, quarkus-oidc answers this path (its logout path) by ending the
     * session and redirecting to the provider's logout, which comes back to {@code /lanh-dao/da-dang-xuat}; without
     * one, straight to that page.
     */
    @GET
    @PermitAll
    @Path("/dang-xuat")
    public Response logout() {
        caller.authenticated();
        return Response.seeOther(URI.create("/lanh-dao/da-dang-xuat")).build();
    }

    /** Where the identity provider sends the browser after sign-out. */
    @GET
    @PermitAll
    @Path("/da-dang-xuat")
    public TemplateInstance loggedOut() {
        return Templates.message("Đăng xuất", "Đã đăng xuất. Bạn có thể đăng nhập lại.", true, false);
    }

    // ---------------------------------------------------------------- pages

    @GET
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    public Response home() {
        return Response.seeOther(URI.create("/lanh-dao/tim-kiem")).build();
    }

    @GET
    @Path("/tim-kiem")
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    public TemplateInstance searchPage(@BeanParam SearchParams params) {
        SearchCriteria c = params.criteria();
        SearchPage page = search.search(c, Scope.of(caller), true);
        List<FacetGroup> facets = new ArrayList<>();
        List<ActiveFilter> active = new ArrayList<>();
        page.facets().forEach((name, buckets) -> {
            List<String> selected = uri.getQueryParameters().getOrDefault(name, List.of());
            List<FacetLink> links = new ArrayList<>();
            for (SearchPage.Facet f : buckets) {
                boolean on = selected.contains(f.key());
                links.add(new FacetLink(f.label(), f.count(), on ? without(name, f.key()) : with(name, f.key()), on));
                if (on) {
                    active.add(new ActiveFilter(FACET_TITLES.getOrDefault(name, name) + ": " + f.label(),
                            without(name, f.key())));
                }
            }
            if (!links.isEmpty()) {
                facets.add(new FacetGroup(FACET_TITLES.getOrDefault(name, name), links));
            }
        });
        String next = page.nextCursor() == null ? null : replace("after", page.nextCursor());
        String csvHref = link(SEARCH_CSV, (k, v) -> !k.equals("page") && !k.equals("after"), null, null);
        return Templates.search(caller.name(), c, c.sort().name().toLowerCase(java.util.Locale.ROOT), page, facets,
                active, next, csvHref);
    }

    /**
     * The search page's CSV download: the same export as {@code GET /api/v1/search.csv} (same filters, the caller's
     * scope), for the page's session, which is not sent to {@code /api}.
     */
    @GET
    @Path("/tim-kiem.csv")
    @Produces(SearchResource.CSV)
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    public Response searchCsv(@BeanParam SearchParams params) {
        return SearchResource.export(csv, params.criteria(), Scope.of(caller));
    }

    @GET
    @Path("/xu-huong")
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    public TemplateInstance trendsPage(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("interval") String interval) {
        TrendService.Interval iv = interval == null || interval.isBlank() ? null
                : TrendService.Interval.valueOf(interval.strip().toUpperCase(java.util.Locale.ROOT));
        TrendService.Trends t = trends.trends(new TrendService.Filter(dateOrNull(from), dateOrNull(to), iv, null,
                null), Scope.of(caller));
        Chart overall = Chart.of(points(t.overall()), 720, 160);
        return Templates.trends(caller.name(), t, overall, series(t.byTopic()), series(t.byProvince()));
    }

    private static java.time.LocalDate dateOrNull(String s) {
        try {
            return s == null || s.isBlank() ? null : java.time.LocalDate.parse(s.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static List<Chart.Point> points(List<TrendService.Point> p) {
        return p.stream().map(x -> new Chart.Point(x.period(), x.count())).toList();
    }

    private static List<SeriesView> series(List<TrendService.Series> s) {
        return s.stream().map(x -> new SeriesView(x.code(), x.label(), x.total(), Chart.of(points(x.points()), 240,
                40))).toList();
    }

    // links that keep the current query and add or remove one filter value; paging restarts (page, after dropped)

    private String with(String name, String value) {
        return link(SEARCH, (k, v) -> !k.equals("page") && !k.equals("after"), name, value);
    }

    private String without(String name, String value) {
        return link(SEARCH, (k, v) -> !k.equals("page") && !k.equals("after") && !(k.equals(name) && v.equals(value)),
                null, null);
    }

    private String replace(String name, String value) {
        return link(SEARCH, (k, v) -> !k.equals("page") && !k.equals(name), name, value);
    }

    private static final String SEARCH = "/lanh-dao/tim-kiem";
    private static final String SEARCH_CSV = "/lanh-dao/tim-kiem.csv";

    private String link(String path, java.util.function.BiPredicate<String, String> keep, String addName,
            String addValue) {
        StringBuilder sb = new StringBuilder(path);
        char[] sep = {'?'};
        uri.getQueryParameters().forEach((k, values) -> values.forEach(v -> {
            if (keep.test(k, v)) {
                sb.append(sep[0]).append(enc(k)).append('=').append(enc(v));
                sep[0] = '&';
            }
        }));
        if (addName != null) {
            sb.append(sep[0]).append(enc(addName)).append('=').append(enc(addValue));
        }
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
