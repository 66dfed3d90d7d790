package vn.gov.noivu.pakn.commons.domain;

import java.util.List;

/** A system this operation depends on cannot be reached now; trying again later may work. */
public final class Unavailable extends DomainException {

    public Unavailable(String code, String title, String detail) {
        super(code, title, detail, List.of());
    }
}
