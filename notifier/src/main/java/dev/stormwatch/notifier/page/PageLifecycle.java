package dev.stormwatch.notifier.page;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.page.Ack;
import java.time.Duration;
import java.time.Instant;

/**
 * The life of a page, as pure functions of (page, event, catalog, now): open on an incident or decision, page level 1
 * at once, page level N+1 when level N's {@code after} passes without an acknowledgement, repeat the policy as it says,
 * stop on an acknowledgement, close when the incident resolves or the decision is no longer open.
 *
 * <p>Updates that change nothing are duplicates and send nothing; real updates go to everyone paged so far; a severity
 * increase starts a new run of the policy (new page ids), paging level 1 and everyone paged before, acknowledged or
 * not. Each subject has its own class ({@link IncidentPages}, {@link DecisionPages}, {@link HandoverNotices},
 * {@link PageAcks}); the escalation itself is {@link PolicyRun}.
 */
public final class PageLifecycle {

    private final PolicyRun run;
    private final IncidentPages incidents;
    private final DecisionPages decisions;
    private final HandoverNotices handovers;
    private final ReadinessPages readiness;

    /**
     * @param decisionPolicy the policy decisions use when the catalog has one by this name (else the platform's)
     * @param closedRetention how long a closed page is kept to answer late acknowledgements
     */
    public PageLifecycle(String decisionPolicy, Duration closedRetention) {
        this.run = new PolicyRun(decisionPolicy, closedRetention);
        this.incidents = new IncidentPages(run);
        this.decisions = new DecisionPages(run);
        this.handovers = new HandoverNotices(run);
        this.readiness = new ReadinessPages(run);
    }

    public PageOutcome onIncident(PageState page, Incident incident, boolean drill, Catalog catalog, Instant now) {
        return incidents.onIncident(page, incident, drill, catalog, now);
    }

    /**
     * @param taken true for a {@code decision-taken} record from status-api: its state is the person's choice, its
     *     version the one they saw, so it closes the page without a newer version
     */
    public PageOutcome onDecision(
            PageState page, Decision decision, boolean taken, boolean drill, Catalog catalog, Instant now) {
        return decisions.onDecision(page, decision, taken, drill, catalog, now);
    }

    /** Tells the downstream consumers of a recovered component; {@code marker} is the handover seen before, if any. */
    public PageOutcome onHandover(PageState marker, Handover handover, boolean drill, Catalog catalog, Instant now) {
        return handovers.onHandover(marker, handover, drill, catalog, now);
    }

    /** The subject a platform's readiness page is kept under. */
    public static String readinessSubject(String platformId) {
        return ReadinessPages.subject(platformId);
    }

    /** A platform's feasibility report: a readiness finding the last one did not have pages the DR lead. */
    public PageOutcome onReadiness(PageState page, FeasibilityReport report, Catalog catalog, Instant now) {
        return readiness.onReadiness(page, report, catalog, now);
    }

    public PageOutcome onAck(PageState page, Ack ack, Instant now) {
        return PageAcks.onAck(page, ack, now);
    }

    /**
     * An acknowledgement read from the acknowledgements topic ahead of the stream, found when the page's next level
     * came due: it stops the page as {@link #onAck} would, instead of that level.
     */
    public PageOutcome onRecordedAck(PageState page, Ack ack, Instant now) {
        return PageAcks.onRecordedAck(page, ack, now);
    }

    /** Pages whatever is due at {@code now}; opens a page that was waiting for its catalog; purges old closed pages. */
    public PageOutcome onTimer(PageState page, Catalog catalog, Instant now) {
        return run.onTimer(page, catalog, now);
    }
}
