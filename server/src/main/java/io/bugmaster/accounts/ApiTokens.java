package io.bugmaster.accounts;

import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Secrets;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * API tokens: 64 hex characters (the format sentry-cli accepts), shown once, stored as SHA-256.
 * A token acts for its user, limited to its scopes.
 */
@Service
public class ApiTokens {
    private final ApiTokenStore store;
    private final UserStore users;
    private final Transactions tx;
    private final Clock clock;

    public ApiTokens(ApiTokenStore store, UserStore users, Transactions tx, Clock clock) {
        this.store = store;
        this.users = users;
        this.tx = tx;
        this.clock = clock;
    }

    /** A new token and its one-time plain text. */
    public record Created(ApiToken token, String plainText) {}

    public Created create(Actor actor, String name, Collection<String> scopes, Instant expiresAt) {
        if (actor.viaToken()) {
            throw new ForbiddenException("API tokens can only be created from a logged-in session, not with another token");
        }
        String validName = name == null || name.isBlank() ? "API token" : Validation.name("name", name);
        Set<String> validScopes = Scopes.validate("scopes", scopes);
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw new InvalidInputException("expiresAt", "must be in the future");
        }
        String plain = Secrets.randomHex(32);
        ApiToken token = tx.write(() -> store.insert(actor.userId(), validName, Secrets.sha256Hex(plain),
                hint(plain), validScopes, expiresAt, clock.instant()));
        return new Created(token, plain);
    }

    /** Stores a token the admin chose (BUGMASTER_ADMIN_TOKEN), so scripts and CI know it in advance. */
    ApiToken importToken(long userId, String name, String plain, List<String> scopes) {
        if (plain.length() < 16) {
            throw new InvalidInputException("BUGMASTER_ADMIN_TOKEN", "must be at least 16 characters");
        }
        Set<String> validScopes = Scopes.validate("scopes", scopes);
        return tx.write(() -> store.findByHash(Secrets.sha256Hex(plain))
                .orElseGet(() -> store.insert(userId, name, Secrets.sha256Hex(plain), hint(plain), validScopes, null,
                        clock.instant())));
    }

    public List<ApiToken> list(Actor actor) {
        return store.listForUser(actor.userId());
    }

    public void delete(Actor actor, String tokenId) {
        boolean deleted = OrganizationService.parseId(tokenId)
                .map(id -> tx.write(() -> store.delete(actor.userId(), id))).orElse(false);
        if (!deleted) {
            throw new NotFoundException("token '" + tokenId + "' not found");
        }
    }

    /** The caller a bearer token stands for, if the token is known, unexpired, and its user active. */
    public Optional<Actor> authenticate(String plain) {
        if (plain == null || plain.isBlank() || plain.length() > 256) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.findByHash(Secrets.sha256Hex(plain.trim()))
                .filter(token -> token.expiresAt() == null || now.isBefore(token.expiresAt()))
                .flatMap(token -> users.findById(token.userId())
                        .filter(User::active)
                        .map(user -> {
                            if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minusSeconds(60))) {
                                tx.write(() -> store.touch(token.id(), now));
                            }
                            return new Actor(user.id(), user.email(), token.scopes());
                        }));
    }

    private static String hint(String plain) {
        return plain.substring(plain.length() - 4);
    }
}
