package vn.gov.noivu.pakn.notification.rules;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.events.AuthorityLevel;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.TriageCaseData;
import vn.gov.noivu.pakn.notification.config.NotificationConfig;
import vn.gov.noivu.pakn.notification.entity.CaseProjection;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who is told what (issue 15):
 * <ul>
 * <li>commune officials of the case's commune: routed, claimed, information requested, answered, escalated, closed;</li>
 * <li>the province's liaisons and deputies: new case, information received, reopened, at risk, overdue (the SLA
 * notices go out when triage's SLA clock emits {@code SLA_AT_RISK} / {@code SLA_OVERDUE});</li>
 * <li>heads of a ministry unit: a case escalated to their unit, a case of their unit overdue;</li>
 * <li>leaders: the weekly digest ({@link vn.gov.noivu.pakn.notification.digest.Digests}).</li>
 * </ul>
 * The one who acted is never told about their own step.
 */
@ApplicationScoped
public class NotificationRules {

    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** One audience of an event: commune (code), province (code), unit (code) or the leaders. */
    public record Target(Audience audience, String scope) {
    }

    @io.quarkus.qute.TemplateData
    public record Detail(String label, String value) {
    }

    /** What an audience is told; rendered per recipient by {@link vn.gov.noivu.pakn.notification.mail.Messages}. */
    public record Notice(Kind kind, Audience audience, String headline, String intro, List<Detail> details,
            String caseId, String caseCode, String caseTitle, String link, String linkLabel, Instant at) {
    }

    @Inject
    NotificationConfig config;

    /** The kind of notification an event is, if it is one. */
    public Optional<Kind> kind(CaseEventType type) {
        return switch (type) {
            case SUBMITTED, ROUTED, CLAIMED, INFO_REQUESTED, ANSWERED, ESCALATED, CLOSED, INFO_RECEIVED, REOPENED,
                    SLA_AT_RISK, SLA_OVERDUE -> Kind.parse(type.name());
            default -> Optional.empty();
        };
    }

    /** Who hears of an intake event. */
    public List<Target> targets(CaseEventType type, IntakeCaseData d) {
        if (type == CaseEventType.SUBMITTED) {
            return List.of(new Target(Audience.PROVINCE, Integer.toString(d.provinceCode())));
        }
        return List.of();
    }

    /** Who hears of a triage event. */
    public List<Target> targets(CaseEventType type, TriageCaseData d) {
        List<Target> out = new ArrayList<>();
        String commune = Integer.toString(d.communeCode());
        String province = Integer.toString(d.provinceCode());
        switch (type) {
            case ROUTED, CLAIMED, INFO_REQUESTED, ANSWERED, CLOSED -> out.add(new Target(Audience.COMMUNE, commune));
            case ESCALATED -> {
                out.add(new Target(Audience.COMMUNE, commune));
                escalationUnit(d).ifPresent(u -> out.add(new Target(Audience.UNIT, u)));
            }
            case INFO_RECEIVED, REOPENED, SLA_AT_RISK -> out.add(new Target(Audience.PROVINCE, province));
            case SLA_OVERDUE -> {
                out.add(new Target(Audience.PROVINCE, province));
                if (d.responsibleUnit() != null && d.responsibleUnit().code() != null) {
                    out.add(new Target(Audience.UNIT, d.responsibleUnit().code()));
                }
            }
            default -> {
            }
        }
        return out;
    }

    private static Optional<String> escalationUnit(TriageCaseData d) {
        if (d.escalation() != null && d.escalation().targetUnit() != null && !d.escalation().targetUnit().isBlank()) {
            return Optional.of(d.escalation().targetUnit());
        }
        if (d.escalation() != null && d.escalation().target() == AuthorityLevel.MINISTRY && d.responsibleUnit() != null) {
            return Optional.ofNullable(d.responsibleUnit().code());
        }
        return Optional.empty();
    }

    /** The page of the case for an audience. */
    public String link(Audience audience, String caseId) {
        return switch (audience) {
            case COMMUNE -> config.links().intake() + "/xa/ho-so/" + caseId;
            case PROVINCE, UNIT -> config.links().triage() + "/can-bo/ho-so/" + caseId;
            case LEADER -> config.links().search() + "/lanh-dao/ho-so/" + caseId;
        };
    }

    /** What an audience is told of an intake event. */
    public Notice notice(Kind kind, Audience audience, IntakeCaseData d, CaseProjection p, Instant at) {
        List<Detail> details = new ArrayList<>();
        details.add(new Detail("Xã, phường", d.communeName() + ", " + d.provinceName()));
        if (d.topicName() != null) {
            details.add(new Detail("Lĩnh vực", d.topicName()));
        }
        if (d.urgency() != null) {
            details.add(new Detail("Mức độ", d.urgency().labelVi()));
        }
        String intro = d.communeName() + " (" + d.provinceName() + ") vừa gửi hồ sơ phản ánh, kiến nghị mới "
                + d.code() + ".";
        return notice(kind, audience, intro, details, p, at);
    }

    /** What an audience is told of a triage event. */
    public Notice notice(Kind kind, Audience audience, TriageCaseData d, CaseProjection p, Instant at) {
        String code = p.label();
        var change = d.change();
        List<Detail> details = new ArrayList<>();
        if (p.communeName != null && audience != Audience.COMMUNE) {
            details.add(new Detail("Xã, phường", p.communeName + (p.provinceName == null ? "" : ", " + p.provinceName)));
        }
        String intro;
        switch (kind) {
            case ROUTED -> {
                intro = "Hồ sơ " + code + " của xã đã được phân công xử lý.";
                if (d.responsibleUnit() != null && d.responsibleUnit().name() != null) {
                    details.add(new Detail("Đơn vị chủ trì", d.responsibleUnit().name()));
                }
                due(d, details);
            }
            case CLAIMED -> {
                intro = "Hồ sơ " + code + " đã được cán bộ của Bộ Nội vụ nhận xử lý.";
                if (d.assignee() != null && d.assignee().name() != null) {
                    details.add(new Detail("Người xử lý", d.assignee().name()));
                }
                due(d, details);
            }
            case INFO_REQUESTED -> {
                intro = "Bộ Nội vụ đề nghị xã bổ sung thông tin cho hồ sơ " + code + ". Thời hạn xử lý tạm dừng cho"
                        + " đến khi xã trả lời.";
                String q = d.openInfoRequest() != null ? d.openInfoRequest().question() : change.text();
                if (q != null) {
                    details.add(new Detail("Nội dung cần bổ sung", q));
                }
            }
            case ANSWERED -> {
                intro = "Bộ Nội vụ đã trả lời hồ sơ " + code + ". Xã có thể chấp nhận câu trả lời hoặc đề nghị xem"
                        + " xét lại trên trang hồ sơ.";
                String text = d.answer() != null ? d.answer().text() : change.text();
                if (text != null) {
                    details.add(new Detail("Nội dung trả lời", text));
                }
                if (d.answer() != null && d.answer().answeredBy() != null && d.answer().answeredBy().name() != null) {
                    details.add(new Detail("Người trả lời", d.answer().answeredBy().name()));
                }
            }
            case ESCALATED -> {
                String target = d.escalation() != null && d.escalation().target() != null
                        ? d.escalation().target().labelVi() : "cấp có thẩm quyền";
                intro = audience == Audience.UNIT
                        ? "Hồ sơ " + code + " vượt thẩm quyền của cán bộ phụ trách tỉnh và được chuyển đến đơn vị"
                        + " của ông/bà để xử lý."
                        : "Hồ sơ " + code + " được chuyển đến " + target + " để xử lý.";
                String reason = d.escalation() != null && d.escalation().reason() != null ? d.escalation().reason()
                        : change.reason();
                if (reason != null) {
                    details.add(new Detail("Lý do", reason));
                }
                due(d, details);
            }
            case CLOSED -> intro = "Hồ sơ " + code + " đã đóng.";
            case INFO_RECEIVED -> {
                intro = "Xã đã bổ sung thông tin cho hồ sơ " + code + "; thời hạn xử lý tiếp tục được tính.";
                if (change.text() != null) {
                    details.add(new Detail("Thông tin bổ sung", change.text()));
                }
                due(d, details);
            }
            case REOPENED -> {
                intro = "Xã chưa đồng ý với câu trả lời và đề nghị xem xét lại hồ sơ " + code + ".";
                if (change.reason() != null || change.text() != null) {
                    details.add(new Detail("Lý do", change.reason() != null ? change.reason() : change.text()));
                }
                due(d, details);
            }
            case SLA_AT_RISK -> {
                intro = "Hồ sơ " + code + " sắp đến hạn xử lý.";
                due(d, details);
                assignee(d, details);
            }
            case SLA_OVERDUE -> {
                intro = "Hồ sơ " + code + " đã quá hạn xử lý.";
                due(d, details);
                assignee(d, details);
                if (d.responsibleUnit() != null && d.responsibleUnit().name() != null) {
                    details.add(new Detail("Đơn vị chủ trì", d.responsibleUnit().name()));
                }
            }
            default -> intro = "Hồ sơ " + code + ": " + kind.headline + ".";
        }
        return notice(kind, audience, intro, details, p, at);
    }

    private Notice notice(Kind kind, Audience audience, String intro, List<Detail> details, CaseProjection p,
            Instant at) {
        return new Notice(kind, audience, kind.headline, intro, List.copyOf(details), p.caseId, p.label(), p.title,
                link(audience, p.caseId), "Mở hồ sơ", at);
    }

    private void due(TriageCaseData d, List<Detail> details) {
        if (d.dueAt() != null) {
            details.add(new Detail("Hạn xử lý", format(d.dueAt())));
        }
    }

    private static void assignee(TriageCaseData d, List<Detail> details) {
        details.add(new Detail("Người xử lý", d.assignee() != null && d.assignee().name() != null
                ? d.assignee().name() : "chưa có người nhận"));
    }

    public String format(Instant instant) {
        return DATE_TIME.format(instant.atZone(zone()));
    }

    public ZoneId zone() {
        return config.zone();
    }
}
