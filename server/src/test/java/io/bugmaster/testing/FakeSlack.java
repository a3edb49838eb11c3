package io.bugmaster.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for Slack's Web API (https://api.slack.com/methods) on 127.0.0.1, shared by
 * every test of the JVM (the server's {@code BUGMASTER_SLACK_API_URL} points at {@link #url()}).
 * Each test makes its own {@link Workspace} (team id, bot token, signing secret, people, channels),
 * so tests never see each other's calls. Every call is checked as Slack documents it: the bearer
 * token, the body's media type (JSON for writes, a form for reads), the required arguments and
 * their limits (Block Kit: at most 50 blocks, 3000 characters in a section, 25 elements in an
 * actions block, 75 characters on a button, ...); the reply has Slack's shape, with
 * {@code "ok": false} and Slack's error codes when the call is wrong, and HTTP 429 with
 * {@code Retry-After} when a test asks for it. Calls and {@code response_url} posts are recorded.
 */
public final class FakeSlack {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FORM_ONLY = Set.of("users.lookupByEmail", "users.info", "conversations.history", "conversations.info",
            "chat.getPermalink");
    private static final Set<String> BLOCK_TYPES = Set.of("section", "actions", "context", "header", "divider", "rich_text", "input",
            "image");
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9_-]{1,80}");
    private static volatile FakeSlack shared;

    private final HttpServer server;
    private final Map<String, Workspace> byToken = new ConcurrentHashMap<>();
    private final Map<String, Workspace> byResponseUrl = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final AtomicLong clockTs = new AtomicLong(1_700_000_000_000L);

    /** A recorded Web API call: the method, its arguments as sent (JSON object, or the form's fields) and the reply. */
    public record Call(String method, ObjectNode args, JsonNode reply, int httpStatus) {
        public String arg(String name) {
            JsonNode v = args.path(name);
            return v.isMissingNode() || v.isNull() ? null : v.isString() ? v.asString() : v.toString();
        }

        public boolean ok() {
            return reply.path("ok").asBoolean(false);
        }
    }

    private FakeSlack() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/", this::api);
        server.createContext("/respond/", this::respond);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-slack");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The one fake of this JVM, started on first use. */
    public static FakeSlack shared() {
        FakeSlack s = shared;
        if (s == null) {
            synchronized (FakeSlack.class) {
                if (shared == null) {
                    shared = new FakeSlack();
                }
                s = shared;
            }
        }
        return s;
    }

    /** The Web API's base URL ({@code BUGMASTER_SLACK_API_URL}). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    /** A new workspace with its own token and signing secret. */
    public Workspace workspace(String name) {
        Workspace w = new Workspace(name);
        byToken.put(w.botToken, w);
        return w;
    }

    private String nextId(String prefix) {
        return prefix + Long.toString(ids.incrementAndGet(), 36).toUpperCase(Locale.ROOT) + "X";
    }

    private String nextTs() {
        long micros = clockTs.addAndGet(1);
        return (micros / 1000) + "." + String.format("%06d", (micros % 1000) * 100 + 47);
    }

    /** One Slack workspace with the app installed. */
    public final class Workspace {
        public final String name;
        public final String teamId;
        public final String botToken;
        public final String signingSecret;
        public final String botUserId;
        private final Map<String, ObjectNode> users = new ConcurrentHashMap<>();
        private final Map<String, Channel> channels = new ConcurrentHashMap<>();
        private final Map<String, String> dms = new ConcurrentHashMap<>();
        private final List<Call> calls = new CopyOnWriteArrayList<>();
        private final Map<String, List<JsonNode>> responses = new ConcurrentHashMap<>();
        private final Set<String> triggers = ConcurrentHashMap.newKeySet();
        private final Map<String, String> failNext = new ConcurrentHashMap<>();
        private final Map<String, Integer> rateLimitNext = new ConcurrentHashMap<>();
        private final Map<String, java.util.concurrent.CountDownLatch> held = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> arrived = new ConcurrentHashMap<>();

        private Workspace(String name) {
            this.name = name;
            this.teamId = nextId("T");
            this.botToken = "xoxb-" + Math.abs(UUID.randomUUID().getMostSignificantBits()) + "-" + UUID.randomUUID().toString().replace("-", "");
            this.signingSecret = UUID.randomUUID().toString().replace("-", "");
            this.botUserId = nextId("U");
        }

        /** A person of the workspace with this (verified) email; their user id. */
        public String addUser(String email) {
            String id = nextId("U");
            ObjectNode user = JSON.createObjectNode();
            user.put("id", id).put("team_id", teamId).put("name", email.substring(0, email.indexOf('@'))).put("deleted", false)
                    .put("is_bot", false);
            user.putObject("profile").put("email", email).put("real_name", email.substring(0, email.indexOf('@')));
            users.put(id, user);
            return id;
        }

        /** A public channel the bot is in; its id. */
        public String channel(String channelName) {
            Channel c = new Channel(nextId("C"), channelName);
            c.members.add(botUserId);
            channels.put(c.id, c);
            return c.id;
        }

        /** The app's direct message channel with a person ({@code D…}), opened on first use. */
        private Channel dm(String userId) {
            return channels.computeIfAbsent(dms.computeIfAbsent(userId, u -> nextId("D")), id -> {
                Channel c = new Channel(id, "dm-" + userId.toLowerCase(Locale.ROOT));
                c.members.add(botUserId);
                c.members.add(userId);
                return c;
            });
        }

        /** The id of the app's direct message channel with a person, or null before anything was sent there. */
        public String dmChannel(String userId) {
            return dms.get(userId);
        }

        /** A channel the bot is not in (posting there fails with not_in_channel). */
        public String channelWithoutBot(String channelName) {
            Channel c = new Channel(nextId("C"), channelName);
            channels.put(c.id, c);
            return c.id;
        }

        /** A message someone wrote in a channel (for pins and reactions); its ts. */
        public String say(String channelId, String userId, String text) {
            Channel c = channels.get(channelId);
            String ts = nextTs();
            ObjectNode m = JSON.createObjectNode().put("type", "message").put("user", userId).put("text", text).put("ts", ts);
            c.messages.put(ts, m);
            return ts;
        }

        /** A new trigger id, as a slash command or a button click carries (views.open takes each once). */
        public String triggerId() {
            String t = ids.incrementAndGet() + "." + Math.abs(UUID.randomUUID().getLeastSignificantBits());
            triggers.add(t);
            return t;
        }

        /** A new response_url for a command or an interaction. */
        public String responseUrl() {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/respond/" + teamId + "/" + UUID.randomUUID();
            byResponseUrl.put(url.substring(url.indexOf("/respond/")), this);
            responses.put(url, new CopyOnWriteArrayList<>());
            return url;
        }

        /** The next call of {@code method} answers {@code "ok": false} with this error. */
        public void failNext(String method, String error) {
            failNext.put(method, error);
        }

        /** The next call of {@code method} answers HTTP 429 with this Retry-After. */
        public void rateLimitNext(String method, int retryAfterSeconds) {
            rateLimitNext.put(method, retryAfterSeconds);
        }

        /**
         * Calls of {@code method} get no answer until the returned action runs (a Slack that hangs);
         * {@link #arrived(String)} counts them as they come in.
         */
        public Runnable hold(String method) {
            java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
            held.put(method, latch);
            return () -> {
                held.remove(method, latch);
                latch.countDown();
            };
        }

        /** How many calls of {@code method} reached the fake, answered or not. */
        public long arrived(String method) {
            AtomicLong n = arrived.get(method);
            return n == null ? 0 : n.get();
        }

        public List<Call> calls() {
            return List.copyOf(calls);
        }

        /** The calls of one method, successful or not, in order. */
        public List<Call> calls(String method) {
            return calls.stream().filter(c -> c.method().equals(method)).toList();
        }

        /** What was posted to a response_url. */
        public List<JsonNode> responses(String responseUrl) {
            return List.copyOf(responses.getOrDefault(responseUrl, List.of()));
        }

        /** The messages of a channel as they are now (after updates), oldest first. */
        public List<JsonNode> messages(String channelId) {
            Channel c = channels.get(channelId);
            return c == null ? List.of() : List.copyOf(c.messages.values());
        }

        /** The message of a channel at ts as it is now, or null. */
        public JsonNode message(String channelId, String ts) {
            Channel c = channels.get(channelId);
            return c == null ? null : c.messages.get(ts);
        }

        /** A channel's id by name, or null (channels the app created included). */
        public String channelId(String channelName) {
            return channels.values().stream().filter(c -> c.name.equals(channelName)).map(c -> c.id).findFirst().orElse(null);
        }

        /** The user ids in a channel (the bot included). */
        public Set<String> members(String channelId) {
            Channel c = channels.get(channelId);
            return c == null ? Set.of() : Set.copyOf(c.members);
        }

        public String topic(String channelId) {
            Channel c = channels.get(channelId);
            return c == null ? null : c.topic;
        }

        /** The channels whose names start with a prefix ({@code inc-}). */
        public List<String> channelNames() {
            return channels.values().stream().map(c -> c.name).sorted().toList();
        }
    }

    private static final class Channel {
        final String id;
        final String name;
        final Set<String> members = ConcurrentHashMap.newKeySet();
        final Map<String, ObjectNode> messages = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        volatile String topic = "";

        Channel(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    // --- the Web API ---

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, error("method_not_allowed").toString(), Map.of());
            return;
        }
        if (auth == null || !auth.startsWith("Bearer ")) {
            send(exchange, 200, error("not_authed").toString(), Map.of());
            return;
        }
        Workspace w = byToken.get(auth.substring("Bearer ".length()));
        if (w == null) {
            send(exchange, 200, error("invalid_auth").toString(), Map.of());
            return;
        }
        ObjectNode args;
        boolean json = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
        boolean form = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        if (json && FORM_ONLY.contains(method)) {
            record(w, method, JSON.createObjectNode(), error("invalid_arguments").put("detail", method + " takes form arguments, not JSON"), 200,
                    exchange);
            return;
        }
        if (json) {
            try {
                JsonNode parsed = JSON.readTree(body);
                if (!(parsed instanceof ObjectNode o)) {
                    record(w, method, JSON.createObjectNode(), error("invalid_json"), 200, exchange);
                    return;
                }
                args = o;
            } catch (RuntimeException e) {
                record(w, method, JSON.createObjectNode(), error("invalid_json"), 200, exchange);
                return;
            }
        } else if (form) {
            args = JSON.createObjectNode();
            for (String pair : body.isEmpty() ? new String[0] : body.split("&")) {
                int eq = pair.indexOf('=');
                args.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        } else {
            record(w, method, JSON.createObjectNode(), error("invalid_form_data"), 200, exchange);
            return;
        }
        w.arrived.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
        java.util.concurrent.CountDownLatch latch = w.held.get(method);
        if (latch != null) {
            try {
                latch.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Integer limited = w.rateLimitNext.remove(method);
        if (limited != null) {
            ObjectNode reply = error("ratelimited");
            w.calls.add(new Call(method, args, reply, 429));
            send(exchange, 429, reply.toString(), Map.of("Retry-After", String.valueOf(limited)));
            return;
        }
        String failure = w.failNext.remove(method);
        ObjectNode reply = failure != null ? error(failure) : handle(w, method, args);
        record(w, method, args, reply, 200, exchange);
    }

    private void record(Workspace w, String method, ObjectNode args, ObjectNode reply, int status, HttpExchange exchange) throws IOException {
        w.calls.add(new Call(method, args, reply, status));
        send(exchange, status, reply.toString(), Map.of());
    }

    private ObjectNode handle(Workspace w, String method, ObjectNode a) {
        return switch (method) {
            case "auth.test" -> ok().put("url", "https://" + w.name + ".slack.com/").put("team", w.name).put("user", "bugmaster")
                    .put("team_id", w.teamId).put("user_id", w.botUserId).put("bot_id", "B" + w.botUserId.substring(1));
            case "chat.postMessage" -> postMessage(w, a);
            case "chat.update" -> update(w, a);
            case "chat.postEphemeral" -> postEphemeral(w, a);
            case "views.open" -> viewsOpen(w, a);
            case "conversations.create" -> create(w, a);
            case "conversations.invite" -> invite(w, a);
            case "conversations.setTopic" -> setTopic(w, a);
            case "conversations.history" -> history(w, a);
            case "users.lookupByEmail" -> lookup(w, a);
            case "users.info" -> userInfo(w, a);
            case "chat.getPermalink" -> permalink(w, a);
            default -> error("unknown_method");
        };
    }

    private ObjectNode postMessage(Workspace w, ObjectNode a) {
        // a user id as the channel posts to the app's direct message with that person (Slack opens it on first use)
        Channel c = w.users.containsKey(String.valueOf(text(a, "channel"))) ? w.dm(text(a, "channel")) : channelArg(w, a);
        if (c == null) {
            return error("channel_not_found");
        }
        if (!c.members.contains(w.botUserId)) {
            return error("not_in_channel");
        }
        String invalid = messageProblem(a);
        if (invalid != null) {
            return error(invalid);
        }
        String ts = nextTs();
        ObjectNode message = JSON.createObjectNode().put("type", "message").put("user", w.botUserId).put("ts", ts)
                .put("text", text(a, "text") == null ? "" : text(a, "text"));
        if (a.has("blocks")) {
            message.set("blocks", a.get("blocks"));
        }
        c.messages.put(ts, message);
        ObjectNode reply = ok().put("channel", c.id).put("ts", ts);
        reply.set("message", message.deepCopy());
        return reply;
    }

    private ObjectNode update(Workspace w, ObjectNode a) {
        String channel = text(a, "channel");
        String ts = text(a, "ts");
        if (channel == null || ts == null) {
            return error("invalid_arguments");
        }
        Channel c = w.channels.get(channel);
        if (c == null) {
            return error("channel_not_found");
        }
        ObjectNode message = c.messages.get(ts);
        if (message == null) {
            return error("message_not_found");
        }
        if (!w.botUserId.equals(message.path("user").asString(""))) {
            return error("cant_update_message");
        }
        String invalid = messageProblem(a);
        if (invalid != null) {
            return error(invalid);
        }
        message.put("text", text(a, "text") == null ? "" : text(a, "text"));
        if (a.has("blocks")) {
            message.set("blocks", a.get("blocks"));
        } else {
            message.remove("blocks");
        }
        message.put("edited", true);
        return ok().put("channel", c.id).put("ts", ts).put("text", message.path("text").asString(""));
    }

    private ObjectNode postEphemeral(Workspace w, ObjectNode a) {
        Channel c = channelArg(w, a);
        if (c == null) {
            return error("channel_not_found");
        }
        String user = text(a, "user");
        if (user == null || !w.users.containsKey(user)) {
            return error("user_not_in_channel");
        }
        String invalid = messageProblem(a);
        return invalid != null ? error(invalid) : ok().put("message_ts", nextTs());
    }

    private ObjectNode viewsOpen(Workspace w, ObjectNode a) {
        String trigger = text(a, "trigger_id");
        if (trigger == null) {
            return error("invalid_arguments");
        }
        if (!w.triggers.remove(trigger)) {
            return error("invalid_trigger_id");
        }
        JsonNode view = a.path("view");
        if (view.isString()) {
            view = JSON.readTree(view.asString());
        }
        if (!view.isObject() || !"modal".equals(view.path("type").asString("")) || !view.path("title").path("type").asString("").equals("plain_text")
                || view.path("title").path("text").asString("").length() > 24 || !view.path("blocks").isArray()
                || view.path("blocks").size() > 100 || view.path("callback_id").asString("").length() > 255) {
            return error("invalid_arguments");
        }
        boolean hasInput = false;
        for (JsonNode block : view.path("blocks")) {
            if (!BLOCK_TYPES.contains(block.path("type").asString(""))) {
                return error("invalid_arguments");
            }
            hasInput |= block.path("type").asString("").equals("input");
            if (block.path("type").asString("").equals("input")
                    && (!block.path("label").path("type").asString("").equals("plain_text") || !block.path("element").isObject())) {
                return error("invalid_arguments");
            }
        }
        if (hasInput && !view.path("submit").path("type").asString("").equals("plain_text")) {
            return error("invalid_arguments");
        }
        ObjectNode reply = ok();
        ObjectNode opened = ((ObjectNode) view).deepCopy();
        opened.put("id", nextId("V")).put("team_id", w.teamId);
        reply.set("view", opened);
        return reply;
    }

    private ObjectNode create(Workspace w, ObjectNode a) {
        String name = text(a, "name");
        if (name == null || name.isEmpty()) {
            return error("invalid_name_required");
        }
        if (name.length() > 80) {
            return error("invalid_name_maxlength");
        }
        if (!CHANNEL_NAME.matcher(name).matches()) {
            return error("invalid_name_specials");
        }
        if (w.channelId(name) != null) {
            return error("name_taken");
        }
        String id = w.channel(name);
        ObjectNode reply = ok();
        reply.putObject("channel").put("id", id).put("name", name).put("is_private", a.path("is_private").asBoolean(false));
        return reply;
    }

    private ObjectNode invite(Workspace w, ObjectNode a) {
        Channel c = channelArg(w, a);
        String users = text(a, "users");
        if (c == null) {
            return error("channel_not_found");
        }
        if (users == null || users.isBlank()) {
            return error("no_user");
        }
        List<String> ids = List.of(users.split(","));
        if (ids.size() > 1000) {
            return error("too_many_users");
        }
        for (String id : ids) {
            if (!w.users.containsKey(id.strip())) {
                return error("user_not_found");
            }
        }
        if (ids.stream().allMatch(id -> c.members.contains(id.strip()))) {
            return error("already_in_channel");
        }
        ids.forEach(id -> c.members.add(id.strip()));
        ObjectNode reply = ok();
        reply.putObject("channel").put("id", c.id).put("name", c.name);
        return reply;
    }

    private ObjectNode setTopic(Workspace w, ObjectNode a) {
        Channel c = channelArg(w, a);
        String topic = text(a, "topic");
        if (c == null) {
            return error("channel_not_found");
        }
        if (topic == null) {
            return error("invalid_arguments");
        }
        if (topic.length() > 250) {
            return error("too_long");
        }
        c.topic = topic;
        ObjectNode reply = ok();
        reply.putObject("channel").put("id", c.id).putObject("topic").put("value", topic);
        return reply;
    }

    private ObjectNode history(Workspace w, ObjectNode a) {
        Channel c = channelArg(w, a);
        if (c == null) {
            return error("channel_not_found");
        }
        String latest = text(a, "latest");
        boolean inclusive = "true".equals(text(a, "inclusive")) || "1".equals(text(a, "inclusive"));
        int limit = text(a, "limit") == null ? 100 : Integer.parseInt(text(a, "limit"));
        List<ObjectNode> all;
        synchronized (c.messages) {
            all = new ArrayList<>(c.messages.values());
        }
        java.util.Collections.reverse(all);
        ArrayNode out = JSON.createArrayNode();
        for (ObjectNode m : all) {
            String ts = m.path("ts").asString("");
            if (latest != null && (inclusive ? ts.compareTo(latest) > 0 : ts.compareTo(latest) >= 0)) {
                continue;
            }
            if (out.size() >= limit) {
                break;
            }
            out.add(m.deepCopy());
        }
        ObjectNode reply = ok().put("has_more", false);
        reply.set("messages", out);
        return reply;
    }

    private ObjectNode lookup(Workspace w, ObjectNode a) {
        String email = text(a, "email");
        if (email == null) {
            return error("invalid_arguments");
        }
        return w.users.values().stream().filter(u -> u.path("profile").path("email").asString("").equalsIgnoreCase(email)).findFirst()
                .map(u -> {
                    ObjectNode reply = ok();
                    reply.set("user", u.deepCopy());
                    return reply;
                }).orElseGet(() -> error("users_not_found"));
    }

    private ObjectNode permalink(Workspace w, ObjectNode a) {
        Channel c = channelArg(w, a);
        String ts = text(a, "message_ts");
        if (c == null) {
            return error("channel_not_found");
        }
        if (ts == null || !c.messages.containsKey(ts)) {
            return error("message_not_found");
        }
        return ok().put("channel", c.id).put("permalink", "https://" + w.name + ".slack.com/archives/" + c.id + "/p" + ts.replace(".", ""));
    }

    private ObjectNode userInfo(Workspace w, ObjectNode a) {
        ObjectNode u = w.users.get(text(a, "user") == null ? "" : text(a, "user"));
        if (u == null) {
            return error("user_not_found");
        }
        ObjectNode reply = ok();
        reply.set("user", u.deepCopy());
        return reply;
    }

    /** Why a message's text and blocks would be refused, or null. */
    private static String messageProblem(ObjectNode a) {
        String text = text(a, "text");
        JsonNode blocks = a.path("blocks");
        if (blocks.isString()) {
            blocks = JSON.readTree(blocks.asString());
            a.set("blocks", blocks);
        }
        if ((text == null || text.isEmpty()) && (blocks.isMissingNode() || blocks.isNull() || blocks.isEmpty())) {
            return "no_text";
        }
        if (text != null && text.length() > 40_000) {
            return "msg_too_long";
        }
        if (!blocks.isMissingNode() && !blocks.isNull()) {
            if (!blocks.isArray() || blocks.size() > 50) {
                return "invalid_blocks";
            }
            for (JsonNode block : blocks) {
                if (!blockValid(block)) {
                    return "invalid_blocks";
                }
            }
        }
        return null;
    }

    private static boolean blockValid(JsonNode block) {
        String type = block.path("type").asString("");
        if (!BLOCK_TYPES.contains(type) || block.path("block_id").asString("").length() > 255) {
            return false;
        }
        switch (type) {
            case "section" -> {
                JsonNode text = block.path("text");
                if (!text.isMissingNode() && (!textObject(text) || text.path("text").asString("").length() > 3000)) {
                    return false;
                }
                if (text.isMissingNode() && !block.path("fields").isArray()) {
                    return false;
                }
                if (block.path("fields").isArray()) {
                    if (block.path("fields").size() > 10) {
                        return false;
                    }
                    for (JsonNode f : block.path("fields")) {
                        if (!textObject(f) || f.path("text").asString("").length() > 2000) {
                            return false;
                        }
                    }
                }
                if (block.has("accessory") && !elementValid(block.path("accessory"))) {
                    return false;
                }
            }
            case "header" -> {
                if (!block.path("text").path("type").asString("").equals("plain_text") || block.path("text").path("text").asString("").length() > 150) {
                    return false;
                }
            }
            case "context" -> {
                if (!block.path("elements").isArray() || block.path("elements").isEmpty() || block.path("elements").size() > 10) {
                    return false;
                }
                for (JsonNode e : block.path("elements")) {
                    if (!textObject(e) && !e.path("type").asString("").equals("image")) {
                        return false;
                    }
                }
            }
            case "actions" -> {
                if (!block.path("elements").isArray() || block.path("elements").isEmpty() || block.path("elements").size() > 25) {
                    return false;
                }
                for (JsonNode e : block.path("elements")) {
                    if (!elementValid(e)) {
                        return false;
                    }
                }
            }
            default -> {
                // divider, image, rich_text, input: accepted as they come
            }
        }
        return true;
    }

    private static boolean textObject(JsonNode t) {
        String type = t.path("type").asString("");
        return (type.equals("mrkdwn") || type.equals("plain_text")) && t.path("text").isString() && !t.path("text").asString().isEmpty();
    }

    private static boolean elementValid(JsonNode e) {
        String type = e.path("type").asString("");
        if (e.path("action_id").asString("").length() > 255) {
            return false;
        }
        switch (type) {
            case "button" -> {
                return e.path("text").path("type").asString("").equals("plain_text") && !e.path("text").path("text").asString("").isEmpty()
                        && e.path("text").path("text").asString("").length() <= 75 && e.path("value").asString("").length() <= 2000
                        && (e.path("url").isMissingNode() || e.path("url").asString("").length() <= 3000)
                        && (e.path("style").isMissingNode() || Set.of("primary", "danger").contains(e.path("style").asString("")));
            }
            case "static_select", "overflow" -> {
                JsonNode options = e.path("options");
                if (!options.isArray() || options.isEmpty() || options.size() > 100 || (type.equals("overflow") && options.size() > 5)) {
                    return false;
                }
                for (JsonNode o : options) {
                    if (!o.path("text").path("type").asString("").equals("plain_text") || o.path("text").path("text").asString("").length() > 75
                            || o.path("value").asString("").isEmpty() || o.path("value").asString("").length() > 150) {
                        return false;
                    }
                }
                return type.equals("overflow") || e.path("placeholder").path("type").asString("").equals("plain_text");
            }
            case "users_select", "conversations_select", "channels_select", "datepicker" -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    // --- response_url ---

    private void respond(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Workspace w = byResponseUrl.get(path);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (w == null) {
            send(exchange, 404, error("expired_url").toString(), Map.of());
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (RuntimeException e) {
            send(exchange, 400, error("invalid_payload").toString(), Map.of());
            return;
        }
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        if (!json.isObject() || (json.path("text").asString("").isEmpty() && !json.path("blocks").isArray() && !json.path("delete_original").asBoolean(false))) {
            send(exchange, 400, error("no_text").toString(), Map.of());
            return;
        }
        w.responses.computeIfAbsent(url, k -> new CopyOnWriteArrayList<>()).add(json);
        send(exchange, 200, ok().toString(), Map.of());
    }

    // --- helpers ---

    private Channel channelArg(Workspace w, ObjectNode a) {
        String channel = text(a, "channel");
        if (channel == null) {
            return null;
        }
        if (channel.startsWith("#")) {
            String id = w.channelId(channel.substring(1));
            return id == null ? null : w.channels.get(id);
        }
        return w.channels.get(channel);
    }

    private static String text(JsonNode a, String name) {
        JsonNode v = a.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        return v.isString() ? v.asString() : v.toString();
    }

    private static ObjectNode ok() {
        return JSON.createObjectNode().put("ok", true);
    }

    private static ObjectNode error(String code) {
        return JSON.createObjectNode().put("ok", false).put("error", code);
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
