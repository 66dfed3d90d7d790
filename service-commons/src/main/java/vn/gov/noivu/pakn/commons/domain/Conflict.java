package vn.gov.noivu.pakn.commons.domain;

import java.util.List;

/** The request is valid but the thing's current state refuses it (closed, claimed by someone else, changed meanwhile). */
public final class Conflict extends DomainException {

    public Conflict(String code, String detail) {
        super(code, "Xung đột trạng thái", detail, List.of());
    }
}
