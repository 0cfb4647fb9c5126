package dev.stormwatch.correlator.platform;

/**
 * Hears every change a platform's view makes to an incident or a decision, as it makes it (before its store write is
 * committed): {@code before} is null for a new one, {@code after} null for one forgotten.
 */
public interface RecordChanges {

    /** Hears nothing. */
    RecordChanges NONE = new RecordChanges() {
        @Override
        public void incident(IncidentRecord before, IncidentRecord after) {}

        @Override
        public void decision(DecisionRecord before, DecisionRecord after) {}
    };

    void incident(IncidentRecord before, IncidentRecord after);

    void decision(DecisionRecord before, DecisionRecord after);
}
