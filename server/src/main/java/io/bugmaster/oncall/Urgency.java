package io.bugmaster.oncall;

import io.bugmaster.common.PureLogic;

/** How hard a page tries: high urgency follows every notification rule and escalates; low never escalates. */
@PureLogic
public enum Urgency {
    HIGH, LOW
}
