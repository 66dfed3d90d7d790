package vn.gov.noivu.pakn.events;

import java.time.Instant;

/**
 * What one event changed, beside the snapshot it carries: who, when, why, and the free text of the step
 * (an information request, a reply, an answer, an escalation reason).
 *
 * @param actor  who acted
 * @param at     when
 * @param reason why (required for handover, release, escalation, reopen)
 * @param text   the text the step carries, if any
 * @param target the target of the step, if any (another liaison's id, an authority level, a recurring-issue id)
 */
public record Change(Actor actor, Instant at, String reason, String text, String target) {

    public static Change by(Actor actor, Instant at) {
        return new Change(actor, at, null, null, null);
    }
}
