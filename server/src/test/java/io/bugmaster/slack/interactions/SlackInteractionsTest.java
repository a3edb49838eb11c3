package io.bugmaster.slack.interactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.slack.inbound.SlackHandlers;
import io.bugmaster.slack.inbound.SlackReply;
import io.bugmaster.slack.inbound.SlackRequest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Modal submissions go to the handler that owns their callback id; nobody's, or any other interaction, gets an empty 200. */
class SlackInteractionsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    record Modal(Set<String> callbackIds, SlackReply reply) implements SlackHandlers.Modals {
        @Override
        public SlackReply submission(SlackRequest request, JsonNode payload) {
            return reply;
        }
    }

    static SlackInteractions with(SlackHandlers.Modals... modals) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        for (int k = 0; k < modals.length; k++) {
            beans.addBean("modal" + k, modals[k]);
        }
        return new SlackInteractions(null, beans.getBeanProvider(SlackHandlers.Modals.class));
    }

    static JsonNode submission(String callbackId) {
        return JSON.valueToTree(Map.of("type", "view_submission", "view", Map.of("callback_id", callbackId)));
    }

    @Test
    void aSubmissionGoesToTheModalThatOwnsItsCallbackId() {
        SlackReply errors = SlackReply.json("{\"response_action\":\"errors\",\"errors\":{\"title\":\"required\"}}");
        SlackInteractions interactions = with(new Modal(Set.of("other"), SlackReply.json("{}")), new Modal(Set.of("declare_incident"), errors));
        assertThat(interactions.interaction(null, submission("declare_incident"))).isEqualTo(errors);
        assertThat(interactions.interaction(null, submission("unknown"))).isEqualTo(SlackReply.EMPTY);
        assertThat(with().interaction(null, submission("declare_incident"))).isEqualTo(SlackReply.EMPTY);
        assertThat(interactions.interaction(null, JSON.valueToTree(Map.of("type", "view_closed")))).isEqualTo(SlackReply.EMPTY);
    }
}
