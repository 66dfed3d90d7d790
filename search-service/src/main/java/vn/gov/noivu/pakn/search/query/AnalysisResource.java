package vn.gov.noivu.pakn.search.query;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.search.issues.RecurringIssue;
import vn.gov.noivu.pakn.search.issues.RecurringIssueService;

import java.util.Locale;

/** Recurring issues across communes and provinces, and trends with the SLA picture (leaders, liaisons, admins). */
@Path("/api/v1")
@RolesAllowed({Identity.LEADER, Identity.ADMIN, Identity.LIAISON, Identity.DEPARTMENT_HEAD})
@Tag(name = "analysis")
public class AnalysisResource {

    @Inject
    RecurringIssueService recurring;

    @Inject
    TrendService trends;

    @Inject
    Caller caller;

    @GET
    @Path("/recurring-issues")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Vấn đề lặp lại trên toàn bộ lịch sử hồ sơ (tổng hợp theo vấn đề đã gán khi lập chỉ mục)",
            description = "Mỗi vấn đề có số hồ sơ, các tỉnh, số xã (communeCount), xu hướng theo tuần, trạng thái; danh "
                    + "sách xã kèm số hồ sơ của từng xã ở GET /api/v1/recurring-issues/{id}.")
    public RecurringIssueService.Result recurring(@QueryParam("topic") String topic,
            @QueryParam("province") Integer province, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("minSize") Integer minSize, @QueryParam("status") String status, @QueryParam("q") String q,
            @QueryParam("sort") String sort, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return recurring.groups(filter(topic, province, from, to, minSize, status, q, sort, page, size),
                Scope.of(caller));
    }

    /** The listing's filter from query parameters; bad values are 400 problems naming the parameter. */
    public static RecurringIssueService.Filter filter(String topic, Integer province, String from, String to,
            Integer minSize, String status, String q, String sort, Integer page, Integer size) {
        if (minSize != null && minSize < 1) {
            throw ProblemException.badRequest("invalid-parameter", "minSize: ít nhất 1");
        }
        if (page != null && page < 1) {
            throw ProblemException.badRequest("invalid-parameter", "page: từ 1 trở lên");
        }
        if (size != null && (size < 1 || size > 200)) {
            throw ProblemException.badRequest("invalid-parameter", "size: từ 1 đến 200");
        }
        return new RecurringIssueService.Filter(topic == null || topic.isBlank() ? null : topic.strip(), province,
                SearchParams.date("from", from), SearchParams.date("to", to), minSize,
                status == null || status.isBlank() ? null : parse(RecurringIssue.Status.class, "status", status),
                q, sort == null || sort.isBlank() ? RecurringIssueService.Sort.SIZE
                        : parse(RecurringIssueService.Sort.class, "sort", sort),
                page == null ? 1 : page, size == null ? 20 : size);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-parameter", field + ": một trong " + java.util.Arrays.toString(type.getEnumConstants())
                    .toLowerCase(Locale.ROOT));
        }
    }

    @GET
    @Path("/trends")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Số hồ sơ theo chuyên đề, theo tỉnh theo thời gian; tình hình hạn xử lý")
    public TrendService.Trends trends(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("interval") String interval, @QueryParam("topic") String topic,
            @QueryParam("province") Integer province) {
        return trends.trends(new TrendService.Filter(SearchParams.date("from", from), SearchParams.date("to", to),
                interval(interval), topic, province), Scope.of(caller));
    }

    static TrendService.Interval interval(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return TrendService.Interval.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("interval", "day, week, month hoặc quarter");
        }
    }
}
