package vn.gov.noivu.pakn.commons.domain;

import java.util.List;

/** The caller is known but may not do this. */
public final class Forbidden extends DomainException {

    public Forbidden(String detail) {
        this("forbidden", "Không có quyền", detail);
    }

    /** A refusal clients tell apart from the general one ({@code code}, e.g. {@code commune-out-of-scope}). */
    public Forbidden(String code, String title, String detail) {
        super(code, title, detail, List.of());
    }
}
