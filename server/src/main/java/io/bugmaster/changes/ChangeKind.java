package io.bugmaster.changes;

import io.bugmaster.common.PureLogic;
import java.util.Optional;

/** What kind of change to production: the checklist's questions map onto these (deploy, infrastructure, schema). */
@PureLogic
public enum ChangeKind {
    DEPLOY("deploy", "Deploy"), FEATURE_FLAG("feature_flag", "Feature flag"), MIGRATION("migration", "Schema migration"),
    INFRASTRUCTURE("infrastructure", "Infrastructure"), CONFIG("config", "Configuration");

    public static final String CHOICES = "deploy, feature_flag, migration, infrastructure, config";

    private final String id;
    private final String label;

    ChangeKind(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<ChangeKind> parse(String id) {
        for (ChangeKind k : values()) {
            if (k.id.equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
