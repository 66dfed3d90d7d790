package vn.gov.noivu.pakn.search.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Geometry of the trends page's server-rendered SVG charts (the templates only place the numbers computed here): a
 * column chart over time with a y axis, grid lines, values on the columns and period labels, and a horizontal bar
 * chart that compares named things (topics, provinces) with the name above each bar, narrow enough for a phone.
 */
public final class Charts {

    private Charts() {
    }

    public record Value(String label, long count) {
    }

    public record Tick(int y, String label) {
    }

    public record Column(int x, int y, int w, int h, int cx, int valueY, int labelY, String label, long count,
            boolean showLabel) {
    }

    /** Columns over time; {@code left}/{@code top} and {@code plotW}/{@code plotH} frame the plot area. */
    public record ColumnChart(int width, int height, int left, int top, int plotW, int plotH, int bottom,
            List<Tick> ticks, List<Column> columns) {
    }

    public record Row(String label, long count, int textY, int barY, int barW, int valueX) {
    }

    /** Horizontal bars, one row per value (name on its own line above the bar, the count after it). */
    public record BarChart(int width, int height, int barH, List<Row> rows) {
    }

    static final int COLUMN = 40;
    static final int LEFT = 44;
    static final int TOP = 18;
    static final int PLOT_H = 160;
    static final int LABELS = 70;

    public static ColumnChart columns(List<Value> values) {
        long max = values.stream().mapToLong(Value::count).max().orElse(0);
        long top = niceCeiling(max);
        int n = values.size();
        int plotW = Math.max(n * COLUMN, 260);
        int every = Math.max(1, (int) Math.ceil(n / 40.0));
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Value v = values.get(i);
            int h = (int) Math.round((double) v.count() / top * PLOT_H);
            if (v.count() > 0 && h == 0) {
                h = 1;
            }
            int x = LEFT + i * COLUMN + 8;
            int cx = x + (COLUMN - 16) / 2;
            int y = TOP + PLOT_H - h;
            cols.add(new Column(x, y, COLUMN - 16, h, cx, y - 4, TOP + PLOT_H + 12, v.label(), v.count(),
                    i % every == 0));
        }
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            long value = top * i / 4;
            ticks.add(new Tick(TOP + PLOT_H - (int) Math.round((double) value / top * PLOT_H), format(value)));
        }
        return new ColumnChart(LEFT + plotW + 8, TOP + PLOT_H + LABELS, LEFT, TOP, plotW, PLOT_H, TOP + PLOT_H,
                ticks, cols);
    }

    static final int BAR_WIDTH = 360;
    static final int ROW = 40;
    static final int BAR_H = 14;

    public static BarChart bars(List<Value> values) {
        long max = Math.max(1, values.stream().mapToLong(Value::count).max().orElse(0));
        int maxBar = BAR_WIDTH - 60;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            int w = (int) Math.round((double) v.count() / max * maxBar);
            if (v.count() > 0 && w == 0) {
                w = 1;
            }
            int top = i * ROW + 4;
            rows.add(new Row(v.label(), v.count(), top + 13, top + 19, w, w + 6));
        }
        return new BarChart(BAR_WIDTH, values.size() * ROW + 8, BAR_H, rows);
    }

    /** 4 × the smallest step of 1, 2 or 5 × 10ⁿ with 4 steps reaching {@code max}: round tick values. */
    static long niceCeiling(long max) {
        long magnitude = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (4 * m * magnitude >= max) {
                    return 4 * m * magnitude;
                }
            }
            magnitude *= 10;
        }
    }

    /** 12345 → "12.345" (Vietnamese thousands separator). */
    static String format(long n) {
        return String.format(java.util.Locale.GERMANY, "%,d", n);
    }
}
