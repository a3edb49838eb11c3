package io.bugmaster.monitors.cron;

import io.bugmaster.accounts.DsnKeys;
import io.bugmaster.monitors.MonitorService;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sentry's HTTP check-in: {@code GET|POST /api/<project id>/cron/<monitor slug>/<public key>/?status=
 * in_progress|ok|error}, with {@code check_in_id} (to end a run started before), {@code environment}
 * and {@code duration} (milliseconds here, unlike the envelope's seconds). The project's DSN public
 * key authenticates it. Answers 202 {@code {"id": "<check_in_id>"}} like Sentry; errors
 * {@code {"detail": ...}}.
 */
@RestController
class SentryHttpCheckIn {
    private static final Pattern CHECK_IN_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern ENVIRONMENT = Pattern.compile("[^/\\r\\n\\x0c]{1,64}");
    private static final double MAX_DURATION_MS = 365.0 * 24 * 3600 * 1000;

    private final DsnKeys keys;
    private final SentryCheckIns checkIns;
    private final CheckInRate rate;
    private final Clock clock;

    SentryHttpCheckIn(DsnKeys keys, SentryCheckIns checkIns, CheckInRate rate, Clock clock) {
        this.keys = keys;
        this.checkIns = checkIns;
        this.rate = rate;
        this.clock = clock;
    }

    @RequestMapping(path = {"/api/{projectId}/cron/{slug}/{key}", "/api/{projectId}/cron/{slug}/{key}/"},
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Map<String, String>> checkIn(@PathVariable String projectId, @PathVariable String slug, @PathVariable String key,
            @RequestParam(required = false) String status, @RequestParam(name = "check_in_id", required = false) String checkInId,
            @RequestParam(required = false) String environment, @RequestParam(required = false) String duration) {
        long project;
        try {
            project = Long.parseLong(projectId);
        } catch (NumberFormatException e) {
            return detail(HttpStatus.NOT_FOUND, "not found");
        }
        long retry = rate.take("sentry/" + projectId + "/" + key + "/" + slug);
        if (retry > 0) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(retry))
                    .body(Map.of("detail", "rate limited: too many check-ins to this monitor; retry in " + retry + " s"));
        }
        Optional<DsnKeys.KeyInfo> info = keys.find(key).filter(k -> k.active() && k.projectId() == project);
        if (info.isEmpty()) {
            return detail(HttpStatus.UNAUTHORIZED, "unknown or disabled DSN public key for project " + project);
        }
        if (slug.length() > 50 || !MonitorService.SLUG.matcher(slug).matches()) {
            return detail(HttpStatus.BAD_REQUEST, "a monitor's slug is 1 to 50 lower-case letters, digits, '-' or '_'");
        }
        String state = status == null ? "" : status.toLowerCase(Locale.ROOT);
        if (!List.of("in_progress", "ok", "error").contains(state)) {
            return detail(HttpStatus.BAD_REQUEST, "status is in_progress, ok or error");
        }
        String id = null;
        if (checkInId != null && !checkInId.isEmpty()) {
            id = checkInId.toLowerCase(Locale.ROOT).replace("-", "");
            if (!CHECK_IN_ID.matcher(id).matches()) {
                return detail(HttpStatus.BAD_REQUEST, "check_in_id is a UUID (32 hex digits, dashes allowed)");
            }
        }
        Double seconds = null;
        if (duration != null && !duration.isEmpty()) {
            try {
                double ms = Double.parseDouble(duration);
                if (!(ms >= 0 && ms <= MAX_DURATION_MS)) {
                    throw new NumberFormatException();
                }
                seconds = ms / 1000.0;
            } catch (NumberFormatException e) {
                return detail(HttpStatus.BAD_REQUEST, "duration is a number of milliseconds from 0 to a year");
            }
        }
        String env = environment == null || environment.isBlank() ? "production" : environment.strip();
        if (!ENVIRONMENT.matcher(env).matches()) {
            return detail(HttpStatus.BAD_REQUEST, "environment is 1 to 64 characters without '/' or line breaks");
        }
        if (id == null && "in_progress".equals(state)) {
            id = CronRuns.newCheckInId();
        }
        List<String> ids = checkIns.record(project, List.of(new SentryCheckIns.CheckIn(slug, id, state, seconds, null, env, null)),
                clock.instant(), "http");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", ids.isEmpty() || ids.get(0) == null ? "" : dashed(ids.get(0))));
    }

    /** Sentry answers with the check-in's id as a dashed UUID. */
    private static String dashed(String hex) {
        return hex.length() != 32 ? hex : hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    private static ResponseEntity<Map<String, String>> detail(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(Map.of("detail", detail));
    }
}
