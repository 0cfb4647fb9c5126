package dev.stormwatch.contracts.drill;

import java.time.Instant;

/**
 * A DR lead's request about a drill (type {@code DRILL_REQUESTED} on {@code drills.v1}, key: drill id), written by
 * status-api. The correlator acts on it: a start opens a drill incident for the platform and raises invoke-dr as a
 * drill, so the rehearsal runs the same flow as a real failover.
 *
 * @param drillId chosen by status-api, unique; the drill incident is {@code drill-<drillId>}
 * @param requestedBy who asked (the authenticated principal)
 * @param note what is rehearsed and why, shown on the report (optional)
 */
public record DrillRequest(
        String drillId, String platformId, DrillAction action, String requestedBy, Instant requestedAt, String note) {}
