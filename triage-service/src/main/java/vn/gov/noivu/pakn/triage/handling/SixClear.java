package vn.gov.noivu.pakn.triage.handling;

/** The "6 rõ" of a case in work, with the names the API uses and the Vietnamese labels of the UI. */
public enum SixClear {
    ASSIGNEE("assignee", "Rõ người", "Người xử lý"),
    TASK("task", "Rõ việc", "Nội dung công việc"),
    DELIVERABLE("deliverable", "Rõ sản phẩm", "Sản phẩm đầu ra"),
    DUE("dueAt", "Rõ thời gian", "Thời hạn"),
    RESPONSIBILITY("responsibleUnit", "Rõ trách nhiệm", "Đơn vị chủ trì"),
    AUTHORITY("authorityLevel", "Rõ thẩm quyền", "Cấp có thẩm quyền");

    public final String field;
    public final String labelVi;
    public final String descriptionVi;

    SixClear(String field, String labelVi, String descriptionVi) {
        this.field = field;
        this.labelVi = labelVi;
        this.descriptionVi = descriptionVi;
    }
}
