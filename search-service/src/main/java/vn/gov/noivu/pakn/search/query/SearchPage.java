package vn.gov.noivu.pakn.search.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One page of results with facet counts; {@code nextCursor} continues with search_after. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchPage(long total, int page, int size, List<Item> items, Map<String, List<Facet>> facets,
        String nextCursor) {

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
