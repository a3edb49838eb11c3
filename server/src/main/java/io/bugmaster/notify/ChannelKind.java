package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A kind of notification channel, as its transport describes it: the id stored with each channel
 * and used by the API ({@code slack}), the title people read, how to set one up, and the settings
 * it takes. Each transport package defines its own kind (see {@link Transport#kind()}); the
 * registry ({@link Transports}) lists them. Settings are of the types Bugmaster knows how to check,
 * mask and ask for ({@link Setting.Type}).
 *
 * @param help one line on the create form: where to get what the settings ask for
 */
@PureLogic
public record ChannelKind(String id, String title, String help, List<Setting> settings) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public ChannelKind {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(help, "help");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a channel kind's id is a lower-case word, got: " + id);
        }
        settings = List.copyOf(settings);
        if (settings.isEmpty() || settings.stream().map(Setting::name).distinct().count() != settings.size()) {
            throw new IllegalArgumentException("channel kind " + id + " needs settings with distinct names");
        }
    }

    /**
     * One setting of a kind.
     *
     * @param label what the create form calls it ("Incoming webhook URL")
     * @param hint the placeholder or help under the input
     * @param whenMissing null for an optional setting; for a required one, what to give, told when it is missing
     */
    public record Setting(String name, String label, String hint, Type type, String whenMissing) {
        public Setting {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(hint, "hint");
            Objects.requireNonNull(type, "type");
        }

        public boolean required() {
            return whenMissing != null;
        }

        /**
         * The types of setting: each is checked, masked and entered its own way (see {@link ChannelConfigs}).
         * A URL is a secret: chat services put the token in the path.
         */
        public enum Type {
            /** an http(s) URL the outbound policy allows */
            URL("Webhook URL", "url", true),
            /** up to 20 email addresses, comma-separated */
            EMAILS("Recipients", "text", false),
            /** a Standard Webhooks signing secret ({@code whsec_...}), generated when left out */
            SIGNING_SECRET("Signing secret", "password", true),
            /** PagerDuty's 32-character integration key */
            ROUTING_KEY("Routing key", "password", true),
            /** on or off ({@code true}/{@code false}), on when not set */
            SWITCH("Switch", "checkbox", false),
            /** a Slack channel: its id ({@code C0123ABCD}, {@code G…} for an old private channel) or {@code #name} */
            SLACK_CHANNEL("Slack channel", "text", false);

            private final String label;
            private final String input;
            private final boolean secret;

            Type(String label, String input, boolean secret) {
                this.label = label;
                this.input = input;
                this.secret = secret;
            }

            /** What the channel page calls a stored setting of this type. */
            public String label() {
                return label;
            }

            /** The HTML input type of the form field. */
            public String input() {
                return input;
            }

            public boolean secret() {
                return secret;
            }
        }
    }

    /** The setting names, in form order. */
    public List<String> fields() {
        return settings.stream().map(Setting::name).toList();
    }

    /** The settings that are secrets, shown masked. */
    public Set<String> secretFields() {
        Set<String> out = new LinkedHashSet<>();
        settings.stream().filter(s -> s.type().secret()).forEach(s -> out.add(s.name()));
        return out;
    }

    public java.util.Optional<Setting> setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
