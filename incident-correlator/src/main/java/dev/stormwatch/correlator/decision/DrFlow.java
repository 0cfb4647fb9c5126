package dev.stormwatch.correlator.decision;

import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformWork;

/**
 * The DR flows (docs/dr-process.md) for one platform, driven by provider events and by the decisions people take. DR is
 * invoked for the platform as a whole:
 *
 * <pre>
 * NORMAL ──outage of a priority component in the primary──▶ DECIDING (invoke-dr open)
 * DECIDING ──approved──▶ RECOVERING: recovery-step decisions in run order
 *          ──declined──▶ WAITING (wait for Microsoft)
 *          ──expired──▶ escalated; invoke-dr put forward again as "RTO at risk"
 *          ──provider resolved──▶ invoke-dr cancelled, VALIDATING
 * RECOVERING ──every step approved──▶ business-signoff ──approved──▶ FAILED_OVER: handovers (failed-over)
 * RECOVERING, FAILED_OVER ──provider resolved──▶ fallback ──approved──▶ NORMAL: handovers (fallback-complete)
 *                                                         ──declined──▶ put forward again later
 * WAITING ──provider resolved──▶ VALIDATING: business-signoff ──approved──▶ NORMAL: handovers (provider-resolved)
 * any incident ──RCA/PIR published──▶ pir-review ──approved──▶ incident closed once resolved
 * </pre>
 *
 * Provider events move the episode in {@link OutageFlow}, people's decisions in {@link ResponseFlow}; both raise, note
 * and hand over through {@link DrActions}, as the drills do.
 */
public final class DrFlow {

    private final RunReports drills;
    private final OutageFlow outage;
    private final ResponseFlow response;

    /** @param drills the drills and DR run reports, which run beside this flow with their own state */
    public DrFlow(DecisionFactory decisions, RunReports drills) {
        this.drills = drills;
        this.outage = new OutageFlow(decisions);
        this.response = new ResponseFlow(decisions, drills, outage);
    }

    /** The drills and DR run reports. */
    public RunReports drills() {
        return drills;
    }

    /** After a provider event was applied to {@code incident}. */
    public void afterEvent(PlatformWork work, IncidentDraft incident, EventRecord event) {
        outage.afterEvent(work, incident, event);
    }

    /** After a person approved or declined {@code taken} (already stored with its new state). */
    public void afterDecision(PlatformWork work, DecisionRecord taken) {
        response.afterDecision(work, taken);
    }

    /** {@code invoke-dr} expired: escalated by the timers; DR can still be invoked, now with the RTO at risk. */
    public void afterExpiry(PlatformWork work, DecisionRecord expired) {
        response.afterExpiry(work, expired);
    }

    /** Timer duties of the flow: a declined fallback comes back. */
    public void onTick(PlatformWork work) {
        response.onTick(work);
    }
}
