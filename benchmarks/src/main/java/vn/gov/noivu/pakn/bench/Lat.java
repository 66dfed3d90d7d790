package vn.gov.noivu.pakn.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies in microseconds (1 µs .. 10 min, 3 significant digits); summaries in milliseconds. */
final class Lat {

    final Histogram h = new ConcurrentHistogram(1, 600_000_000L, 3);

    void recordNanos(long nanos) {
        h.recordValue(Math.max(1, Math.min(nanos / 1000, 600_000_000L)));
    }

    long count() {
        return h.getTotalCount();
    }

    double ms(double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMs() {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }

    double meanMs() {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMean() / 1000.0;
    }

    Summary summary() {
        return new Summary(count(), ms(50), ms(95), ms(99), maxMs(), meanMs());
    }

    record Summary(long count, double p50, double p95, double p99, double max, double mean) {
        String cells() {
            return String.format("%s | %s | %s | %s", f(p50), f(p95), f(p99), f(max));
        }

        static String f(double ms) {
            if (Double.isNaN(ms)) {
                return "–";
            }
            return ms >= 100 ? String.format("%.0f", ms) : ms >= 10 ? String.format("%.1f", ms) : String.format("%.2f", ms);
        }
    }
}
