package io.bugmaster.incidents.comms.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.comms.IncidentComms;
import io.bugmaster.incidents.comms.IncidentSettings;
import io.bugmaster.incidents.comms.ServiceChannels;
import io.bugmaster.incidents.comms.StatusUpdate;
import io.bugmaster.incidents.comms.Subscriber;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Incident communication over the API: the organization's incident settings (situation room,
 * stakeholder and tech channels, per-service channels), an incident's status updates and its
 * email subscribers. Ids are strings in answers, as elsewhere in the API; numbers are taken too.
 */
@ApiController
class IncidentCommsApi {
    private static final Set<String> SETTINGS_FIELDS = Set.of("situation_room_url", "stakeholder_channel_id", "tech_channel_id", "services");
    private static final Set<String> SERVICE_FIELDS = Set.of("service_id", "stakeholder_channel_id", "tech_channel_id");

    private final IncidentComms comms;
    private final Paging paging;

    IncidentCommsApi(IncidentComms comms, Paging paging) {
        this.comms = comms;
        this.paging = paging;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ServiceJson(String serviceId, String stakeholderChannelId, String techChannelId) {
        static ServiceJson of(ServiceChannels s) {
            return new ServiceJson(Long.toString(s.serviceId()), id(s.stakeholderChannelId()), id(s.techChannelId()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SettingsJson(String situationRoomUrl, String stakeholderChannelId, String techChannelId, List<ServiceJson> services) {
        static SettingsJson of(IncidentSettings s) {
            return new SettingsJson(s.situationRoomUrl(), id(s.stakeholderChannelId()), id(s.techChannelId()),
                    s.services().stream().map(ServiceJson::of).toList());
        }
    }

    record UserRef(String id) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateJson(String id, long incidentNumber, String createdAt, String stage, String message, UserRef postedBy) {
        static UpdateJson of(long number, StatusUpdate u) {
            return new UpdateJson(Long.toString(u.id()), number, u.at().toString(), u.stage(), u.message(),
                    u.postedBy() == null ? null : new UserRef(u.postedBy().toString()));
        }
    }

    record ChannelRef(String id, String name, String kind) {}

    /** A posted update and where it went: the stakeholder channel (null when none is set) and how many subscribers were emailed. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PostedJson(String id, long incidentNumber, String createdAt, String stage, String message, UserRef postedBy,
            ChannelRef stakeholderChannel, int subscribersEmailed) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SubscriberJson(String email, UserRef user, String createdAt) {
        static SubscriberJson of(Subscriber s) {
            return new SubscriberJson(s.email(), s.userId() == null ? null : new UserRef(s.userId().toString()), s.createdAt().toString());
        }
    }

    record NewUpdate(String message, String stage) {}

    record SubscriberBody(String email) {}

    @GetMapping({"/api/0/organizations/{org}/incident-settings/", "/api/0/organizations/{org}/incident-settings"})
    SettingsJson settings(Actor actor, @PathVariable String org) {
        return SettingsJson.of(comms.settings(actor, org));
    }

    /** Fields left out keep their values; null or "" clears one; {@code services} replaces every service's channels. */
    @PutMapping({"/api/0/organizations/{org}/incident-settings/", "/api/0/organizations/{org}/incident-settings"})
    SettingsJson saveSettings(Actor actor, @PathVariable String org, @RequestBody Map<String, Object> body) {
        for (String key : body.keySet()) {
            if (!SETTINGS_FIELDS.contains(key)) {
                throw new InvalidInputException(key, "unknown field; use situation_room_url, stakeholder_channel_id, tech_channel_id, services");
            }
        }
        List<IncidentSettings.ServiceInput> services = null;
        if (body.get("services") != null) {
            if (!(body.get("services") instanceof List<?> list)) {
                throw new InvalidInputException("services", "is a list of {service_id, stakeholder_channel_id, tech_channel_id}");
            }
            services = new ArrayList<>();
            for (int k = 0; k < list.size(); k++) {
                if (!(list.get(k) instanceof Map<?, ?> s)) {
                    throw new InvalidInputException("services[" + k + "]", "is an object with service_id, stakeholder_channel_id and tech_channel_id");
                }
                for (Object key : s.keySet()) {
                    if (!SERVICE_FIELDS.contains(String.valueOf(key))) {
                        throw new InvalidInputException("services[" + k + "]." + key, "unknown field; use service_id, stakeholder_channel_id, tech_channel_id");
                    }
                }
                services.add(new IncidentSettings.ServiceInput(text("services[" + k + "].service_id", s.get("service_id")),
                        text("services[" + k + "].stakeholder_channel_id", s.get("stakeholder_channel_id")),
                        text("services[" + k + "].tech_channel_id", s.get("tech_channel_id"))));
            }
        } else if (body.containsKey("services")) {
            services = List.of();
        }
        return SettingsJson.of(comms.saveSettings(actor, org, new IncidentSettings.Update(
                body.containsKey("situation_room_url"), text("situation_room_url", body.get("situation_room_url")),
                body.containsKey("stakeholder_channel_id"), text("stakeholder_channel_id", body.get("stakeholder_channel_id")),
                body.containsKey("tech_channel_id"), text("tech_channel_id", body.get("tech_channel_id")), services)));
    }

    @GetMapping({"/api/0/organizations/{org}/incidents/{number}/status-updates/", "/api/0/organizations/{org}/incidents/{number}/status-updates"})
    ResponseEntity<List<UpdateJson>> updates(Actor actor, HttpServletRequest request, @PathVariable String org, @PathVariable String number,
            PageRequest page) {
        IncidentComms.Updates updates = comms.updates(actor, org, number, page.offset(), page.perPage());
        return paging.respond(request, updates.page(), u -> UpdateJson.of(updates.number(), u));
    }

    /** {@code {"message", "stage"?}}: posts it to the incident, its stakeholder channel and its subscribers. */
    @PostMapping({"/api/0/organizations/{org}/incidents/{number}/status-updates/", "/api/0/organizations/{org}/incidents/{number}/status-updates"})
    ResponseEntity<PostedJson> post(Actor actor, @PathVariable String org, @PathVariable String number, @RequestBody NewUpdate body) {
        IncidentComms.Posted p = comms.post(actor, org, number, body.message(), body.stage());
        StatusUpdate u = p.update();
        return ResponseEntity.status(HttpStatus.CREATED).body(new PostedJson(Long.toString(u.id()), p.incident().number(), u.at().toString(),
                u.stage(), u.message(), u.postedBy() == null ? null : new UserRef(u.postedBy().toString()),
                p.channel() == null ? null : new ChannelRef(Long.toString(p.channel().id()), p.channel().name(), p.channel().kind().id()),
                p.emailed()));
    }

    @GetMapping({"/api/0/organizations/{org}/incidents/{number}/subscribers/", "/api/0/organizations/{org}/incidents/{number}/subscribers"})
    ResponseEntity<List<SubscriberJson>> subscribers(Actor actor, HttpServletRequest request, @PathVariable String org,
            @PathVariable String number, PageRequest page) {
        return paging.respond(request, comms.subscribers(actor, org, number, page.offset(), page.perPage()), SubscriberJson::of);
    }

    /** {@code {"email"}} or an empty body for the caller: 201 when added, 200 when it was subscribed already. */
    @PostMapping({"/api/0/organizations/{org}/incidents/{number}/subscribers/", "/api/0/organizations/{org}/incidents/{number}/subscribers"})
    ResponseEntity<SubscriberJson> subscribe(Actor actor, @PathVariable String org, @PathVariable String number,
            @RequestBody(required = false) SubscriberBody body) {
        IncidentComms.Subscribed s = comms.subscribe(actor, org, number, body == null ? null : body.email());
        return ResponseEntity.status(s.added() ? HttpStatus.CREATED : HttpStatus.OK).body(SubscriberJson.of(s.subscriber()));
    }

    /** {@code ?email=} (or a body with it) for another address, nothing for the caller. */
    @DeleteMapping({"/api/0/organizations/{org}/incidents/{number}/subscribers/", "/api/0/organizations/{org}/incidents/{number}/subscribers"})
    ResponseEntity<Void> unsubscribe(Actor actor, @PathVariable String org, @PathVariable String number,
            @RequestParam(name = "email", required = false) String email, @RequestBody(required = false) SubscriberBody body) {
        comms.unsubscribe(actor, org, number, email != null ? email : body == null ? null : body.email());
        return ResponseEntity.noContent().build();
    }

    private static String text(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Long.toString(n.longValue());
        }
        throw new InvalidInputException(field, "is a string or a whole number, got " + value.getClass().getSimpleName().toLowerCase());
    }

    private static String id(Long id) {
        return id == null ? null : id.toString();
    }
}
