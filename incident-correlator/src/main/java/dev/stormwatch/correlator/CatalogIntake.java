package dev.stormwatch.correlator;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.correlator.feasibility.PlatformFeasibility;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.EventRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformView;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.util.List;

/**
 * A platform's catalog arrived (at load, or changed at run time). When its content differs from the one in use: the RTO
 * feasibility is evaluated and published, the events still going on are matched again (matching follows the catalog),
 * and every component gets a status (new components start operational).
 */
public final class CatalogIntake {

    public void apply(PlatformWork work, Catalog catalog) {
        PlatformView view = work.view();
        CatalogView before = view.catalog();
        String fingerprint = CatalogView.fingerprint(catalog);
        if (before != null && before.fingerprint().equals(fingerprint)) {
            return;
        }
        view.putCatalog(catalog);
        CatalogView now = view.catalog();
        work.run(work.run().withCatalogFingerprint(fingerprint));

        FeasibilityReport report = PlatformFeasibility.publish(work);
        work.audit(
                before == null ? "catalog-loaded" : "catalog-changed",
                now.platformId(),
                now.components().size()
                        + " components; recovery plan " + DurationText.format(report.recoveryTotal())
                        + " against an RTO of "
                        + DurationText.format(report.rto())
                        + (report.feasible()
                                ? ": feasible"
                                : ": " + report.findings().size() + " feasibility finding(s)"),
                false);

        for (EventRecord event : List.copyOf(view.ongoingEvents())) {
            List<Hit> hits = now.matcher().match(event.event());
            if (!hits.equals(event.hits()) && !hits.isEmpty()) {
                view.put(event.withHits(hits));
                IncidentDraft incident = work.incident(event.incidentId());
                if (incident != null) {
                    incident.addEvent(event.withHits(hits));
                    incident.note(
                            work.now(),
                            event.label() + " now hits " + hits.size()
                                    + " component region(s) after the catalog changed",
                            fingerprint);
                }
            }
        }
        work.statusesChanged();
    }

    /** The platform's catalog was deleted (tombstone on catalog.v1): nothing more is matched to it. */
    public void remove(PlatformWork work) {
        if (work.view().catalog() != null) {
            work.view().removeCatalog();
            work.audit("catalog-removed", work.view().platformId(), "catalog deleted from catalog.v1", false);
        }
    }
}
