package vn.gov.noivu.pakn.notification.rules;

import vn.gov.noivu.pakn.contract.Identity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of notification a user can set a preference for: one per case event that tells somebody something
 * (named after the {@link vn.gov.noivu.pakn.events.CaseEventType}), plus the digests. Each kind lists the roles that
 * receive it, so a user's preference page shows only their own kinds.
 */
public enum Kind {
    SUBMITTED("Hồ sơ mới của tỉnh phụ trách", "Có hồ sơ mới", Identity.LIAISON),
    ROUTED("Hồ sơ của xã đã được phân công xử lý", "Hồ sơ đã được phân công xử lý", Identity.COMMUNE_OFFICIAL),
    CLAIMED("Hồ sơ của xã được cán bộ nhận xử lý", "Hồ sơ đã được nhận xử lý", Identity.COMMUNE_OFFICIAL),
    INFO_REQUESTED("Bộ đề nghị xã bổ sung thông tin", "Đề nghị bổ sung thông tin", Identity.COMMUNE_OFFICIAL),
    ANSWERED("Bộ đã trả lời hồ sơ của xã", "Bộ Nội vụ đã trả lời", Identity.COMMUNE_OFFICIAL),
    ESCALATED("Hồ sơ được chuyển cấp có thẩm quyền", "Hồ sơ được chuyển cấp có thẩm quyền",
            Identity.COMMUNE_OFFICIAL, Identity.DEPARTMENT_HEAD),
    CLOSED("Hồ sơ của xã đã đóng", "Hồ sơ đã đóng", Identity.COMMUNE_OFFICIAL),
    INFO_RECEIVED("Xã đã bổ sung thông tin", "Xã đã bổ sung thông tin", Identity.LIAISON),
    REOPENED("Xã đề nghị xem xét lại câu trả lời", "Hồ sơ được mở lại", Identity.LIAISON),
    SLA_AT_RISK("Hồ sơ sắp đến hạn xử lý", "Hồ sơ sắp đến hạn", Identity.LIAISON),
    SLA_OVERDUE("Hồ sơ quá hạn xử lý", "Hồ sơ quá hạn", Identity.LIAISON, Identity.DEPARTMENT_HEAD),
    WEEKLY_DIGEST("Bản tin tuần: vấn đề lặp lại mới, quá hạn theo tỉnh, thời gian trả lời", "Bản tin tuần",
            Identity.LEADER),
    DAILY_DIGEST("Thư tổng hợp hằng ngày (các thông báo bạn chọn nhận theo ngày)", "Thư tổng hợp trong ngày");

    /** What the preference page calls it. */
    public final String label;
    /** The start of the subject and the inbox line. */
    public final String headline;
    private final List<String> roles;

    Kind(String label, String headline, String... roles) {
        this.label = label;
        this.headline = headline;
        this.roles = List.of(roles);
    }

    public List<String> roles() {
        return roles;
    }

    /** Whether a user has a preference for this kind (the daily digest itself has none: it follows the others). */
    public boolean configurable() {
        return this != DAILY_DIGEST;
    }

    /** The kinds a user with these roles receives, in this enum's order. */
    public static List<Kind> forRoles(Set<String> userRoles) {
        return Arrays.stream(values()).filter(Kind::configurable)
                .filter(k -> k.roles.stream().anyMatch(userRoles::contains)).toList();
    }

    public static Optional<Kind> parse(String name) {
        return Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
