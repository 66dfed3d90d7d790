package vn.gov.noivu.pakn.triage.handling;

import jakarta.enterprise.context.ApplicationScoped;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Change;
import vn.gov.noivu.pakn.events.SlaState;
import vn.gov.noivu.pakn.events.TriageCaseData;
import vn.gov.noivu.pakn.triage.handling.CaseAction;
import vn.gov.noivu.pakn.triage.handling.SixClear;
import vn.gov.noivu.pakn.triage.handling.TriageCase;
import vn.gov.noivu.pakn.triage.sla.SlaClock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Entity → event snapshot and entity → views. */
@ApplicationScoped
public class CaseMapper {

    private static final DateTimeFormatter VN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    public TriageCaseData snapshot(TriageCase c, Change change, Instant now) {
        return new TriageCaseData(c.id, c.code, c.status, c.provinceCode, c.communeCode, c.topicCode,
                c.assigneeId == null ? null : new TriageCaseData.Person(c.assigneeId, c.assigneeName),
                c.task, c.deliverable, c.dueAt,
                c.unitCode == null ? null : new TriageCaseData.Unit(c.unitCode, c.unitName),
                c.authorityLevel, missing(c), SlaClock.state(c, now), c.claimedAt, c.handoverCount, c.releaseCount,
                c.escalationCount,
                c.escalationTarget == null ? null : new TriageCaseData.Escalation(c.escalationTarget,
                        c.escalationUnit, c.escalationReason, Boolean.TRUE.equals(c.escalationAutomatic),
                        c.escalatedAt),
                c.status == CaseStatus.NEEDS_INFO && c.infoQuestion != null
                        ? new TriageCaseData.InfoRequest(c.infoQuestion, c.infoRequestedAt) : null,
                c.answeredAt == null ? null : new TriageCaseData.Answer(c.answerText,
                        new TriageCaseData.Person(c.answeredById, c.answeredByName), c.answeredAt,
                        c.recurringIssueId),
                c.recurringIssueId, change);
    }

    public static List<String> missing(TriageCase c) {
        return c.missingSixClear().stream().map(s -> s.field).toList();
    }

    public static String format(Instant at, ZoneId zone) {
        return at == null ? "" : VN.format(at.atZone(zone));
    }

    public CaseViews.QueueItem queueItem(TriageCase c, Instant now, ZoneId zone) {
        SlaState sla = SlaClock.state(c, now);
        return new CaseViews.QueueItem(c.id, c.code, c.title, c.provinceCode, c.provinceName, c.communeName,
                c.topicCode, c.topicName, name(c.urgency), c.urgency == null ? "" : c.urgency.labelVi(),
                c.status.name(), c.status.labelVi(), c.assigneeId, c.assigneeName, c.claimed(), c.dueAt,
                format(c.dueAt, zone), sla.name(), sla.labelVi(), missing(c), c.handoverCount, c.releaseCount,
                c.submittedAt, format(c.submittedAt, zone));
    }

    public CaseViews.CaseDetail detail(TriageCase c, List<CaseAction> actions, SlaClock clock, Instant now) {
        ZoneId zone = clock.zone();
        List<CaseViews.SixClearItem> six = new ArrayList<>();
        List<SixClear> missing = c.missingSixClear();
        for (SixClear s : SixClear.values()) {
            six.add(new CaseViews.SixClearItem(s.field, s.labelVi, s.descriptionVi, !missing.contains(s),
                    sixValue(c, s, zone)));
        }
        SlaState state = SlaClock.state(c, now);
        Integer left = c.dueAt == null ? null : clock.workingDaysLeft(c.dueAt, now);
        CaseViews.Sla sla = new CaseViews.Sla(c.dueAt, format(c.dueAt, zone), c.atRiskAt, state.name(),
                state.labelVi(), left, c.slaPausedAt, countdown(c, state, left, now, zone));
        List<CaseViews.TimelineEntry> timeline = actions.stream().map(a -> new CaseViews.TimelineEntry(a.at,
                format(a.at, zone), a.type, label(a.type), a.actorId, a.actorName, a.actorRole, a.reason, a.text,
                a.target, a.statusAfter)).toList();
        return new CaseViews.CaseDetail(c.id, c.code, c.title, c.description, name(c.kind),
                c.kind == null ? "" : c.kind.labelVi(), name(c.urgency), c.urgency == null ? "" : c.urgency.labelVi(),
                c.provinceCode, c.provinceName, c.communeCode, c.communeName, c.topicCode, c.topicName,
                c.submittedAt, format(c.submittedAt, zone), c.supporterCount, c.status.name(), c.status.labelVi(),
                c.assigneeId, c.assigneeName, c.claimed(), c.claimedAt, c.task, c.deliverable, c.unitCode,
                c.unitName, name(c.authorityLevel), c.authorityLevel == null ? "" : c.authorityLevel.labelVi(), six,
                missing.stream().map(s -> s.field).toList(), sla, c.handoverCount, c.releaseCount,
                c.escalationCount,
                c.escalationTarget == null ? null : new CaseViews.Escalation(c.escalationTarget.name(),
                        c.escalationTarget.labelVi(), c.escalationUnit, c.escalationReason,
                        Boolean.TRUE.equals(c.escalationAutomatic), c.escalatedAt),
                c.status == CaseStatus.NEEDS_INFO ? new CaseViews.InfoRequest(c.infoQuestion, c.infoRequestedAt)
                        : null,
                c.answeredAt == null ? null : new CaseViews.Answer(c.answerText, c.answeredById, c.answeredByName,
                        c.answeredAt, c.recurringIssueId),
                c.recurringIssueId, timeline, c.version,
                new CaseViews.Contact(c.contactName, c.contactPhone, c.contactEmail), c.attachmentCount,
                c.attachments.stream().map(a -> new CaseViews.AttachmentItem(a.attachmentId, a.fileName,
                        a.contentType, a.sizeBytes, size(a.sizeBytes))).toList(),
                c.satisfactionRating == null ? null : new CaseViews.Satisfaction(c.satisfactionRating,
                        ratingLabel(c.satisfactionRating), c.satisfactionComment, c.satisfiedAt,
                        format(c.satisfiedAt, zone)));
    }

    private static String sixValue(TriageCase c, SixClear s, ZoneId zone) {
        return switch (s) {
            case ASSIGNEE -> c.assigneeName == null ? null
                    : c.assigneeName + (c.claimed() ? "" : " (chưa nhận xử lý)");
            case TASK -> c.task;
            case DELIVERABLE -> c.deliverable;
            case DUE -> c.dueAt == null ? null : format(c.dueAt, zone);
            case RESPONSIBILITY -> c.unitName;
            case AUTHORITY -> c.authorityLevel == null ? null : c.authorityLevel.labelVi();
        };
    }

    private static String countdown(TriageCase c, SlaState state, Integer left, Instant now, ZoneId zone) {
        if (c.dueAt == null) {
            return "Chưa có thời hạn";
        }
        return switch (state) {
            case STOPPED -> "Đã xử lý xong";
            case PAUSED -> "Tạm dừng từ " + format(c.slaPausedAt, zone) + " (chờ xã bổ sung thông tin)";
            case OVERDUE -> "Quá hạn " + Math.max(1, -left) + " ngày làm việc (hạn " + format(c.dueAt, zone) + ")";
            default -> {
                Duration d = Duration.between(now, c.dueAt);
                if (left != null && left == 0) {
                    yield "Còn " + d.toHours() + " giờ " + d.toMinutesPart() + " phút (hạn "
                            + format(c.dueAt, zone) + ")";
                }
                yield "Còn " + left + " ngày làm việc (hạn " + format(c.dueAt, zone) + ")";
            }
        };
    }

    static final List<String> RATINGS = List.of("Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng",
            "Rất hài lòng");

    public static String ratingLabel(int rating) {
        return rating >= 1 && rating <= 5 ? RATINGS.get(rating - 1) : Integer.toString(rating);
    }

    /** "850 B", "12,5 KB", "3,2 MB" (Vietnamese decimal comma). */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kb = bytes / 1024.0;
        String text = kb < 1024 ? String.format(java.util.Locale.ROOT, "%.1f KB", kb)
                : String.format(java.util.Locale.ROOT, "%.1f MB", kb / 1024);
        return text.replace('.', ',');
    }

    public static String label(String type) {
        try {
            return CaseEventType.valueOf(type).labelVi();
        } catch (IllegalArgumentException e) {
            return type;
        }
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
