package io.bugmaster.accounts.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bugmaster.BugmasterProperties;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/** A project's DSN keys ("client keys"); a key is addressed by its public key, as in Sentry. */
@ApiController
@RequestMapping("/api/0/projects/{org}/{project}")
class ProjectKeysApi {
    private final ProjectService projects;
    private final Paging paging;
    private final String baseUrl;

    ProjectKeysApi(ProjectService projects, Paging paging, BugmasterProperties props) {
        this.projects = projects;
        this.paging = paging;
        this.baseUrl = props.baseUrlTrimmed();
    }

    /** {@code count} events per {@code window} seconds. */
    record RateLimitBody(Integer window, Integer count) {
        ProjectService.RateLimit toRateLimit() {
            return new ProjectService.RateLimit(count, window);
        }
    }

    record CreateKey(String name, RateLimitBody rateLimit) {}

    /** A key change; a field left out keeps its value, {@code "rateLimit": null} removes the limit. */
    static final class UpdateKey {
        private String name;
        private Boolean isActive;
        private RateLimitBody rateLimit;
        private boolean rateLimitGiven;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        @JsonProperty("isActive")
        public Boolean getIsActive() {
            return isActive;
        }

        @JsonProperty("isActive")
        public void setIsActive(Boolean isActive) {
            this.isActive = isActive;
        }

        public RateLimitBody getRateLimit() {
            return rateLimit;
        }

        public void setRateLimit(RateLimitBody rateLimit) {
            this.rateLimit = rateLimit;
            this.rateLimitGiven = true;
        }

        ProjectService.RateLimit rateLimitChange() {
            if (!rateLimitGiven) {
                return null;
            }
            return rateLimit == null ? ProjectService.RateLimit.NONE : rateLimit.toRateLimit();
        }
    }

    @GetMapping({"/keys/", "/keys"})
    ResponseEntity<List<AccountsJson.KeyJson>> list(Actor actor, HttpServletRequest request, @PathVariable String org,
            @PathVariable String project, PageRequest page) {
        var keys = projects.listKeys(actor, org, project);
        return paging.respond(request, Paging.slice(keys, page), key -> AccountsJson.key(key, baseUrl));
    }

    @PostMapping({"/keys/", "/keys"})
    ResponseEntity<AccountsJson.KeyJson> create(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestBody CreateKey body) {
        var limit = body.rateLimit() == null ? null : body.rateLimit().toRateLimit();
        var key = projects.createKey(actor, org, project, body.name(), limit);
        return ResponseEntity.status(HttpStatus.CREATED).body(AccountsJson.key(key, baseUrl));
    }

    @GetMapping({"/keys/{keyId}/", "/keys/{keyId}"})
    AccountsJson.KeyJson get(Actor actor, @PathVariable String org, @PathVariable String project,
            @PathVariable String keyId) {
        return AccountsJson.key(projects.getKey(actor, org, project, keyId), baseUrl);
    }

    @PutMapping({"/keys/{keyId}/", "/keys/{keyId}"})
    AccountsJson.KeyJson update(Actor actor, @PathVariable String org, @PathVariable String project,
            @PathVariable String keyId, @RequestBody UpdateKey body) {
        var key = projects.updateKey(actor, org, project, keyId, body.getName(), body.getIsActive(), body.rateLimitChange());
        return AccountsJson.key(key, baseUrl);
    }

    @DeleteMapping({"/keys/{keyId}/", "/keys/{keyId}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org, @PathVariable String project,
            @PathVariable String keyId) {
        projects.deleteKey(actor, org, project, keyId);
        return ResponseEntity.noContent().build();
    }

    /** Bugmaster's own: a new key replacing a leaked one, which is disabled. Answers with the new key. */
    @PostMapping({"/keys/{keyId}/rotate/", "/keys/{keyId}/rotate"})
    ResponseEntity<AccountsJson.KeyJson> rotate(Actor actor, @PathVariable String org, @PathVariable String project,
            @PathVariable String keyId) {
        var key = projects.rotateKey(actor, org, project, keyId);
        return ResponseEntity.status(HttpStatus.CREATED).body(AccountsJson.key(key, baseUrl));
    }
}
