package vn.gov.noivu.pakn.search.query;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.search.indexing.CaseDocument;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trends with core aggregations only: cases over time (date_histogram, Vietnam time, empty periods included), per topic
 * and per province (terms → date_histogram), and the SLA picture (filters: open, overdue, at risk, bounced = handed
 * over at least once, escalated).
 */
@ApplicationScoped
public class TrendService {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Inject
    SearchService search;

    public enum Interval { DAY, WEEK, MONTH, QUARTER }

    public record Filter(LocalDate from, LocalDate to, Interval interval, String topic, Integer province) {
    }

    public record Point(String period, long count) {
    }

    public record Series(String code, String label, long total, List<Point> points) {
    }

    public record Sla(long total, long open, long overdue, long atRisk, long bounced, long escalated, long answered) {
    }

    /** The communes' ratings of accepted answers (1–5) among the period's cases: how many, their average (null: none). */
    public record Satisfaction(long rated, Double average) {
    }

    public record Trends(LocalDate from, LocalDate to, String interval, long total, List<Point> overall,
            List<Series> byTopic, List<Series> byProvince, Sla sla, Satisfaction satisfaction) {
    }

    public Trends trends(Filter f, Scope scope) {
        LocalDate to = f.to() != null ? f.to() : SearchService.today();
        LocalDate from = f.from() != null ? f.from() : to.minusWeeks(12);
        if (from.isAfter(to)) {
            throw Invalid.field("from", "phải trước hoặc bằng to");
        }
        Interval interval = f.interval() == null ? Interval.WEEK : f.interval();
        ObjectNode body = F.objectNode();
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = scope.filters();
        if (f.topic() != null && !f.topic().isBlank()) {
            filter.add(Scope.term("topicCode", f.topic()));
        }
        if (f.province() != null) {
            filter.add(Scope.term("provinceCode", f.province()));
        }
        ObjectNode range = filter.addObject().putObject("range").putObject("submittedAt");
        range.put("gte", from.atStartOfDay(SearchService.VN).toInstant().toString());
        range.put("lt", to.plusDays(1).atStartOfDay(SearchService.VN).toInstant().toString());
        bool.set("filter", filter);
        body.put("size", 0);
        body.put("track_total_hits", true);
        ObjectNode aggs = body.putObject("aggs");
        aggs.set("overall", histogram(interval, from, to));
        ObjectNode byTopic = aggs.putObject("topic");
        byTopic.putObject("terms").put("field", "topicCode").put("size", 20);
        ObjectNode topicSub = byTopic.putObject("aggs");
        topicSub.putObject("label").putObject("terms").put("field", "topicName").put("size", 1);
        topicSub.set("time", histogram(interval, from, to));
        ObjectNode byProvince = aggs.putObject("province");
        byProvince.putObject("terms").put("field", "provinceCode").put("size", 40);
        ObjectNode provinceSub = byProvince.putObject("aggs");
        provinceSub.putObject("label").putObject("terms").put("field", "provinceName").put("size", 1);
        provinceSub.set("time", histogram(interval, from, to));
        ObjectNode sla = aggs.putObject("sla").putObject("filters").putObject("filters");
        sla.putObject("open").putObject("bool").putArray("must_not").addObject().putObject("term")
                .put("status", "CLOSED");
        sla.set("overdue", Scope.term("overdue", true));
        sla.set("atRisk", Scope.term("slaState", "AT_RISK"));
        sla.putObject("bounced").putObject("range").putObject("handoverCount").put("gt", 0);
        sla.putObject("escalated").putObject("range").putObject("escalationCount").put("gt", 0);
        sla.set("answered", Scope.term("answered", true));
        aggs.putObject("rating").putObject("stats").put("field", "satisfactionRating");

        SearchResponse<CaseDocument> r = search.execute(body);
        Map<String, Aggregate> a = r.aggregations();
        long total = r.hits().total() == null ? 0 : r.hits().total().value();
        Map<String, co.elastic.clients.elasticsearch._types.aggregations.FiltersBucket> slaBuckets =
                a.get("sla").filters().buckets().keyed();
        Sla s = new Sla(total, slaBuckets.get("open").docCount(), slaBuckets.get("overdue").docCount(),
                slaBuckets.get("atRisk").docCount(), slaBuckets.get("bounced").docCount(),
                slaBuckets.get("escalated").docCount(), slaBuckets.get("answered").docCount());
        var rating = a.get("rating").stats();
        Satisfaction satisfaction = new Satisfaction(rating.count(), rating.count() == 0 ? null
                : Math.round(rating.avg() * 100) / 100.0);
        return new Trends(from, to, interval.name(), total, points(a.get("overall")),
                series(a.get("topic")), series(a.get("province")), s, satisfaction);
    }

    private static ObjectNode histogram(Interval interval, LocalDate from, LocalDate to) {
        ObjectNode h = F.objectNode();
        ObjectNode dh = h.putObject("date_histogram");
        dh.put("field", "submittedAt");
        dh.put("calendar_interval", switch (interval) {
            case DAY -> "day";
            case WEEK -> "week";
            case MONTH -> "month";
            case QUARTER -> "quarter";
        });
        dh.put("time_zone", "+07:00");
        dh.put("format", "yyyy-MM-dd");
        dh.put("min_doc_count", 0);
        ObjectNode bounds = dh.putObject("extended_bounds");
        bounds.put("min", from.toString());
        bounds.put("max", to.toString());
        return h;
    }

    private static List<Point> points(Aggregate a) {
        List<Point> out = new ArrayList<>();
        for (DateHistogramBucket b : a.dateHistogram().buckets().array()) {
            out.add(new Point(b.keyAsString(), b.docCount()));
        }
        return out;
    }

    private static List<Series> series(Aggregate a) {
        List<Series> out = new ArrayList<>();
        if (a.isSterms()) {
            a.sterms().buckets().array().forEach(b -> out.add(new Series(b.key().stringValue(),
                    label(b.aggregations(), b.key().stringValue()), b.docCount(), points(b.aggregations().get("time")))));
        } else if (a.isLterms()) {
            a.lterms().buckets().array().forEach(b -> out.add(new Series(String.valueOf(b.key()),
                    label(b.aggregations(), String.valueOf(b.key())), b.docCount(),
                    points(b.aggregations().get("time")))));
        }
        return out;
    }

    private static String label(Map<String, Aggregate> sub, String fallback) {
        Aggregate l = sub.get("label");
        return l != null && l.isSterms() && !l.sterms().buckets().array().isEmpty()
                ? l.sterms().buckets().array().get(0).key().stringValue() : fallback;
    }
}
