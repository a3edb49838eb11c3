package io.bugmaster.slack.commands;

import io.bugmaster.slack.SlackText;
import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.Priority;
import io.bugmaster.slack.SlackActions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The modal that declares an incident from Slack ({@code /bugmaster incident [title]}), and what its
 * submission says, checked: title, priority and service as the web form asks them, a description,
 * and whether the incident gets a channel of its own.
 */
@PureLogic
public final class DeclareModal {
    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 3000;
    /** Slack's limit of a static menu's options. */
    public static final int MAX_OPTIONS = 100;
    static final String TITLE = "title";
    static final String PRIORITY = "priority";
    static final String SERVICE = "service";
    static final String DESCRIPTION = "description";
    static final String CHANNEL = "channel";
    private static final String CREATE = "create";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DeclareModal() {}

    /** A service to choose. */
    public record ServiceOption(long id, String name) {}

    /**
     * What the submission carries back untouched ({@code private_metadata}): where the command was
     * typed and its {@code response_url}, to tell the declarer where the incident is.
     */
    public record Origin(String channelId, String responseUrl) {}

    /** The view for {@code views.open}. */
    public static ObjectNode view(String title, List<Priority> priorities, List<ServiceOption> services, boolean createChannel,
            Origin origin) {
        ObjectNode view = JSON.createObjectNode();
        view.put("type", "modal").put("callback_id", SlackActions.DECLARE_MODAL);
        view.set("title", plain("Declare an incident"));
        view.set("submit", plain("Declare"));
        view.set("close", plain("Cancel"));
        ObjectNode meta = JSON.createObjectNode();
        meta.put("channel_id", origin.channelId() == null ? "" : origin.channelId());
        meta.put("response_url", origin.responseUrl() == null ? "" : origin.responseUrl());
        view.put("private_metadata", meta.toString());
        ArrayNode blocks = view.putArray("blocks");

        ObjectNode titleInput = JSON.createObjectNode().put("type", "plain_text_input").put("action_id", TITLE).put("max_length", MAX_TITLE);
        if (title != null && !title.isBlank()) {
            titleInput.put("initial_value", SlackText.cut(title.strip(), MAX_TITLE));
        }
        titleInput.set("placeholder", plain("What is broken, as customers see it"));
        blocks.add(input(TITLE, "Title", titleInput, false, null));

        ObjectNode priority = JSON.createObjectNode().put("type", "static_select").put("action_id", PRIORITY);
        priority.set("placeholder", plain("Choose a priority"));
        ArrayNode pOptions = priority.putArray("options");
        priorities.stream().limit(MAX_OPTIONS).forEach(p -> pOptions.add(option(p.label() + " · " + p.description(), Integer.toString(p.level()))));
        blocks.add(input(PRIORITY, "Priority", priority, false, Priority.GUIDE));

        ObjectNode service = JSON.createObjectNode().put("type", "static_select").put("action_id", SERVICE);
        service.set("placeholder", plain("The service that is impaired"));
        ArrayNode sOptions = service.putArray("options");
        services.stream().limit(MAX_OPTIONS).forEach(s -> sOptions.add(option(s.name(), Long.toString(s.id()))));
        if (services.size() == 1) {
            service.set("initial_option", sOptions.get(0));
        }
        blocks.add(input(SERVICE, "Service", service, false, "Its escalation policy pages the people on call."));

        ObjectNode description = JSON.createObjectNode().put("type", "plain_text_input").put("action_id", DESCRIPTION)
                .put("multiline", true).put("max_length", MAX_DESCRIPTION);
        description.set("placeholder", plain("What you know so far: impact, since when, what you tried"));
        blocks.add(input(DESCRIPTION, "Description", description, true, null));

        ObjectNode channel = JSON.createObjectNode().put("type", "checkboxes").put("action_id", CHANNEL);
        ObjectNode create = JSON.createObjectNode();
        create.set("text", plain("Create a channel #inc-<number>-<title> and invite the responders"));
        create.put("value", CREATE);
        channel.putArray("options").add(create);
        if (createChannel) {
            channel.putArray("initial_options").add(create.deepCopy());
        }
        blocks.add(input(CHANNEL, "Incident channel", channel, true, null));
        return view;
    }

    /** A submission read: the fields as given, or errors by block id (Slack shows each under its field). */
    public record Submission(String title, Integer priority, Long serviceId, String description, boolean createChannel, Origin origin,
            Map<String, String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Reads {@code view.state.values} and checks them against the organization's priorities and services. */
    public static Submission read(JsonNode view, List<Priority> priorities, List<ServiceOption> services) {
        JsonNode values = view.path("state").path("values");
        Map<String, String> errors = new LinkedHashMap<>();
        String title = values.path(TITLE).path(TITLE).path("value").asString("").strip();
        if (title.isEmpty()) {
            errors.put(TITLE, "Give the incident a title: what is broken, as customers see it.");
        } else if (title.length() > MAX_TITLE) {
            errors.put(TITLE, "At most " + MAX_TITLE + " characters; this one has " + title.length() + ".");
        }
        Integer priority = null;
        String p = values.path(PRIORITY).path(PRIORITY).path("selected_option").path("value").asString("");
        if (p.isEmpty()) {
            errors.put(PRIORITY, "Choose a priority. " + Priority.GUIDE);
        } else {
            priority = priorities.stream().filter(x -> Integer.toString(x.level()).equals(p)).map(Priority::level).findFirst().orElse(null);
            if (priority == null) {
                errors.put(PRIORITY, "This priority no longer exists; choose one of the list.");
            }
        }
        Long serviceId = null;
        String s = values.path(SERVICE).path(SERVICE).path("selected_option").path("value").asString("");
        if (s.isEmpty()) {
            errors.put(SERVICE, "Choose the service that is impaired.");
        } else {
            serviceId = services.stream().filter(x -> Long.toString(x.id()).equals(s)).map(ServiceOption::id).findFirst().orElse(null);
            if (serviceId == null) {
                errors.put(SERVICE, "This service no longer exists; choose one of the list.");
            }
        }
        String description = values.path(DESCRIPTION).path(DESCRIPTION).path("value").asString("").strip();
        if (description.length() > MAX_DESCRIPTION) {
            errors.put(DESCRIPTION, "At most " + MAX_DESCRIPTION + " characters; this one has " + description.length() + ".");
        }
        boolean createChannel = false;
        for (JsonNode o : values.path(CHANNEL).path(CHANNEL).path("selected_options")) {
            createChannel |= CREATE.equals(o.path("value").asString(""));
        }
        return new Submission(title, priority, serviceId, description.isEmpty() ? null : description, createChannel,
                origin(view.path("private_metadata").asString("")), Map.copyOf(errors));
    }

    /** The answer that shows errors under their fields. */
    public static String errors(Map<String, String> errors) {
        ObjectNode out = JSON.createObjectNode().put("response_action", "errors");
        ObjectNode e = out.putObject("errors");
        errors.forEach((block, message) -> e.put(block, SlackText.cut(message, 2000)));
        return out.toString();
    }

    private static Origin origin(String metadata) {
        try {
            JsonNode m = metadata.isBlank() ? JSON.createObjectNode() : JSON.readTree(metadata);
            return new Origin(blankToNull(m.path("channel_id").asString("")), blankToNull(m.path("response_url").asString("")));
        } catch (RuntimeException e) {
            return new Origin(null, null);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static ObjectNode input(String blockId, String label, ObjectNode element, boolean optional, String hint) {
        ObjectNode block = JSON.createObjectNode().put("type", "input").put("block_id", blockId).put("optional", optional);
        block.set("label", plain(label));
        block.set("element", element);
        if (hint != null) {
            block.set("hint", plain(hint));
        }
        return block;
    }

    private static ObjectNode option(String text, String value) {
        ObjectNode o = JSON.createObjectNode();
        o.set("text", plain(SlackText.cut(text, 75)));
        o.put("value", value);
        return o;
    }

    private static ObjectNode plain(String text) {
        return JSON.createObjectNode().put("type", "plain_text").put("text", text);
    }
}
