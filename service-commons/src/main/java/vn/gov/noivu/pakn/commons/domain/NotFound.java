package vn.gov.noivu.pakn.commons.domain;

import java.util.List;

/** The thing does not exist, or is outside the caller's scope (the same answer, so existence is never leaked). */
public final class NotFound extends DomainException {

    /** {@code what}: "Hồ sơ 123", detail "Hồ sơ 123 không tồn tại". */
    public NotFound(String what) {
        super("not-found", "Không tìm thấy", what + " không tồn tại", List.of());
    }
}
