package vn.gov.noivu.pakn.search.rest;

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
import vn.gov.noivu.pakn.search.service.RecurringIssueService;
import vn.gov.noivu.pakn.search.service.Scope;
import vn.gov.noivu.pakn.search.service.TrendService;

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
    @Operation(summary = "Nhóm các hồ sơ phản ánh cùng một vấn đề ở nhiều xã, tỉnh")
    public RecurringIssueService.Result recurring(@QueryParam("topic") String topic,
            @QueryParam("province") Integer province, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("minSize") Integer minSize) {
        if (minSize != null && minSize < 2) {
            throw ProblemException.invalid("minSize", "ít nhất 2");
        }
        return recurring.groups(new RecurringIssueService.Filter(topic, province, SearchParams.date("from", from),
                SearchParams.date("to", to), minSize), Scope.of(caller));
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
