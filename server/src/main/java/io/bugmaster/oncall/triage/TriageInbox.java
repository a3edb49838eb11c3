package io.bugmaster.oncall.triage;

/**
 * What is left in a team's inbox, for the bugmaster's handoff notice: implemented by the issues
 * feature (issues use on-call, not the other way round).
 */
public interface TriageInbox {

    /** The inbox of the team's projects, as the incoming bugmaster will find it. */
    Left leftFor(long orgId, String orgSlug, long teamId, long userId);

    /**
     * @param unreviewed new and regressed issues nobody marked reviewed
     * @param assignedToYou unresolved issues assigned to the person
     * @param url the inbox page
     */
    record Left(long unreviewed, long assignedToYou, String url) {}
}
