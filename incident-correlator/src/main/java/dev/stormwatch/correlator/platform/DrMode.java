package dev.stormwatch.correlator.platform;

/**
 * Where a platform stands in the DR flows (docs/dr-process.md). DR is invoked for the platform as a whole.
 *
 * <ul>
 *   <li>{@code NORMAL}: runs in the primary region, no DR decision pending;
 *   <li>{@code DECIDING}: an outage of a priority component in the primary region; {@code invoke-dr} is open;
 *   <li>{@code WAITING}: {@code invoke-dr} declined: waiting for Microsoft;
 *   <li>{@code RECOVERING}: {@code invoke-dr} approved: the runbook runs in the secondary region;
 *   <li>{@code FAILED_OVER}: business sign-off given, components handed over in the secondary region;
 *   <li>{@code VALIDATING}: Microsoft resolved without a failover; the platform is validated before handover.
 * </ul>
 */
public enum DrMode {
    NORMAL,
    DECIDING,
    WAITING,
    RECOVERING,
    FAILED_OVER,
    VALIDATING;

    /** True when the platform runs (or is being brought up) in the secondary region. */
    public boolean inSecondary() {
        return this == RECOVERING || this == FAILED_OVER;
    }
}
