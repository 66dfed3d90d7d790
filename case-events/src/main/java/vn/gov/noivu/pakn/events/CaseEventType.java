package vn.gov.noivu.pakn.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type of a case, with the CloudEvents {@code type} attribute it travels under and the service that
 * publishes it. Intake events carry {@link IntakeCaseData}, triage events carry {@link TriageCaseData}.
 */
public enum CaseEventType {
    // intake-service: what the commune does
    SUBMITTED(Producer.INTAKE, "Gửi phản ánh"),
    SUPPORTED(Producer.INTAKE, "Xã khác cùng phản ánh"),
    INFO_PROVIDED(Producer.INTAKE, "Xã bổ sung thông tin"),
    ANSWER_ACCEPTED(Producer.INTAKE, "Xã chấp nhận trả lời"),
    REOPEN_REQUESTED(Producer.INTAKE, "Xã đề nghị xem xét lại"),

    // triage-service: what the ministry does
    ROUTED(Producer.TRIAGE, "Phân công xử lý"),
    CLAIMED(Producer.TRIAGE, "Nhận xử lý"),
    INFO_REQUESTED(Producer.TRIAGE, "Yêu cầu bổ sung thông tin"),
    INFO_RECEIVED(Producer.TRIAGE, "Đã nhận thông tin bổ sung"),
    ANSWERED(Producer.TRIAGE, "Đã trả lời"),
    ESCALATED(Producer.TRIAGE, "Chuyển cấp có thẩm quyền"),
    HANDED_OVER(Producer.TRIAGE, "Chuyển giao cán bộ khác"),
    RELEASED(Producer.TRIAGE, "Trả lại hàng chờ"),
    REOPENED(Producer.TRIAGE, "Mở lại"),
    CLOSED(Producer.TRIAGE, "Đóng hồ sơ"),
    LINKED(Producer.TRIAGE, "Gắn vào vấn đề lặp lại"),
    SLA_AT_RISK(Producer.TRIAGE, "Sắp đến hạn"),
    SLA_OVERDUE(Producer.TRIAGE, "Quá hạn"),
    CLAIM_IDLE(Producer.TRIAGE, "Nhận nhưng chưa xử lý"),
    ASSIGNMENT_CHANGED(Producer.TRIAGE, "Thay đổi phân công");

    public enum Producer {
        INTAKE("/pakn/intake-service"), TRIAGE("/pakn/triage-service");

        /** The CloudEvents {@code source} attribute of events from this producer. */
        public final String source;

        Producer(String source) {
            this.source = source;
        }
    }

    public static final String TYPE_PREFIX = "vn.gov.noivu.pakn.case.";

    private final Producer producer;
    private final String labelVi;

    CaseEventType(Producer producer, String labelVi) {
        this.producer = producer;
        this.labelVi = labelVi;
    }

    public Producer producer() {
        return producer;
    }

    /** Vietnamese label for timelines. */
    public String labelVi() {
        return labelVi;
    }

    /** The CloudEvents type, e.g. {@code vn.gov.noivu.pakn.case.submitted}. */
    public String ceType() {
        return TYPE_PREFIX + name().toLowerCase().replace('_', '-');
    }

    public static Optional<CaseEventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType().equals(ceType)).findFirst();
    }
}
