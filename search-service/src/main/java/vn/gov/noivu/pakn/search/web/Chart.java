package vn.gov.noivu.pakn.search.web;

import java.util.ArrayList;
import java.util.List;

/** Geometry of a small server-rendered SVG bar chart (the template only places the numbers computed here). */
public record Chart(int width, int height, long max, List<Bar> bars) {

    public record Bar(int x, int y, int w, int h, String label, long count, boolean showLabel) {
    }

    public record Point(String label, long count) {
    }

    public static Chart of(List<Point> points, int width, int height) {
        long max = points.stream().mapToLong(Point::count).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        int n = Math.max(points.size(), 1);
        int slot = Math.max(width / n, 1);
        int plot = height - 16;
        int every = Math.max(1, (int) Math.ceil(n / 8.0));
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            int h = max == 0 ? 0 : (int) Math.round((double) p.count() / max * plot);
            if (p.count() > 0 && h == 0) {
                h = 1;
            }
            bars.add(new Bar(i * slot + 1, plot - h, Math.max(slot - 2, 1), h, p.label(), p.count(), i % every == 0));
        }
        return new Chart(width, height, max, bars);
    }

    public int labelY() {
        return height - 3;
    }
}
