package io.bugmaster.incidents;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.timeline.TimelineNotes;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The timeline on an incident's page in Chromium, as someone in Tokyo sees it: every time in the
 * browser's zone with the UTC time on hover, a note added with a time typed in local time (stored
 * as the UTC instant it means), pinned into the "Pinned" box, its text changed; hostile text shown
 * as text; no CSP violation.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class TimelineBrowserSqliteTest extends BrowserTest {
    static final String PASSWORD = "timeline-browser-password";
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Autowired Services services;
    @Autowired IncidentIntake intake;
    @Autowired Incidents incidents;
    @Autowired JdbcClient db;
    @Autowired TimelineNotes notes;

    @Test
    void timesAreLocalWithUtcOnHoverAndNotesAreAddedPinnedAndEditedWithoutScriptInjection() {
        engine.runOnce();
        Tenant t = newTenant();
        User ana = newUser(PASSWORD);
        join(t.owner(), t.org().slug(), ana, Role.MEMBER);
        ServiceDefinition s = services.create(t.owner(), t.org().slug(), Map.of("name", "Orders"));
        Services.IssuedKey key = services.createIntegration(t.owner(), t.org().slug(), Long.toString(s.id()), "events_api_v2", null);
        intake.apply(intake.integrationByKey(key.integrationKey()).orElseThrow(), new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER,
                "orders", "Brands see no orders", "test", "critical", null, null, null, null, Map.of(), List.of(), null, null));
        Incident incident = incidents.get(Actor.session(ana.id(), ana.email()), t.org().slug(), "1").incident();
        Instant opened = incident.createdAt();
        clock.advance(Duration.ofMinutes(30));
        String hostile = "Rolled back <img src=x onerror=alert(1)> </li><script>alert(2)</script>";

        try (BrowserContext context = newContext("Asia/Tokyo")) {
            List<String> errors = errors();
            Page page = newPage(context, errors);
            logIn(page, ana.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + t.org().slug() + "/incidents/1");
            Locator triggered = page.locator("#timeline .all-entries .kind-triggered time").first();
            assertThat(triggered).hasText(LOCAL.format(opened.atZone(TOKYO)) + " GMT+9");
            assertThat(triggered).hasAttribute("title", UTC.format(opened));
            assertThat(triggered).hasAttribute("datetime", opened.toString());
            assertThat(page.locator(".note-form [data-zone-label]")).hasText("Asia/Tokyo");

            // "the deploy finished 5 minutes after it opened", typed in Tokyo time
            Instant deployed = opened.plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
            page.getByLabel("Add a note").fill(hostile);
            page.locator("#note-at").fill(deployed.atZone(TOKYO).toLocalDateTime().toString());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add note")).click();
            assertThat(page.locator("#flash")).containsText("Note added");
            long noteId = db.sql("SELECT id FROM incident_log WHERE incident_id = ? AND kind = 'note'").param(incident.id())
                    .query(Long.class).single();
            assertThat(db.sql("SELECT at FROM incident_log WHERE id = ?").param(noteId).query(Long.class).single())
                    .as("the local time typed is stored as the instant it means").isEqualTo(deployed.toEpochMilli());
            Locator note = page.locator("#entry-log-" + noteId);
            assertThat(note.locator(".timeline-message")).hasText(hostile);
            assertThat(note.locator("time").first()).hasText(LOCAL.format(deployed.atZone(TOKYO)) + " GMT+9");
            assertThat(note.locator(".timeline-edited")).containsText("time corrected, written at");
            assertThat(page.locator("#timeline img")).hasCount(0);
            assertThat(page.locator("#timeline script")).hasCount(0);

            note.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Pin")).click();
            assertThat(page.locator("#flash")).containsText("Pinned");
            assertThat(page.locator(".pinned-box #pinned-entry-log-" + noteId + " .timeline-message")).hasText(hostile);
            assertThat(page.locator(".pinned-box summary")).hasCount(0); // the pinned box only unpins
            assertThat(page.locator("#timeline .all-entries .automatic summary")).hasCount(0); // automatic entries: no edit, no delete
            assertThat(page.locator("#timeline .all-entries .automatic button")).not().hasCount(0);

            note = page.locator("#entry-log-" + noteId);
            note.locator("summary", new Locator.LocatorOptions().setHasText("Edit")).click();
            assertThat(note.locator("input[name=at]")).hasValue(deployed.atZone(TOKYO).toLocalDateTime().toString());
            note.locator("textarea[name=message]").fill("Rolled back orders-api to 4.1.9");
            note.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
            assertThat(page.locator("#flash")).containsText("Note changed");
            assertThat(page.locator("#entry-log-" + noteId + " .timeline-message")).hasText("Rolled back orders-api to 4.1.9");
            assertThat(db.sql("SELECT at FROM incident_log WHERE id = ?").param(noteId).query(Long.class).single())
                    .as("saving the form keeps the time it showed in local time").isEqualTo(deployed.toEpochMilli());

            // a note written now (to the second) whose text alone is changed keeps its time
            clock.advance(Duration.ofSeconds(17));
            long later = Long.parseLong(notes.add(Actor.session(ana.id(), ana.email()), t.org().slug(), "1",
                    new TimelineNotes.NewNote("Error rate back to normal", null, null), "api").id().substring(4));
            long writtenAt = db.sql("SELECT at FROM incident_log WHERE id = ?").param(later).query(Long.class).single();
            assertThat(writtenAt % 60_000).as("written at a time with seconds").isNotZero();
            page.reload();
            Locator second = page.locator("#entry-log-" + later);
            second.locator("summary", new Locator.LocatorOptions().setHasText("Edit")).click();
            second.locator("textarea[name=message]").fill("Error rate back to normal at 0.1%");
            second.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
            assertThat(page.locator("#flash")).containsText("Note changed");
            assertThat(db.sql("SELECT at FROM incident_log WHERE id = ?").param(later).query(Long.class).single())
                    .as("the time left as shown stays to the second").isEqualTo(writtenAt);
            assertThat(db.sql("SELECT COUNT(*) FROM incident_log WHERE id = ? AND original_at IS NULL").param(later).query(Long.class)
                    .single()).isEqualTo(1L);

            settle(page);
            screenshot(page, "incident-timeline-tokyo");
            assertThat(errors).isEmpty();
        }
    }
}
