package dev.stormwatch.correlator.decision;

import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.PlatformWork;

/**
 * The reports of drills and real DR runs, which follow the decisions: the DR flow tells them what happened, and the
 * drill package answers. Declared here so that the DR flow never depends on how drills are run.
 */
public interface RunReports {

    /** A person approved or declined a decision of a drill's incident (already stored with its new state). */
    void afterDecision(PlatformWork work, DecisionRecord taken);

    /** A decision of a drill's incident expired. */
    void afterExpiry(PlatformWork work, DecisionRecord expired);

    /** One of the incident's decisions changed: the report of its drill or DR run follows. */
    void changed(PlatformWork work, String incidentId);

    /** DR was invoked for real: a DR run report starts. */
    void runStarted(PlatformWork work, Decision approved);

    /** The business signed off the technical recovery of a DR run. */
    void runSignedOff(PlatformWork work, Decision signoff);

    /** The episode ended before the business signed off its DR run. */
    void runEnded(PlatformWork work, String incidentId, String why);
}
