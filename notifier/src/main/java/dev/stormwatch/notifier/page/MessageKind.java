package dev.stormwatch.notifier.page;

import dev.stormwatch.contracts.Wire;

/**
 * The kinds of message the notifier sends, one template each. Urgent kinds go out at once; the others wait for the
 * contact's rate-limit window and are folded together with whatever else is waiting.
 */
public enum MessageKind {
    INCIDENT_OPENED(true),
    INCIDENT_UPDATED(false),
    INCIDENT_RESOLVED(false),
    DECISION_NEEDED(true),
    DECISION_REMINDER(false),
    DECISION_CLOSED(false),
    HANDOVER(false),
    READINESS_DROPPED(true);

    private final boolean urgent;

    MessageKind(boolean urgent) {
        this.urgent = urgent;
    }

    public boolean urgent() {
        return urgent;
    }

    /** Kebab-case name, also the template name: {@code incident-opened}. */
    public String wire() {
        return Wire.name(this);
    }
}
