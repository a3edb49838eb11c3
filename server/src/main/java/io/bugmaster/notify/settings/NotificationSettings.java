package io.bugmaster.notify.settings;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A person's own email notification settings: a default and per-project overrides for issue alert
 * emails and for workflow emails, and whether they get the weekly report. Which choice applies and
 * whether it lets an email through is decided here, without a database.
 */
@PureLogic
public final class NotificationSettings {
    private NotificationSettings() {}

    /** Issue alert emails (alert rules that email the assignee, owners, a team or members). */
    public enum IssueAlerts {
        /** every alert email a rule sends to me */
        ALWAYS("always"),
        /** only about issues I am subscribed to, assigned to (me or my team), or mentioned in */
        SUBSCRIBED("subscribed"),
        NEVER("never");

        private final String id;

        IssueAlerts(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static IssueAlerts parse(String field, String value) {
            return NotificationSettings.parse(IssueAlerts.class, values(), field, value);
        }
    }

    /** Workflow emails: comments, assignments and status changes on issues I follow. */
    public enum Workflow {
        /** about issues I am subscribed to or assigned to */
        SUBSCRIBED("subscribed"),
        NEVER("never");

        private final String id;

        Workflow(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Workflow parse(String field, String value) {
            return NotificationSettings.parse(Workflow.class, values(), field, value);
        }
    }

    public record Defaults(IssueAlerts issueAlerts, Workflow workflow, boolean weeklyReport) {}

    /** A project's override; a null choice keeps the default. */
    public record Override(long projectId, IssueAlerts issueAlerts, Workflow workflow) {
        public boolean isEmpty() {
            return issueAlerts == null && workflow == null;
        }
    }

    /** What a user who never changed anything gets. */
    public static final Defaults DEFAULTS = new Defaults(IssueAlerts.ALWAYS, Workflow.SUBSCRIBED, true);

    public static IssueAlerts issueAlerts(Defaults defaults, Override override) {
        return override != null && override.issueAlerts() != null ? override.issueAlerts() : defaults.issueAlerts();
    }

    public static Workflow workflow(Defaults defaults, Override override) {
        return override != null && override.workflow() != null ? override.workflow() : defaults.workflow();
    }

    /** Whether an alert rule's email reaches a person with this choice; {@code participant}: subscribed, assigned or mentioned. */
    public static boolean wantsIssueAlert(IssueAlerts choice, boolean participant) {
        return switch (choice) {
            case ALWAYS -> true;
            case SUBSCRIBED -> participant;
            case NEVER -> false;
        };
    }

    /** Whether a workflow email reaches a person: never to the one who acted, only to participants who want them. */
    public static boolean wantsWorkflowEmail(Workflow choice, boolean participant, boolean actor) {
        return !actor && participant && choice == Workflow.SUBSCRIBED;
    }

    /** {@code "default"} (or nothing) in a project's setting means: no override. */
    public static boolean isDefault(String value) {
        return value == null || value.isBlank() || value.strip().equalsIgnoreCase("default");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, E[] values, String field, String value) {
        if (value != null) {
            String wanted = value.strip().toLowerCase(Locale.ROOT);
            for (E e : values) {
                if (id(e).equals(wanted)) {
                    return e;
                }
            }
        }
        throw new InvalidInputException(field, "expected one of " + Arrays.stream(values).map(NotificationSettings::id)
                .collect(Collectors.joining(", ")) + ", got '" + value + "'");
    }

    private static String id(Enum<?> e) {
        return e instanceof IssueAlerts a ? a.id() : ((Workflow) e).id();
    }
}
