package vn.gov.noivu.pakn.search.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.search.indexing.CaseDocument;
import vn.gov.noivu.pakn.search.query.SearchResource;
import vn.gov.noivu.pakn.search.query.CaseLookup;
import vn.gov.noivu.pakn.search.query.CsvExporter;
import vn.gov.noivu.pakn.search.query.Scope;
import vn.gov.noivu.pakn.search.query.SearchCriteria;
import vn.gov.noivu.pakn.search.query.SearchPage;
import vn.gov.noivu.pakn.search.query.SearchService;
import vn.gov.noivu.pakn.search.query.TrendService;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    @Inject
    CaseLookup cases;

    @Context
    UriInfo uri;

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance search(String user, SearchForm form, SearchPage page,
                List<FacetGroup> facets, List<ActiveFilter> active, Paging paging, String csvHref, TotalLine totalLine,
                boolean facetsApproximate);

        public static native TemplateInstance trends(String user, TrendForm form, TrendService.Trends trends,
                String periodName, Charts.ColumnChart overall, List<PeriodRow> overallRows, Charts.BarChart topicBars,
                Charts.BarChart provinceBars, List<String> periods, List<SeriesView> topics,
                List<SeriesView> provinces);

        public static native TemplateInstance caseView(String user, CaseView c);

        /** A message page: {@code signIn} adds the sign-in link, {@code signOut} the sign-out link. */
        public static native TemplateInstance message(String heading, String message, boolean signIn,
                boolean signOut);
    }

    /** {@code top}: the first values shown; {@code more}: the rest, folded under "Xem thêm". */
    public record FacetGroup(String name, String title, List<FacetLink> top, List<FacetLink> more) {
    }

    /** {@code shown}: the count as the page prints it, "~1.200" when it is an estimate. */
    public record FacetLink(String label, long count, String shown, String href, boolean active) {
    }

    /**
     * The line above the results: {@code kind} is "exact" (Tìm thấy 1.234 hồ sơ), "estimate" (Tìm thấy khoảng
     * 230.000 hồ sơ), "bound" (Tìm thấy hơn 10.000 hồ sơ) or "next" (a page after a cursor: no count);
     * {@code number} is formatted.
     */
    public record TotalLine(String kind, String number) {
    }

    public record ActiveFilter(String label, String removeHref) {
    }

    /** Previous and next pages (null when there is none), "Trang 2 / 7". */
    public record Paging(int page, long pages, String previousHref, String nextHref, long firstItem, long lastItem) {
    }

    public record PeriodRow(String label, long count) {
    }

    /** A topic or province over the chosen periods: counts in the order of the page's periods. */
    public record SeriesView(String code, String label, long total, List<Long> counts) {
    }

    /** The trends page's form as typed (interval week/month/quarter, dates dd/MM/yyyy) and its messages. */
    public record TrendForm(String interval, String from, String to, Map<String, String> errors) {

        public boolean hasError(String field) {
            return errors.containsKey(field);
        }

        public String error(String field) {
            return errors.get(field);
        }
    }

    /** The read-only case view: the indexed document with its labels and timeline. */
    public record CaseView(CaseDocument doc, String statusLabel, String kindLabel, String urgencyLabel,
            String authorityLabel, String slaLabel, List<Step> timeline) {

        /** The commune's rating in words. */
        public String ratingLabel() {
            Integer r = doc.satisfactionRating;
            return r == null ? "" : switch (r) {
                case 1 -> "Rất không hài lòng";
                case 2 -> "Không hài lòng";
                case 3 -> "Bình thường";
                case 4 -> "Hài lòng";
                default -> "Rất hài lòng";
            };
        }
    }

    public record Step(java.time.Instant at, String label, String actor, String statusLabel, String reason,
            String text) {
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
    public Response searchPage(@BeanParam SearchForm form) {
        java.util.Optional<SearchCriteria> criteria = form.criteria();
        if (criteria.isEmpty()) {
            // what was typed stays in the form, with the message beside its field; nothing is searched
            return html(400, Templates.search(caller.name(), form, null, List.of(), List.of(), null, null, null, false));
        }
        SearchCriteria c = criteria.get();
        SearchPage page = search.search(c, Scope.of(caller), true);
        List<FacetGroup> facets = new ArrayList<>();
        List<ActiveFilter> active = new ArrayList<>();
        boolean approximate = Boolean.TRUE.equals(page.facetsApproximate());
        (page.facets() == null ? Map.<String, List<SearchPage.Facet>>of() : page.facets()).forEach((name, buckets) -> {
            List<String> selected = uri.getQueryParameters().getOrDefault(name, List.of());
            List<FacetLink> links = new ArrayList<>();
            for (SearchPage.Facet f : buckets) {
                boolean on = selected.contains(f.key());
                String shown = approximate ? "~" + Formats.count(SearchService.roundTwoDigits(f.count()))
                        : Formats.count(f.count());
                links.add(new FacetLink(f.label(), f.count(), shown, on ? without(name, f.key()) : with(name, f.key()),
                        on));
                if (on) {
                    active.add(new ActiveFilter(FACET_TITLES.getOrDefault(name, name) + ": " + f.label(),
                            without(name, f.key())));
                }
            }
            if (!links.isEmpty()) {
                int fold = links.size() > FACET_SHOWN + 2 ? FACET_SHOWN : links.size();
                facets.add(new FacetGroup(name, FACET_TITLES.getOrDefault(name, name), links.subList(0, fold),
                        links.subList(fold, links.size())));
            }
        });
        String csvHref = link(SEARCH_CSV, (k, v) -> !k.equals("page") && !k.equals("after"), null, null);
        return html(200, Templates.search(caller.name(), form, page, facets, active, paging(c, page), csvHref,
                totalLine(page), approximate));
    }

    static TotalLine totalLine(SearchPage page) {
        if (page.total() == null) {
            return new TotalLine("next", null);
        }
        if (!page.totalIsLowerBound()) {
            return new TotalLine("exact", Formats.count(page.total()));
        }
        return page.totalEstimate() != null && page.totalEstimate() > page.total()
                ? new TotalLine("estimate", Formats.count(page.totalEstimate()))
                : new TotalLine("bound", Formats.count(page.total()));
    }

    /** Values of a facet shown before "Xem thêm". */
    static final int FACET_SHOWN = 6;

    /** {@code pages} is 0 when not known (more cases match than are counted exactly). */
    private Paging paging(SearchCriteria c, SearchPage page) {
        long total = page.total() == null ? 0 : page.total();
        long pages = page.total() == null || page.totalIsLowerBound() ? 0 : (total + c.size() - 1) / c.size();
        if (c.cursor() != null) {
            // deep paging (beyond the 10,000 results from/size reaches) goes forward with search_after only
            String next = page.nextCursor() == null ? null : replace("after", page.nextCursor());
            return new Paging(0, pages, null, next, 0, 0);
        }
        int p = c.page();
        String previous = p > 1 ? replace("page", String.valueOf(p - 1)) : null;
        String next = null;
        if ((long) p * c.size() < total || page.totalIsLowerBound() && page.items().size() == c.size()) {
            next = (long) (p + 1) * c.size() <= 10_000 ? replace("page", String.valueOf(p + 1))
                    : page.nextCursor() == null ? null : replace("after", page.nextCursor());
        }
        long first = page.items().isEmpty() ? 0 : (long) (p - 1) * c.size() + 1;
        return new Paging(p, pages, previous, next, first, first == 0 ? 0 : first + page.items().size() - 1);
    }

    /**
     * The read-only view of one case, built from the search index (content, answer, timeline, status, SLA, responsible
     * unit). The caller's scope is part of the lookup: a case outside it is "not found", like one that does not exist.
     */
    @GET
    @Path("/ho-so/{id}")
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    public Response caseView(@PathParam("id") String id) {
        java.util.Optional<CaseDocument> found = cases.find(id, Scope.of(caller));
        if (found.isEmpty()) {
            return html(404, Templates.message("Không tìm thấy hồ sơ",
                    "Không có hồ sơ này, hoặc hồ sơ nằm ngoài phạm vi bạn được xem.", false, false));
        }
        CaseDocument d = found.get();
        List<Step> steps = new ArrayList<>();
        if (d.timeline != null) {
            for (CaseDocument.TimelineEntry t : d.timeline) {
                String label = t.type == null ? "Cập nhật" : vn.gov.noivu.pakn.events.CaseEventType.valueOf(t.type)
                        .labelVi();
                steps.add(new Step(t.at, label, t.actorName, t.status == null ? null : SearchService.label("status",
                        t.status), t.reason, t.text));
            }
        }
        return html(200, Templates.caseView(caller.name(), new CaseView(d, SearchService.label("status", d.status),
                SearchService.label("kind", d.kind), SearchService.label("urgency", d.urgency),
                SearchService.label("authority", d.authorityLevel), slaLabel(d.slaState), steps)));
    }

    private static String slaLabel(String state) {
        try {
            return state == null ? null : vn.gov.noivu.pakn.events.SlaState.valueOf(state).labelVi();
        } catch (IllegalArgumentException e) {
            return state;
        }
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render())
                .build();
    }

    /**
     * The search page's CSV download: the same export as {@code GET /api/v1/search.csv} (same filters, the caller's
     * scope), for the page's session, which is not sent to {@code /api}.
     */
    @GET
    @Path("/tim-kiem.csv")
    @Produces(SearchResource.CSV)
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    public Response searchCsv(@BeanParam SearchForm form) {
        java.util.Optional<SearchCriteria> c = form.criteria();
        if (c.isEmpty()) {
            return html(400, Templates.search(caller.name(), form, null, List.of(), List.of(), null, null, null, false));
        }
        return SearchResource.export(csv, c.get(), Scope.of(caller));
    }

    @GET
    @Path("/xu-huong")
    @RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
    public Response trendsPage(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("interval") String interval) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        String iv = interval == null || interval.isBlank() ? "WEEK" : interval.strip().toUpperCase(Locale.ROOT);
        TrendService.Interval chosen;
        try {
            chosen = TrendService.Interval.valueOf(iv);
        } catch (IllegalArgumentException e) {
            errors.put("interval", "Hãy chọn “Tuần”, “Tháng” hoặc “Quý” (đã gửi “" + interval + "”).");
            chosen = TrendService.Interval.WEEK;
            iv = "WEEK";
        }
        LocalDate f = trendDate("from", from, "Từ ngày", errors);
        LocalDate t = trendDate("to", to, "Đến ngày", errors);
        LocalDate end = t != null ? t : SearchService.today();
        LocalDate start = f != null ? f : switch (chosen) {
            case DAY -> end.minusDays(29);
            case WEEK -> end.minusWeeks(12);
            case MONTH -> end.minusMonths(11).withDayOfMonth(1);
            case QUARTER -> end.minusMonths(21).withDayOfMonth(1);
        };
        if (start.isAfter(end)) {
            errors.put("to", "“Đến ngày” phải sau hoặc bằng “Từ ngày” (" + Formats.vnDate(start) + ").");
        } else if (periods(chosen, start, end) > MAX_PERIODS) {
            errors.put("from", "Khoảng thời gian quá dài để xem theo " + PERIOD_NAMES.get(iv)
                    + " (tối đa " + MAX_PERIODS + " kỳ): hãy rút ngắn hoặc xem theo kỳ dài hơn.");
        }
        TrendForm form = new TrendForm(iv, from == null || from.isBlank() ? Formats.vnDate(start) : Formats.shownDate(from),
                to == null || to.isBlank() ? Formats.vnDate(end) : Formats.shownDate(to), errors);
        if (!errors.isEmpty()) {
            return html(400, Templates.trends(caller.name(), form, null, PERIOD_NAMES.get(iv), null, List.of(), null,
                    null, List.of(), List.of(), List.of()));
        }
        TrendService.Trends tr = trends.trends(new TrendService.Filter(start, end, chosen, null, null),
                Scope.of(caller));
        String kind = chosen.name();
        List<String> periods = tr.overall().stream().map(p -> Formats.period(kind, LocalDate.parse(p.period())))
                .toList();
        List<Charts.Value> overall = new ArrayList<>();
        List<PeriodRow> rows = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            overall.add(new Charts.Value(periods.get(i), tr.overall().get(i).count()));
            rows.add(new PeriodRow(periods.get(i), tr.overall().get(i).count()));
        }
        List<SeriesView> topics = series(tr.byTopic(), tr.overall());
        List<SeriesView> provinces = series(tr.byProvince(), tr.overall());
        return html(200, Templates.trends(caller.name(), form, tr, PERIOD_NAMES.get(iv), Charts.columns(overall), rows,
                Charts.bars(topics.stream().map(x -> new Charts.Value(x.label(), x.total())).toList()),
                Charts.bars(provinces.stream().map(x -> new Charts.Value(x.label(), x.total())).toList()), periods,
                topics, provinces));
    }

    static final int MAX_PERIODS = 120;

    static final Map<String, String> PERIOD_NAMES = Map.of("DAY", "ngày", "WEEK", "tuần", "MONTH", "tháng",
            "QUARTER", "quý");

    private static long periods(TrendService.Interval interval, LocalDate from, LocalDate to) {
        return switch (interval) {
            case DAY -> java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
            case WEEK -> java.time.temporal.ChronoUnit.WEEKS.between(from, to) + 1;
            case MONTH -> java.time.temporal.ChronoUnit.MONTHS.between(from, to) + 1;
            case QUARTER -> java.time.temporal.ChronoUnit.MONTHS.between(from, to) / 3 + 1;
        };
    }

    private static LocalDate trendDate(String field, String s, String label, Map<String, String> errors) {
        try {
            return Formats.parseDate(s);
        } catch (IllegalArgumentException e) {
            errors.put(field, "“" + label + "” phải là một ngày dạng dd/mm/yyyy, ví dụ 02/12/2026 (đã nhập “"
                    + s.strip() + "”).");
            return null;
        }
    }

    /** Each series' counts aligned on the overall periods (a series may lack empty periods at its ends). */
    private static List<SeriesView> series(List<TrendService.Series> s, List<TrendService.Point> overall) {
        List<SeriesView> out = new ArrayList<>();
        for (TrendService.Series x : s) {
            Map<String, Long> byPeriod = new java.util.HashMap<>();
            x.points().forEach(p -> byPeriod.put(p.period(), p.count()));
            out.add(new SeriesView(x.code(), x.label(), x.total(), overall.stream()
                    .map(p -> byPeriod.getOrDefault(p.period(), 0L)).toList()));
        }
        return out;
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
