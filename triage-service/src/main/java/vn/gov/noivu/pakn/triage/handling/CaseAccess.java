package vn.gov.noivu.pakn.triage.handling;

import jakarta.enterprise.context.ApplicationScoped;
import vn.gov.noivu.pakn.commons.security.Caller;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.triage.handling.TriageCase;

/**
 * Who may see and act on a case: liaisons on their provinces' cases (deputies included), department heads on the
 * cases escalated to their unit, leaders read everything, admins everything. Anything out of scope is "not found".
 */
@ApplicationScoped
public class CaseAccess {

    public boolean canView(Caller caller, TriageCase c) {
        return caller.seesEverything() || caller.servesProvince(c.provinceCode) || isHeadOf(caller, c);
    }

    public boolean isHeadOf(Caller caller, TriageCase c) {
        return caller.is(Identity.DEPARTMENT_HEAD) && c.escalationUnit != null
                && caller.unitCode().map(c.escalationUnit::equals).orElse(false);
    }

    /** A department head of the unit responsible for the case (recurring answers of its unit's issues). */
    public boolean isResponsibleHead(Caller caller, TriageCase c) {
        return caller.is(Identity.DEPARTMENT_HEAD) && c.unitCode != null
                && caller.unitCode().map(c.unitCode::equals).orElse(false);
    }

    public boolean isAdmin(Caller caller) {
        return caller.is(Identity.ADMIN);
    }

    /** May work on the case (answer, ask, escalate): the liaison holding the claim, the head it was escalated to. */
    public boolean isWorker(Caller caller, TriageCase c) {
        return isAdmin(caller)
                || caller.servesProvince(c.provinceCode) && c.claimedBy(caller.id())
                || c.status == CaseStatus.ESCALATED && isHeadOf(caller, c);
    }
}
