package vn.gov.noivu.pakn.intake.submission;

import java.util.List;

/** A page of case summaries, newest first. */
public record CasePage(List<CaseSummary> items, int page, int size, long total) {
}
