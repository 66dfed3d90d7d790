package vn.gov.noivu.pakn.events;

/** Where a case stands against its due date. */
public enum SlaState {
    ON_TRACK("Trong hạn"),
    AT_RISK("Sắp đến hạn"),
    OVERDUE("Quá hạn"),
    PAUSED("Tạm dừng (chờ xã)"),
    STOPPED("Đã xong");

    private final String labelVi;

    SlaState(String labelVi) {
        this.labelVi = labelVi;
    }

    public String labelVi() {
        return labelVi;
    }
}
