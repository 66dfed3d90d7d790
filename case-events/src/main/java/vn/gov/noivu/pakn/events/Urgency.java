package vn.gov.noivu.pakn.events;

/** Urgency as used in Vietnamese administrative documents (độ khẩn). */
public enum Urgency {
    NORMAL("Thường"),
    URGENT("Khẩn"),
    VERY_URGENT("Thượng khẩn"),
    EXPRESS("Hỏa tốc");

    private final String labelVi;

    Urgency(String labelVi) {
        this.labelVi = labelVi;
    }

    public String labelVi() {
        return labelVi;
    }
}
