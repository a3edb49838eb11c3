package io.bugmaster.issues.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.issues.SavedSearch;
import io.bugmaster.issues.SavedSearchService;
import io.bugmaster.web.api.ApiController;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.JsonNode;

/**
 * Sentry's saved searches of an organization's issue stream: list, create, delete. Reading needs
 * {@code org:read}; saving one's own search {@code org:read} as a member or above; sharing with the
 * organization, or deleting a shared search, {@code org:write}.
 */
@ApiController
@RequestMapping("/api/0")
class SavedSearchesApi {
    private final SavedSearchService searches;

    SavedSearchesApi(SavedSearchService searches) {
        this.searches = searches;
    }

    /** Sentry's shape; {@code type} 0 is the issue stream, {@code isGlobal} is for Sentry's built-in searches. */
    record SavedSearchJson(String id, int type, String name, String query, String sort, String visibility,
            Instant dateCreated, boolean isGlobal, boolean isPinned) {
        static SavedSearchJson of(SavedSearch s) {
            return new SavedSearchJson(String.valueOf(s.id()), 0, s.name(), s.query(), s.sort(), s.visibility(), s.createdAt(),
                    false, false);
        }
    }

    @GetMapping({"/organizations/{org}/searches/", "/organizations/{org}/searches"})
    List<SavedSearchJson> list(Actor actor, @PathVariable String org) {
        return searches.list(actor, org).stream().map(SavedSearchJson::of).toList();
    }

    @PostMapping({"/organizations/{org}/searches/", "/organizations/{org}/searches"})
    ResponseEntity<SavedSearchJson> create(Actor actor, @PathVariable String org, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(null, "expected a JSON object with name, query, sort and visibility");
        }
        JsonNode type = body.get("type");
        if (type != null && !type.isNull() && !(type.isIntegralNumber() && type.longValue() == 0)) {
            throw new InvalidInputException("type", "only 0 (issue searches) is supported");
        }
        SavedSearch.Input input = SavedSearch.Input.validate(string(body, "name"), string(body, "query"), string(body, "sort"),
                string(body, "visibility"));
        return ResponseEntity.status(HttpStatus.CREATED).body(SavedSearchJson.of(searches.create(actor, org, input)));
    }

    @DeleteMapping({"/organizations/{org}/searches/{id}/", "/organizations/{org}/searches/{id}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org, @PathVariable String id) {
        searches.delete(actor, org, id);
        return ResponseEntity.noContent().build();
    }

    private static String string(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidInputException(field, "expected a string, got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return node.asString();
    }
}
