package io.bugmaster.issues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.common.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The changes the web UI's buttons make are built directly; each is the change the API makes of
 * the Sentry body the UI used to build and parse back, so the pages behave as before.
 */
class IssueUpdateTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static IssueUpdate parsed(String body) {
        return IssueUpdate.parse(JSON.readTree(body));
    }

    @Test
    void eachChangeOfTheUiIsTheChangeOfItsApiBody() {
        Map<IssueUpdate, String> asApiBodies = Map.ofEntries(
                Map.entry(IssueUpdate.resolve(), "{\"status\":\"resolved\"}"),
                Map.entry(IssueUpdate.resolveInRelease("app@1.2.0"), "{\"status\":\"resolved\",\"statusDetails\":{\"inRelease\":\"app@1.2.0\"}}"),
                Map.entry(IssueUpdate.resolveInNextRelease(), "{\"status\":\"resolvedInNextRelease\"}"),
                Map.entry(IssueUpdate.unresolve(), "{\"status\":\"unresolved\"}"),
                Map.entry(IssueUpdate.ignoreFor(30), "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreDuration\":30}}"),
                Map.entry(IssueUpdate.ignoreUntilEvents(100), "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreCount\":100}}"),
                Map.entry(IssueUpdate.ignoreUntilUsers(10), "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreUserCount\":10}}"),
                Map.entry(IssueUpdate.ignoreUntilEscalating(), "{\"status\":\"ignored\",\"substatus\":\"archived_until_escalating\"}"),
                Map.entry(IssueUpdate.ignoreForever(), "{\"status\":\"ignored\",\"substatus\":\"archived_forever\"}"),
                Map.entry(IssueUpdate.assignTo("user:7"), "{\"assignedTo\":\"user:7\"}"),
                Map.entry(IssueUpdate.assignTo("team:3"), "{\"assignedTo\":\"team:3\"}"),
                Map.entry(IssueUpdate.assignTo(null), "{\"assignedTo\":null}"),
                Map.entry(IssueUpdate.subscribe(true), "{\"isSubscribed\":true}"),
                Map.entry(IssueUpdate.subscribe(false), "{\"isSubscribed\":false}"),
                Map.entry(IssueUpdate.mergeIssues(), "{\"merge\":1}"));
        asApiBodies.forEach((built, body) -> assertThat(built).as(body).isEqualTo(parsed(body)));
        assertThat(IssueUpdate.resolve()).isNotEqualTo(IssueUpdate.unresolve());
    }

    @Test
    void outOfRangeValuesAreRefusedAsTheApiRefusesThem() {
        assertThatThrownBy(() -> IssueUpdate.resolveInRelease(" ")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("release version");
        assertThatThrownBy(() -> IssueUpdate.resolveInRelease("v".repeat(251))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> IssueUpdate.ignoreFor(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> IssueUpdate.ignoreUntilEvents(1_000_000_001L)).isInstanceOf(InvalidInputException.class);
    }
}
