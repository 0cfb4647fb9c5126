package dev.stormwatch.correlator.incident;

import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.correlator.match.Impact;

/**
 * Severity of one hit: impact (outage 2, degradation 1, maintenance or advisory 0) plus priority (1 → 2, 2–3 → 1, 4–5 →
 * 0): 4 and more is sev1, 3 sev2, 2 sev3, less sev4. A hit outside the region the platform runs in is a readiness risk,
 * at most sev3. An incident is as severe as its worst hit, and stays so while open.
 */
public final class SeverityRule {

    private SeverityRule() {}

    public static Severity of(Impact impact, int priority, boolean regionInUse) {
        int impactPoints = switch (impact) {
            case OUTAGE -> 2;
            case DEGRADED -> 1;
            case MAINTENANCE, NONE -> 0;
        };
        if (impactPoints == 0) {
            return Severity.SEV4;
        }
        int priorityPoints = priority <= 1 ? 2 : priority <= 3 ? 1 : 0;
        int points = impactPoints + priorityPoints;
        Severity severity =
                points >= 4 ? Severity.SEV1 : points == 3 ? Severity.SEV2 : points == 2 ? Severity.SEV3 : Severity.SEV4;
        if (!regionInUse && severity.compareTo(Severity.SEV3) < 0) {
            return Severity.SEV3;
        }
        return severity;
    }

    /** The more severe of two (sev1 is the most severe). */
    public static Severity worst(Severity a, Severity b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }
}
