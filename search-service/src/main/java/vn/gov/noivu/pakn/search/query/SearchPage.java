package vn.gov.noivu.pakn.search.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One page of results with facet counts; {@code nextCursor} continues with search_after.
 * <p>
 * {@code total} is exact when {@code totalRelation} is {@code "eq"}; when it is {@code "gte"} more cases match than
 * are counted exactly and {@code total} is that bound ("more than 10,000"), with {@code totalEstimate} (rounded to two
 * significant digits) when the facets were estimated from a sample. A page after a cursor has neither total nor
 * facets. {@code facetsApproximate}: the facet counts are estimates (a random sample of the matching cases, scaled).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchPage(Long total, String totalRelation, Long totalEstimate, int page, int size, List<Item> items,
        Map<String, List<Facet>> facets, Boolean facetsApproximate, String nextCursor) {

    public static final String EXACT = "eq";
    public static final String AT_LEAST = "gte";

    /** More cases match than {@link #total()} says. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean totalIsLowerBound() {
        return AT_LEAST.equals(totalRelation);
    }

    /**
     * A case in a result list. {@code titleHtml}/{@code excerptHtml} are escaped HTML whose only tags are the
     * {@code <em>} around query hits. Anonymised results carry no commune, province or liaison.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String caseId, String code, String title, String titleHtml, String excerptHtml,
            Integer provinceCode, String provinceName, Integer communeCode, String communeName,
            String topicCode, String topicName, String kind, String urgency, String status, String statusLabel,
            String authorityLevel, String liaisonId, String liaisonName, Instant submittedAt, Instant dueAt,
            Boolean overdue, Integer handoverCount, Integer escalationCount, Integer supporters, Boolean answered,
            String answerExcerpt, Double score,
            @com.fasterxml.jackson.annotation.JsonIgnore List<Highlights.Segment> titleSegments,
            @com.fasterxml.jackson.annotation.JsonIgnore List<Highlights.Segment> excerptSegments) {
    }

    public record Facet(String key, String label, long count) {
    }
}
