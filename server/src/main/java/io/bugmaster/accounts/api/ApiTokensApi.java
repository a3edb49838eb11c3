package io.bugmaster.accounts.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ApiTokens;
import java.time.Instant;
import java.util.List;
import io.bugmaster.web.api.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The caller's own API tokens. Creating one needs a logged-in session (the web UI), so over this
 * bearer-only API a POST is refused with 403; listing and revoking work with a token.
 */
@ApiController
@RequestMapping("/api/0/api-tokens")
class ApiTokensApi {
    private final ApiTokens tokens;

    ApiTokensApi(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record CreateToken(String name, List<String> scopes, Instant expiresAt) {}

    @GetMapping({"/", ""})
    List<AccountsJson.TokenJson> list(Actor actor) {
        return tokens.list(actor).stream().map(token -> AccountsJson.token(token, null)).toList();
    }

    @PostMapping({"/", ""})
    ResponseEntity<AccountsJson.TokenJson> create(Actor actor, @RequestBody CreateToken body) {
        var created = tokens.create(actor, body.name(), body.scopes(), body.expiresAt());
        return ResponseEntity.status(HttpStatus.CREATED).body(AccountsJson.token(created.token(), created.plainText()));
    }

    @DeleteMapping({"/{tokenId}/", "/{tokenId}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String tokenId) {
        tokens.delete(actor, tokenId);
        return ResponseEntity.noContent().build();
    }
}
