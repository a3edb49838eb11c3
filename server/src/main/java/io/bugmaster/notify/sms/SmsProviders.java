package io.bugmaster.notify.sms;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.notify.OutboundHttp;
import io.bugmaster.notify.SecretBox;
import io.bugmaster.storage.Transactions;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * The SMS provider setting of each organization: members with {@code org:write} set it; the token
 * is encrypted before it is stored and shown masked. Delivery reads it to send; the inbound reply
 * endpoint reads it to check a reply's signature.
 */
@Service
public class SmsProviders {
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_TOKEN = 200;

    private final OrganizationService organizations;
    private final SmsProviderStore store;
    private final SecretBox box;
    private final OutboundHttp outbound;
    private final Transactions tx;
    private final Clock clock;

    public SmsProviders(OrganizationService organizations, SmsProviderStore store, SecretBox box, OutboundHttp outbound, Transactions tx,
            Clock clock) {
        this.organizations = organizations;
        this.store = store;
        this.box = box;
        this.outbound = outbound;
        this.tx = tx;
        this.clock = clock;
    }

    /** What an admin sends; a blank token keeps the stored one. */
    public record Change(String baseUrl, String accountSid, String authToken, String fromNumber) {}

    /** The organization's provider, for whoever may read the organization's settings. */
    public Optional<SmsProvider> get(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug);
        return provider(access.org().id());
    }

    public SmsProvider set(Actor actor, String orgSlug, Change change) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        long orgId = access.org().id();
        Optional<SmsProvider> previous = provider(orgId);
        String baseUrl = required("base_url", change.baseUrl());
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("base_url", "is not a valid URL");
        }
        outbound.policy().refuseUrl(uri).ifPresent(why -> {
            throw new InvalidInputException("base_url", why);
        });
        String sid = required("account_sid", change.accountSid());
        if (!SID.matcher(sid).matches()) {
            throw new InvalidInputException("account_sid", "must be letters and digits (your provider's account SID, AC...)");
        }
        String token = change.authToken() == null || change.authToken().isBlank()
                ? previous.map(SmsProvider::authToken).orElseThrow(() -> new InvalidInputException("auth_token", "is required"))
                : change.authToken().strip();
        if (token.length() > MAX_TOKEN || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new InvalidInputException("auth_token", "must be at most " + MAX_TOKEN + " printable ASCII characters");
        }
        String from = required("from_number", change.fromNumber()).replace(" ", "");
        if (!SmsProvider.E164.matcher(from).matches()) {
            throw new InvalidInputException("from_number", "must be a phone number in E.164 form, such as +14155550100");
        }
        tx.write(() -> store.upsert(orgId, baseUrl, sid, box.encrypt(token, context(orgId)), from, clock.instant()));
        return provider(orgId).orElseThrow();
    }

    public void delete(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        tx.write(() -> store.delete(access.org().id()));
    }

    /** The provider of an organization, token decrypted: to send (no caller to check). */
    public Optional<SmsProvider> provider(long orgId) {
        return tx.read(() -> store.find(orgId)).map(this::open);
    }

    /** The providers that send from {@code number}: an SMS reply to that number is for one of their organizations. */
    public List<SmsProvider> byFromNumber(String number) {
        return tx.read(() -> store.byFromNumber(number)).stream().map(this::open).toList();
    }

    private SmsProvider open(SmsProviderStore.Row row) {
        return new SmsProvider(row.orgId(), row.baseUrl(), row.accountSid(), box.decrypt(row.encryptedToken(), context(row.orgId())),
                row.fromNumber());
    }

    private static String context(long orgId) {
        return "sms_provider:" + orgId;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        return value.strip();
    }
}
