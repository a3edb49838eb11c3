package io.bugmaster.issues;

import io.bugmaster.accounts.Actor;

/**
 * Who changes issues: a person (their user id and email), or the system for someone without a
 * session, such as the recipient of a message whose action link was used (no user id; {@code via}
 * says how, and is kept with the activity). A person acting from Slack has a {@code via} too.
 */
record Acting(Long userId, String name, String via) {
    static Acting person(Actor actor) {
        return person(actor, null);
    }

    /** A person acting from elsewhere than the web or the API ({@code via}: "Slack"), or null. */
    static Acting person(Actor actor, String via) {
        return new Acting(actor.userId(), actor.email(), via);
    }

    static Acting system(String via) {
        return new Acting(null, "a link in " + via, via);
    }
}
