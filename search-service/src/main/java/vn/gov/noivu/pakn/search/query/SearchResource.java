package vn.gov.noivu.pakn.search.query;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.commons.security.Caller;

import java.util.List;

/** Full-text search over every case the caller may see, with facets, highlights, deep paging and CSV export. */
@Path("/api/v1")
@Authenticated
@Tag(name = "search")
public class SearchResource {

    public static final String CSV = "text/csv";

    @Inject
    SearchService search;

    @Inject
    CsvExporter csv;

    @Inject
    Caller caller;

    @GET
    @Path("/search")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Tìm kiếm hồ sơ (toàn văn, không phân biệt dấu) với bộ lọc, thống kê theo nhóm và phân trang")
    public SearchPage search(@BeanParam SearchParams params) {
        return search.search(params.criteria(), Scope.of(caller), true);
    }

    @GET
    @Path("/search")
    @Produces(CSV)
    @Operation(summary = "Xuất kết quả tìm kiếm ra CSV (UTF-8 có BOM)")
    public Response searchCsv(@BeanParam SearchParams params) {
        return export(params);
    }

    @GET
    @Path("/search.csv")
    @Produces(CSV)
    @Operation(summary = "Xuất kết quả tìm kiếm ra CSV (UTF-8 có BOM)")
    public Response exportCsv(@BeanParam SearchParams params) {
        return export(params);
    }

    private Response export(SearchParams params) {
        return export(csv, params.criteria(), Scope.of(caller));
    }

    /** The CSV download of a search within a scope, as the API and the leaders' pages serve it. */
    public static Response export(CsvExporter csv, SearchCriteria criteria, Scope scope) {
        StreamingOutput body = out -> csv.write(criteria, scope, out);
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"pakn-ket-qua-tim-kiem.csv\"").build();
    }

    public record SimilarItem(String caseId, String code, String title, String topicCode, String status,
            Integer supporters, boolean answered, String answerExcerpt, Double score, IssueAnswer issueAnswer) {
    }

    /**
     * The answer published for the recurring issue a similar case belongs to (no person, no place: what any commune
     * may read).
     */
    public record IssueAnswer(String issueId, String issueLabel, String text, String task, String deliverable,
            String authorityLevel, String responsibleUnitName, java.time.LocalDate dueDate,
            java.time.Instant publishedAt) {
    }

    public record Similar(List<SimilarItem> items) {
    }

    @Inject
    vn.gov.noivu.pakn.search.issues.IssueAnswers answers;

    private static IssueAnswer issueAnswer(vn.gov.noivu.pakn.search.issues.IssueAnswers.CaseAnswer a) {
        if (a == null) {
            return null;
        }
        var x = a.answer();
        return new IssueAnswer(a.issueId(), a.issueLabel(), x.text(), x.task(), x.deliverable(), x.authorityLevel(),
                x.responsibleUnitName(), x.dueDate(), x.publishedAt());
    }

    @GET
    @Path("/search/similar")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hồ sơ tương tự một dự thảo (dùng ở biểu mẫu gửi phản ánh); ẩn danh với cán bộ xã")
    public Similar similar(@QueryParam("text") String text, @QueryParam("limit") @DefaultValue("5") int limit) {
        if (limit < 1 || limit > 20) {
            throw ProblemException.invalid("limit", "từ 1 đến 20");
        }
        List<vn.gov.noivu.pakn.search.query.SearchPage.Item> found = search.similar(text, limit,
                Scope.forSimilar(caller));
        java.util.Map<String, vn.gov.noivu.pakn.search.issues.IssueAnswers.CaseAnswer> published = answers
                .publishedFor(found.stream().map(vn.gov.noivu.pakn.search.query.SearchPage.Item::caseId).toList());
        List<SimilarItem> items = found.stream()
                .map(i -> new SimilarItem(i.caseId(), i.code(), i.title(), i.topicCode(), i.status(),
                        i.supporters() == null ? 0 : i.supporters(), Boolean.TRUE.equals(i.answered()),
                        i.answerExcerpt(), i.score(), issueAnswer(published.get(i.caseId()))))
                .toList();
        return new Similar(items);
    }
}
