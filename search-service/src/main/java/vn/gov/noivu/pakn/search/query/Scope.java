package vn.gov.noivu.pakn.search.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.gov.noivu.pakn.commons.domain.Forbidden;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;

import java.util.Set;

/**
 * Which cases a caller may see, enforced inside every Elasticsearch query (never by filtering results afterwards):
 * leaders and admins everything; liaisons the provinces of their token; department heads their responsible unit;
 * commune officials only cases with a published answer, anonymised (no commune, province or liaison).
 */
public record Scope(Kind kind, Set<Integer> provinces, String unit) {

    public enum Kind { ALL, PROVINCES, UNIT, PUBLISHED_ANSWERS, ANONYMOUS_ALL }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public static Scope all() {
        return new Scope(Kind.ALL, Set.of(), null);
    }

    public static Scope provinces(Set<Integer> provinces) {
        return new Scope(Kind.PROVINCES, Set.copyOf(provinces), null);
    }

    /** Scope of search, export, trends and recurring issues. */
    public static Scope of(Caller caller) {
        if (caller.seesEverything()) {
            return all();
        }
        if (caller.is(Identity.LIAISON)) {
            return provinces(caller.provinceCodes());
        }
        if (caller.is(Identity.DEPARTMENT_HEAD) && caller.unitCode().isPresent()) {
            return new Scope(Kind.UNIT, Set.of(), caller.unitCode().get());
        }
        if (caller.is(Identity.COMMUNE_OFFICIAL)) {
            return new Scope(Kind.PUBLISHED_ANSWERS, Set.of(), null);
        }
        throw new Forbidden("vai trò của bạn không được tra cứu hồ sơ");
    }

    /**
     * Scope of "similar to this draft" (intake's form): a commune official sees every case anonymised, so it can join
     * an existing case instead of filing a duplicate; others keep their usual scope.
     */
    public static Scope forSimilar(Caller caller) {
        if (!caller.seesEverything() && !caller.is(Identity.LIAISON) && !caller.is(Identity.DEPARTMENT_HEAD)
                && caller.is(Identity.COMMUNE_OFFICIAL)) {
            return new Scope(Kind.ANONYMOUS_ALL, Set.of(), null);
        }
        return of(caller);
    }

    public boolean anonymised() {
        return kind == Kind.PUBLISHED_ANSWERS || kind == Kind.ANONYMOUS_ALL;
    }

    /** Leaders' facets and analyses (recurring issues, trends) are not for commune officials. */
    public boolean analytical() {
        return kind == Kind.ALL || kind == Kind.PROVINCES || kind == Kind.UNIT;
    }

    /** The filter clauses (Elasticsearch query DSL) that restrict a query to this scope. */
    public ArrayNode filters() {
        ArrayNode out = F.arrayNode();
        // a case is searchable once its submission (intake half) is known
        out.addObject().putObject("exists").put("field", "title");
        switch (kind) {
            case PROVINCES -> {
                ArrayNode codes = out.addObject().putObject("terms").putArray("provinceCode");
                provinces.forEach(codes::add); // empty: matches nothing
            }
            case UNIT -> out.addObject().putObject("term").put("responsibleUnitCode", unit);
            case PUBLISHED_ANSWERS -> out.addObject().putObject("term").put("answered", true);
            default -> {
            }
        }
        return out;
    }

    public static ObjectNode term(String field, Object value) {
        ObjectNode t = F.objectNode();
        t.putObject("term").putPOJO(field, value);
        return t;
    }
}
