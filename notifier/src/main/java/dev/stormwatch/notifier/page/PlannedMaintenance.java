package dev.stormwatch.notifier.page;

import dev.stormwatch.contracts.incident.Incident;

/**
 * Whether an incident is about planned maintenance only. The Incident record has no event kind, so this reads the
 * correlator's assessment, which names the worst impact per region: "Planned maintenance in …" when maintenance is
 * the worst, "Outage in …" / "Degradation in …" otherwise. Any outage or degradation makes the incident urgent.
 */
public final class PlannedMaintenance {

    static final String MAINTENANCE = "Planned maintenance in ";

    private PlannedMaintenance() {
    }

    /**
     * @param before what the page believed so far (a finished maintenance says "no ongoing impact" and stays maintenance)
     */
    public static boolean of(Incident incident, boolean before) {
        String a = incident.assessment();
        if (a == null) {
            return before;
        }
        if (a.contains("Outage in ") || a.contains("Degradation in ") || a.startsWith("Provider test alert")) {
            return false;
        }
        return a.contains(MAINTENANCE) || before;
    }
}
