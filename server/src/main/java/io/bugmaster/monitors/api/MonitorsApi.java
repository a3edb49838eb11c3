package io.bugmaster.monitors.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.MonitorConfigJson;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorState;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.monitors.Schedule;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Monitors in Sentry's shapes ({@code /api/0/organizations/{org}/monitors/}, their check-ins), with
 * Bugmaster's kinds of check ({@code type}: sql, metric, volume), their results, and our state
 * ({@code state}, {@code state_reason}, {@code said}) and ping URLs. A PUT changes what it names;
 * {@code status: disabled} pauses, {@code active} resumes, {@code isMuted} mutes.
 */
@ApiController
@RequestMapping("/api/0/organizations/{org}/monitors")
class MonitorsApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Monitors monitors;
    private final Paging paging;

    MonitorsApi(Monitors monitors, Paging paging) {
        this.monitors = monitors;
        this.paging = paging;
    }

    @GetMapping({"/", ""})
    ResponseEntity<List<Map<String, Object>>> list(Actor actor, HttpServletRequest request, @PathVariable String org, PageRequest page) {
        List<Monitor> all = monitors.list(actor, org);
        return paging.respond(request, Paging.slice(all, page), this::json);
    }

    @PostMapping({"/", ""})
    ResponseEntity<Map<String, Object>> create(Actor actor, @PathVariable String org, @RequestBody JsonNode body) {
        monitors.writer(actor, org);
        MonitorBody.Parsed p = MonitorBody.read(body, null);
        Monitor m = monitors.create(actor, org, p.project(), p.slug(), p.settings());
        m = status(actor, org, m, p);
        return ResponseEntity.status(HttpStatus.CREATED).body(json(m));
    }

    @GetMapping({"/{slug}/", "/{slug}"})
    Map<String, Object> get(Actor actor, @PathVariable String org, @PathVariable String slug) {
        return json(monitors.get(actor, org, slug));
    }

    @PutMapping({"/{slug}/", "/{slug}"})
    Map<String, Object> update(Actor actor, @PathVariable String org, @PathVariable String slug, @RequestBody JsonNode body) {
        monitors.writer(actor, org);
        Monitor current = monitors.get(actor, org, slug);
        MonitorBody.Parsed p = MonitorBody.read(body, current);
        if (!current.slug().equals(p.slug())) {
            throw new InvalidInputException("slug", "a monitor's slug cannot change (its check-ins name it): make a new monitor");
        }
        Monitor m = monitors.update(actor, org, slug, p.settings());
        return json(status(actor, org, m, p));
    }

    @DeleteMapping({"/{slug}/", "/{slug}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org, @PathVariable String slug) {
        monitors.delete(actor, org, slug);
        return ResponseEntity.noContent().build();
    }

    @GetMapping({"/{slug}/checkins/", "/{slug}/checkins"})
    ResponseEntity<List<Map<String, Object>>> checkIns(Actor actor, HttpServletRequest request, @PathVariable String org,
            @PathVariable String slug, PageRequest page) {
        Monitor m = monitors.get(actor, org, slug);
        return paging.respond(request, monitors.checkIns(m, page.offset(), page.perPage()), MonitorsApi::checkIn);
    }

    @GetMapping({"/{slug}/results/", "/{slug}/results"})
    ResponseEntity<List<Map<String, Object>>> results(Actor actor, HttpServletRequest request, @PathVariable String org,
            @PathVariable String slug, PageRequest page) {
        Monitor m = monitors.get(actor, org, slug);
        return paging.respond(request, monitors.results(m, page.offset(), page.perPage()), MonitorsApi::result);
    }

    private Monitor status(Actor actor, String org, Monitor m, MonitorBody.Parsed p) {
        if (p.muted() != null && p.muted() != m.muted()) {
            m = monitors.mute(actor, org, m.slug(), p.muted());
        }
        if (p.active() != null && p.active() != (m.state() != MonitorState.PAUSED)) {
            m = p.active() ? monitors.resume(actor, org, m.slug()) : monitors.pause(actor, org, m.slug());
        }
        return m;
    }

    private Map<String, Object> json(Monitor m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", Long.toString(m.id()));
        out.put("slug", m.slug());
        out.put("name", m.name());
        out.put("status", m.state() == MonitorState.PAUSED ? "disabled" : "active");
        out.put("isMuted", m.muted());
        out.put("type", MonitorBody.typeOf(m.kind()));
        out.put("config", config(m.config()));
        out.put("project", Map.of("id", Long.toString(m.projectId()), "slug", monitors.projectSlug(m)));
        out.put("environments", m.kind() == MonitorKind.CRON && m.lastCheckinAt() != null ? List.of(environment(m)) : List.of());
        out.put("dateCreated", m.createdAt().toString());
        out.put("lastCheckIn", time(m.lastCheckinAt()));
        out.put("state", m.state().id());
        out.put("state_since", m.stateSince().toString());
        out.put("state_reason", m.stateReason());
        out.put("said", m.lastSaid());
        out.put("last_value", m.lastValue());
        out.put("next_due_at", time(m.nextDueAt()));
        out.put("severity", m.severity());
        out.put("service_id", m.serviceId() == null ? null : m.serviceId().toString());
        out.put("create_issue", m.createIssue());
        if (m.kind() == MonitorKind.CRON) {
            Monitors.PingUrls urls = monitors.pingUrls(m);
            out.put("ping_urls", Map.of("uuid", urls.byUuid(), "slug", urls.bySlug()));
        }
        return out;
    }

    /** Sentry's config: {@code schedule_type} and {@code schedule} ([2, "hour"] for an interval) and the rest as stored. */
    private static Map<String, Object> config(MonitorConfig c) {
        Map<String, Object> out = new LinkedHashMap<>();
        Schedule s = c.schedule();
        out.put("schedule_type", s.type().id());
        out.put("schedule", s.type() == Schedule.Type.CRONTAB ? s.value() : List.of(Long.parseLong(s.value()), s.unit()));
        JsonNode stored = MonitorConfigJson.toJson(c);
        for (String field : List.of("checkin_margin", "max_runtime", "timezone", "failure_issue_threshold", "recovery_threshold", "sql",
                "metric", "volume")) {
            if (stored.has(field)) {
                out.put(field, stored.get(field));
            }
        }
        return out;
    }

    /** Sentry's monitor environment: its status, the last check-in and the next one expected. */
    private static Map<String, Object> environment(Monitor m) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("name", "production");
        env.put("status", switch (m.state()) {
            case NEW -> "active";
            case UP, LATE -> "ok";
            case PAUSED -> "disabled";
            case DOWN -> "missed".equals(m.stateReason()) ? "missed_checkin" : "timeout".equals(m.stateReason()) ? "timeout" : "error";
        });
        env.put("isMuted", m.muted());
        env.put("lastCheckIn", time(m.lastCheckinAt()));
        env.put("nextCheckIn", time(m.nextDueAt()));
        return env;
    }

    /** Sentry's check-in: {@code duration} in milliseconds; ours: exit code, output, source. */
    static Map<String, Object> checkIn(MonitorStore.CheckIn c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.checkInId());
        out.put("status", c.status());
        out.put("duration", c.duration() == null ? null : Math.round(c.duration() * 1000));
        out.put("dateCreated", c.receivedAt().toString());
        out.put("dateFinished", time(c.finishedAt()));
        out.put("environment", c.environment());
        out.put("expectedTime", null);
        out.put("exit_code", c.exitCode());
        out.put("output", c.output());
        out.put("source", c.source());
        return out;
    }

    static Map<String, Object> result(MonitorStore.Result r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", Long.toString(r.id()));
        out.put("dateCreated", r.at().toString());
        out.put("outcome", r.outcome());
        out.put("value", r.value());
        out.put("records", r.records());
        out.put("duration", r.durationMs());
        out.put("detail", detail(r.detail()));
        return out;
    }

    private static JsonNode detail(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (RuntimeException e) {
            return JSON.getNodeFactory().stringNode(text);
        }
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
