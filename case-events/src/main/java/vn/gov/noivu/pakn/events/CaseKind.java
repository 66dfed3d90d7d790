package vn.gov.noivu.pakn.events;

/** What the commune brings: a difficulty (phản ánh), a proposal (kiến nghị, đề xuất) or a question. */
public enum CaseKind {
    DIFFICULTY("Phản ánh khó khăn, vướng mắc"),
    PROPOSAL("Kiến nghị, đề xuất"),
    QUESTION("Hỏi đáp, xin hướng dẫn");

    private final String labelVi;

    CaseKind(String labelVi) {
        this.labelVi = labelVi;
    }

    public String labelVi() {
        return labelVi;
    }
}
