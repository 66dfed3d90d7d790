package vn.gov.noivu.pakn.events;

/** The level competent to settle a case ("rõ thẩm quyền"). */
public enum AuthorityLevel {
    COMMUNE("Cấp xã"),
    PROVINCE_HOME_AFFAIRS("Sở Nội vụ cấp tỉnh"),
    PROVINCE_PEOPLES_COMMITTEE("UBND cấp tỉnh"),
    MINISTRY("Bộ Nội vụ"),
    OTHER_MINISTRY("Bộ, ngành khác");

    private final String labelVi;

    AuthorityLevel(String labelVi) {
        this.labelVi = labelVi;
    }

    public String labelVi() {
        return labelVi;
    }
}
