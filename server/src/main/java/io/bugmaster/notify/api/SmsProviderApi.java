package io.bugmaster.notify.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bugmaster.BugmasterProperties;
import io.bugmaster.accounts.Actor;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.notify.sms.SmsProvider;
import io.bugmaster.notify.sms.SmsProviders;
import io.bugmaster.web.api.ApiController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The organization's Twilio-compatible SMS provider; the token is shown masked, and {@code inbound_url}
 * is where the provider posts replies ("ack 42").
 */
@ApiController
@RequestMapping("/api/0/organizations/{org}/sms-provider")
class SmsProviderApi {
    /** Where replies arrive; inbound/sms serves it. */
    static final String INBOUND_PATH = "/inbound/sms/twilio";

    private final SmsProviders providers;
    private final String baseUrl;

    SmsProviderApi(SmsProviders providers, BugmasterProperties props) {
        this.providers = providers;
        this.baseUrl = props.baseUrlTrimmed();
    }

    record ProviderJson(@JsonProperty("base_url") String baseUrl, @JsonProperty("account_sid") String accountSid,
            @JsonProperty("auth_token") String authToken, @JsonProperty("from_number") String fromNumber,
            @JsonProperty("inbound_url") String inboundUrl) {}

    record ProviderInput(@JsonProperty("base_url") String baseUrl, @JsonProperty("account_sid") String accountSid,
            @JsonProperty("auth_token") String authToken, @JsonProperty("from_number") String fromNumber) {}

    private ProviderJson json(SmsProvider p) {
        return new ProviderJson(p.baseUrl(), p.accountSid(), p.maskedToken(), p.fromNumber(), baseUrl + INBOUND_PATH);
    }

    @GetMapping({"/", ""})
    ProviderJson get(Actor actor, @PathVariable String org) {
        return json(providers.get(actor, org).orElseThrow(() -> new NotFoundException("the organization has no SMS provider")));
    }

    /** Sets the provider; a missing or blank {@code auth_token} keeps the stored one. */
    @PutMapping({"/", ""})
    ProviderJson put(Actor actor, @PathVariable String org, @RequestBody ProviderInput body) {
        ProviderInput in = body == null ? new ProviderInput(null, null, null, null) : body;
        return json(providers.set(actor, org, new SmsProviders.Change(in.baseUrl(), in.accountSid(), in.authToken(), in.fromNumber())));
    }

    @DeleteMapping({"/", ""})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org) {
        providers.delete(actor, org);
        return ResponseEntity.noContent().build();
    }
}
