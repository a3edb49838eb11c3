package io.bugmaster.slack;

import io.bugmaster.common.PureLogic;

/**
 * The {@code action_id}s of the buttons and menus on Bugmaster's Slack messages, shared by what
 * draws them (cards) and what handles a click (interactions). A button's {@code value} is its
 * subject ({@code issue:42}, {@code incident:7}); a menu option's value is the subject, a space, and
 * the choice ({@code issue:42 30m}).
 */
@PureLogic
public final class SlackActions {
    private SlackActions() {}

    public static final String ISSUE_RESOLVE = "issue_resolve";
    /** A menu: {@code 30m}, {@code 24h} (ignored for that long), {@code 10}, {@code 100} (until that many more events). */
    public static final String ISSUE_IGNORE = "issue_ignore";
    /** A menu: {@code me}, {@code user:<id>} (the suggested owner), {@code team:<id>}. */
    public static final String ISSUE_ASSIGN = "issue_assign";
    public static final String ISSUE_UNRESOLVE = "issue_unresolve";
    public static final String INCIDENT_ACKNOWLEDGE = "incident_acknowledge";
    public static final String INCIDENT_RESOLVE = "incident_resolve";
    public static final String INCIDENT_ESCALATE = "incident_escalate";
    /** A link button to the subject's page: Slack still sends a block_actions request, which is answered and ignored. */
    public static final String OPEN = "open";

    /** The callback id of the modal that declares an incident. */
    public static final String DECLARE_MODAL = "declare_incident";
}
