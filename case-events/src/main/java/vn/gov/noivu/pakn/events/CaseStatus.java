package vn.gov.noivu.pakn.events;

/** Lifecycle state of a case (PRODUCT.md, "Case lifecycle"). Owned by triage-service once a case is routed. */
public enum CaseStatus {
    SUBMITTED("Đã gửi"),
    ROUTED("Đã phân công"),
    CLAIMED("Đang xử lý"),
    NEEDS_INFO("Chờ xã bổ sung"),
    ESCALATED("Đã chuyển cấp trên"),
    ANSWERED("Đã trả lời"),
    REOPENED("Mở lại"),
    CLOSED("Đã đóng");

    private final String labelVi;

    CaseStatus(String labelVi) {
        this.labelVi = labelVi;
    }

    public String labelVi() {
        return labelVi;
    }

    public boolean isOpen() {
        return this != CLOSED;
    }
}
