package io.bugmaster.slack.interactions;

import io.bugmaster.common.PureLogic;
import io.bugmaster.slack.SlackActions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One click on a Bugmaster button or menu, read from its {@code action_id} and value (the button's
 * {@code value}, or the chosen option's): what to do, to which issue or incident (its row id), with
 * which choice ({@code 30m}, {@code 100}, {@code me}, {@code user:7}). A value that does not fit its
 * action is refused with a reason; nothing in it is trusted beyond its shape.
 */
@PureLogic
record SlackClick(Action action, long subjectId, String choice) {

    enum Action {
        ISSUE_RESOLVE(SlackActions.ISSUE_RESOLVE, "issue", "resolve issues"),
        ISSUE_UNRESOLVE(SlackActions.ISSUE_UNRESOLVE, "issue", "reopen issues"),
        ISSUE_IGNORE(SlackActions.ISSUE_IGNORE, "issue", "ignore issues"),
        ISSUE_ASSIGN(SlackActions.ISSUE_ASSIGN, "issue", "assign issues"),
        INCIDENT_ACKNOWLEDGE(SlackActions.INCIDENT_ACKNOWLEDGE, "incident", "acknowledge incidents"),
        INCIDENT_RESOLVE(SlackActions.INCIDENT_RESOLVE, "incident", "resolve incidents"),
        INCIDENT_ESCALATE(SlackActions.INCIDENT_ESCALATE, "incident", "escalate incidents"),
        OPEN(SlackActions.OPEN, null, null);

        final String actionId;
        final String subjectType;
        /** What a refusal says the person may not do: "You cannot resolve issues in …". */
        final String may;

        Action(String actionId, String subjectType, String may) {
            this.actionId = actionId;
            this.subjectType = subjectType;
            this.may = may;
        }

        static Action of(String actionId) {
            for (Action a : values()) {
                if (a.actionId.equals(actionId)) {
                    return a;
                }
            }
            return null;
        }
    }

    /** The click, or why it cannot be acted on. */
    sealed interface Read permits Ok, Refused {}

    record Ok(SlackClick click) implements Read {}

    record Refused(String reason) implements Read {}

    /** At most this much of a value is read: Slack's own limit for a button's value is 2000 characters. */
    static final int MAX_VALUE = 2000;
    private static final Pattern VALUE = Pattern.compile("(issue|incident):([0-9]{1,18})(?: (\\S{1,60}))?");
    private static final Pattern IGNORE = Pattern.compile("([0-9]{1,7})([mh]?)");
    private static final Pattern ASSIGNEE = Pattern.compile("me|(?:user|team):[0-9]{1,18}");

    /** Reads a click on {@code actionId} with this value (a button's, or the chosen option's); null values are missing. */
    static Read read(String actionId, String value) {
        Action action = Action.of(actionId == null ? "" : actionId);
        if (action == null) {
            return new Refused("this button is not one of Bugmaster's");
        }
        if (action == Action.OPEN) {
            return new Ok(new SlackClick(action, 0, null));
        }
        if (value == null || value.isEmpty()) {
            return new Refused("the button carries no value");
        }
        Matcher m = value.length() > MAX_VALUE ? null : VALUE.matcher(value.strip());
        if (m == null || !m.matches() || !m.group(1).equals(action.subjectType)) {
            return new Refused("the button's value is not " + (action.subjectType.equals("issue") ? "an issue" : "an incident")
                    + " of Bugmaster's");
        }
        long id = Long.parseLong(m.group(2));
        String choice = m.group(3);
        switch (action) {
            case ISSUE_IGNORE -> {
                Matcher ignore = choice == null ? null : IGNORE.matcher(choice);
                if (ignore == null || !ignore.matches() || Long.parseLong(ignore.group(1)) == 0) {
                    return new Refused("ignore needs a choice: 30m, 24h, 10 or 100 (more events)");
                }
            }
            case ISSUE_ASSIGN -> {
                if (choice == null || !ASSIGNEE.matcher(choice).matches()) {
                    return new Refused("assign needs a choice: me, user:<id> or team:<id>");
                }
            }
            default -> {
                if (choice != null) {
                    return new Refused("this button takes no choice");
                }
            }
        }
        return new Ok(new SlackClick(action, id, choice));
    }

    /** For an ignore: the minutes to ignore for ({@code 30m}, {@code 24h}), or null when it is a count of events. */
    Long ignoreMinutes() {
        Matcher m = IGNORE.matcher(choice);
        if (!m.matches() || m.group(2).isEmpty()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("h") ? n * 60 : n;
    }

    /** For an ignore by count: how many more events. */
    long ignoreCount() {
        Matcher m = IGNORE.matcher(choice);
        if (!m.matches()) {
            throw new IllegalStateException("not an ignore choice: " + choice);
        }
        return Long.parseLong(m.group(1));
    }

    String subject() {
        return action.subjectType + ":" + subjectId;
    }
}
