package vn.gov.noivu.pakn.search.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.search.rest.SearchParams;
import vn.gov.noivu.pakn.search.service.RecurringIssueService;
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
import java.util.Set;

/**
 * The leaders' Vietnamese pages (server-rendered with Qute; every user text escaped by the templates). The browser
 * authenticates with the bearer token kept in the {@code pakn_token} cookie (HttpOnly, SameSite=Strict), set by
 * {@code /lanh-dao/dang-nhap?token=...} after verifying the token: a stopgap until the identity issue.
 */
@Path("/lanh-dao")
@Produces(MediaType.TEXT_HTML)
public class LeaderPages {

    public static final String COOKIE = "pakn_token";

    @Inject
    SearchService search;

    @Inject
    RecurringIssueService recurring;

    @Inject
    TrendService trends;

    @Inject
    Caller caller;

    @Inject
    JWTParser parser;

    @Context
    UriInfo uri;

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance search(String user, SearchCriteria criteria, String sort, SearchPage page,
                List<FacetGroup> facets, List<ActiveFilter> active, String nextHref, String csvHref);

        public static native TemplateInstance recurring(String user, List<GroupView> groups, int candidates,
                String topic, Integer province);

        public static native TemplateInstance trends(String user, TrendService.Trends trends, Chart overall,
                List<SeriesView> topics, List<SeriesView> provinces);

        public static native TemplateInstance login(String message);
    }

    public record FacetLink(String label, long count, String href, boolean active) {
    }

    public record FacetGroup(String title, List<FacetLink> links) {
    }

    public record ActiveFilter(String label, String removeHref) {
    }

    public record GroupView(RecurringIssueService.Group group, Chart trend) {
    }

    public record SeriesView(String code, String label, long total, Chart chart) {
    }

    private static final Map<String, String> FACET_TITLES = Map.of("province", "Tỉnh, thành phố", "commune",
            "Xã, phường, đặc khu", "topic", "Chuyên đề", "status", "Trạng thái", "authority", "Thẩm quyền", "liaison",
            "Cán bộ phụ trách", "kind", "Loại phản ánh", "urgency", "Độ khẩn", "overdue", "Hạn xử lý");

    @GET
    @PermitAll
    @Path("/dang-nhap")
    @Operation(hidden = true)
    public Response login(@QueryParam("token") String token) {
        if (token == null || token.isBlank()) {
            return Response.status(400).entity(Templates.login("Thiếu mã truy cập (token).")).build();
        }
        try {
            JsonWebToken jwt = parser.parse(token.strip());
            Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
            if (groups.stream().noneMatch(g -> Set.of(Identity.LEADER, Identity.ADMIN, Identity.LIAISON,
                    Identity.DEPARTMENT_HEAD).contains(g))) {
                return Response.status(403).entity(Templates.login("Trang này dành cho lãnh đạo và cán bộ phụ trách."))
                        .build();
            }
            long maxAge = Math.max(60, jwt.getExpirationTime() - System.currentTimeMillis() / 1000);
            NewCookie cookie = new NewCookie.Builder(COOKIE).value(token.strip()).path("/").httpOnly(true)
                    .sameSite(NewCookie.SameSite.STRICT).secure(uri.getRequestUri().getScheme().equals("https"))
                    .maxAge((int) Math.min(maxAge, Integer.MAX_VALUE)).build();
            return Response.seeOther(URI.create("/lanh-dao/tim-kiem")).cookie(cookie).build();
        } catch (ParseException e) {
            return Response.status(401).entity(Templates.login("Mã truy cập không hợp lệ hoặc đã hết hạn.")).build();
        }
    }

    @GET
    @PermitAll
    @Path("/dang-xuat")
    @Operation(hidden = true)
    public Response logout() {
        NewCookie gone = new NewCookie.Builder(COOKIE).value("").path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
        return Response.ok(Templates.login("Đã đăng xuất.")).cookie(gone).build();
    }

    @GET
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    @Operation(hidden = true)
    public Response home() {
        return Response.seeOther(URI.create("/lanh-dao/tim-kiem")).build();
    }

    @GET
    @Path("/tim-kiem")
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    @Operation(hidden = true)
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
        String csv = link("/api/v1/search.csv", (k, v) -> !k.equals("page") && !k.equals("after"), null, null);
        return Templates.search(caller.name(), c, c.sort().name().toLowerCase(java.util.Locale.ROOT), page, facets,
                active, next, csv);
    }

    @GET
    @Path("/van-de-lap-lai")
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    @Operation(hidden = true)
    public TemplateInstance recurringPage(@QueryParam("topic") String topic, @QueryParam("province") Integer province) {
        RecurringIssueService.Result r = recurring.groups(new RecurringIssueService.Filter(
                topic == null || topic.isBlank() ? null : topic, province, null, null, null), Scope.of(caller));
        List<GroupView> groups = r.groups().stream().map(g -> new GroupView(g, Chart.of(
                g.weeklyTrend().stream().map(w -> new Chart.Point(w.week(), w.count())).toList(), 240, 60))).toList();
        return Templates.recurring(caller.name(), groups, r.candidates(), topic, province);
    }

    @GET
    @Path("/xu-huong")
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    @Operation(hidden = true)
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
