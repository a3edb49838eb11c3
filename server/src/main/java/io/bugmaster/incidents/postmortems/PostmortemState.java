package io.bugmaster.incidents.postmortems;

import io.bugmaster.common.PureLogic;
import java.util.Optional;
import java.util.Set;

/**
 * Where a postmortem is in its life: a draft being written, in review (others read and comment),
 * published (in the library). Each state may go back to draft; a draft goes to review first.
 */
@PureLogic
public enum PostmortemState {
    DRAFT("draft", "Draft"), IN_REVIEW("in_review", "In review"), PUBLISHED("published", "Published");

    private final String id;
    private final String label;

    PostmortemState(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The states this one may move to. */
    public Set<PostmortemState> next() {
        return switch (this) {
            case DRAFT -> Set.of(IN_REVIEW);
            case IN_REVIEW -> Set.of(DRAFT, PUBLISHED);
            case PUBLISHED -> Set.of(DRAFT);
        };
    }

    public boolean mayMoveTo(PostmortemState to) {
        return to == this || next().contains(to);
    }

    public static Optional<PostmortemState> parse(String id) {
        for (PostmortemState s : values()) {
            if (s.id.equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static PostmortemState of(String id) {
        return parse(id).orElseThrow(() -> new IllegalArgumentException("unknown postmortem state: " + id));
    }
}
