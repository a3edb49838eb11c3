package io.bugmaster.notify.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelConfigs;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.Delivery;
import io.bugmaster.notify.DeliveryStatus;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/** Notification channels of an organization: Slack, Mattermost, Discord, Teams, email, webhook, PagerDuty. */
@ApiController
@RequestMapping("/api/0/organizations/{org}/notification-channels")
class NotificationChannelsApi {
    private final ChannelService channels;
    private final Paging paging;

    NotificationChannelsApi(ChannelService channels, Paging paging) {
        this.channels = channels;
        this.paging = paging;
    }

    /** {@code warnings}: what keeps the channel from delivering that its settings cannot fix (an email channel without SMTP). */
    record ChannelJson(String id, String name, String kind, boolean enabled, String disabledReason, String dateCreated,
            Map<String, String> config, List<String> warnings) {
        static ChannelJson of(Channel c, List<String> warnings) {
            return new ChannelJson(Long.toString(c.id()), c.name(), c.kind().id(), c.enabled(), c.disabledReason(),
                    c.createdAt().toString(), ChannelConfigs.masked(c.kind(), c.config()), warnings);
        }
    }

    private ChannelJson json(Channel c) {
        return ChannelJson.of(c, channels.warnings(c));
    }

    record DeliveryJson(String id, String idempotencyKey, int attempt, String status, Integer httpStatus, String error,
            String messageRef, String dateCreated) {
        static DeliveryJson of(Delivery d) {
            return new DeliveryJson(Long.toString(d.id()), d.idempotencyKey(), d.attempt(), d.status().id(), d.httpStatus(),
                    d.error(), d.messageRef(), d.createdAt().toString());
        }
    }

    record TestJson(boolean ok, String status, Integer httpStatus, String detail, Long retryAfter, DeliveryJson delivery) {}

    @GetMapping({"/", ""})
    ResponseEntity<List<ChannelJson>> list(Actor actor, HttpServletRequest request, @PathVariable String org,
            PageRequest page) {
        return paging.respond(request, channels.list(actor, org, page.offset(), page.perPage()), this::json);
    }

    @PostMapping({"/", ""})
    ResponseEntity<ChannelJson> create(Actor actor, @PathVariable String org, @RequestBody ChannelService.NewChannel body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(json(channels.create(actor, org, body)));
    }

    @GetMapping({"/{id}/", "/{id}"})
    ChannelJson get(Actor actor, @PathVariable String org, @PathVariable String id) {
        return json(channels.get(actor, org, id));
    }

    @PutMapping({"/{id}/", "/{id}"})
    ChannelJson update(Actor actor, @PathVariable String org, @PathVariable String id, @RequestBody ChannelService.ChannelUpdate body) {
        return json(channels.update(actor, org, id, body));
    }

    /** An alert rule that notified a deleted channel: its action to it is gone, and {@code disabled} if it had no other. */
    record ChangedRuleJson(String id, String name, boolean disabled) {}

    /** What deleting a channel changed, so a client need not look for rules left without it. */
    record DeletedJson(List<ChangedRuleJson> alertRulesChanged) {}

    /**
     * Deletes the channel and answers 200 with the alert rules that lost their action to it (each
     * turned off if that was its only action), all in one transaction.
     */
    @DeleteMapping({"/{id}/", "/{id}"})
    DeletedJson delete(Actor actor, @PathVariable String org, @PathVariable String id) {
        return new DeletedJson(channels.delete(actor, org, id).stream()
                .map(u -> new ChangedRuleJson(Long.toString(u.id()), u.name(), u.disabled())).toList());
    }

    /** Sends a test notification now and answers 200 with how it went ({@code ok} false when the receiver failed). */
    @PostMapping({"/{id}/test/", "/{id}/test"})
    TestJson test(Actor actor, @PathVariable String org, @PathVariable String id) {
        ChannelService.TestResult result = channels.test(actor, org, id);
        Delivery d = result.delivery();
        return new TestJson(d.status() == DeliveryStatus.DELIVERED, d.status().id(), d.httpStatus(), result.detail(),
                result.retryAfterSeconds(), DeliveryJson.of(d));
    }

    @GetMapping({"/{id}/deliveries/", "/{id}/deliveries"})
    ResponseEntity<List<DeliveryJson>> deliveries(Actor actor, HttpServletRequest request, @PathVariable String org,
            @PathVariable String id, PageRequest page) {
        return paging.respond(request, channels.deliveries(actor, org, id, page.offset(), page.perPage()), DeliveryJson::of);
    }
}
