package dev.stormwatch.notifier.page;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An incident's page through the incident's snapshots: open on the first open or mitigated one, tell everyone paged of
 * a real update, start a new run on a severity increase, close on resolution. A snapshot with the same content is a
 * duplicate and pages nobody.
 */
final class IncidentPages {

    private final PolicyRun run;

    IncidentPages(PolicyRun run) {
        this.run = run;
    }

    PageOutcome onIncident(PageState page, Incident incident, boolean drill, Catalog catalog, Instant now) {
        Incident slim = SubjectChanges.slim(incident);
        if (page != null
                && page.incident() != null
                && incident.version() <= page.incident().version()) {
            return PageOutcome.unchanged(page); // an older or repeated snapshot
        }
        boolean terminal = incident.state() == IncidentState.RESOLVED || incident.state() == IncidentState.CLOSED;
        List<MessageItem> out = new ArrayList<>();
        List<AuditEntry> audits = new ArrayList<>();
        String fingerprint = SubjectChanges.fingerprint(incident);

        if (page == null || (page.status() == PageStatus.CLOSED && !terminal)) {
            if (terminal) {
                // Never paged and already over: remember it, so a late older snapshot does not open a page.
                PageState.Builder b = new PageState.Builder();
                b.subjectId = incident.id();
                b.kind = SubjectKind.INCIDENT;
                b.platformId = incident.platformId();
                b.status = PageStatus.CLOSED;
                b.incident = slim;
                b.fingerprint = fingerprint;
                b.drill = drill;
                b.purgeAt = now.plus(run.closedRetention());
                return new PageOutcome(b.build(), true, out, audits);
            }
            PageState.Builder b = page == null ? new PageState.Builder() : page.toBuilder();
            b.subjectId = incident.id();
            b.kind = SubjectKind.INCIDENT;
            b.platformId = incident.platformId();
            b.incident = slim;
            b.fingerprint = fingerprint;
            b.drill = drill;
            b.maintenance = incident.plannedMaintenance();
            b.purgeAt = null;
            b.ack = null;
            if (page != null) {
                // Reopened: a new run with new page ids.
                b.pass = page.pass() + 1;
                audits.add(new AuditEntry(
                        "page-reopened",
                        incident.id(),
                        "incident " + incident.id() + " is " + incident.state().wire() + " again (version "
                                + incident.version() + ")"));
            }
            return run.open(b, catalog, now, out, audits, List.of());
        }

        PageState.Builder b = page.toBuilder();
        Incident previous = page.incident();
        b.incident = slim;
        b.fingerprint = fingerprint;
        b.drill = page.drill() || drill;
        // The correlator keeps it true for good only while every event is maintenance; an outage ends it.
        b.maintenance = incident.plannedMaintenance();

        if (page.status() == PageStatus.WAITING_FOR_CATALOG) {
            if (terminal) {
                run.close(b, now);
                audits.add(new AuditEntry(
                        "page-closed",
                        incident.id(),
                        "incident " + incident.state().wire() + " before the catalog of " + incident.platformId()
                                + " arrived; nobody was paged"));
            }
            return new PageOutcome(b.build(), true, out, audits);
        }
        if (page.status() == PageStatus.CLOSED) {
            return new PageOutcome(b.build(), true, out, audits); // a later terminal snapshot (closed after resolved)
        }
        if (terminal) {
            run.close(b, now);
            Brief brief = brief(slim, catalog, page).withChanges(SubjectChanges.changes(previous, incident));
            run.tellEveryonePaged(
                    b.build(), MessageKind.INCIDENT_RESOLVED, brief, false, incident.version(), catalog, now, out);
            audits.add(new AuditEntry(
                    "page-closed",
                    incident.id(),
                    "incident " + incident.state().wire() + ": escalation stopped after level " + page.level()
                            + " of pass " + page.pass() + "; told "
                            + PolicyRun.distinctContacts(page).size() + " people"));
            return new PageOutcome(b.build(), true, out, audits);
        }
        if (previous != null
                && previous.severity() != null
                && incident.severity() != null
                && incident.severity().ordinal() < previous.severity().ordinal()) {
            // A severity increase: everyone must look again, including whoever acknowledged.
            String change = "severity raised from " + previous.severity().wire() + " to "
                    + incident.severity().wire();
            b.pass = page.pass() + 1;
            b.runStartPass = b.pass;
            b.ack = null;
            b.level = 0;
            audits.add(new AuditEntry(
                    "page-severity-raised",
                    incident.id(),
                    change + ": new run from level 1, pass " + b.pass
                            + (page.ack() == null
                                    ? ""
                                    : ", acknowledgement by " + page.ack().by() + " cleared")));
            List<String> before = PolicyRun.distinctContacts(page);
            List<String> changes = new ArrayList<>(List.of(change));
            changes.addAll(SubjectChanges.changes(previous, incident).stream()
                    .filter(c -> !c.startsWith("severity"))
                    .toList());
            return run.open(b, catalog, now, out, audits, before, changes);
        }
        if (fingerprint.equals(page.fingerprint())) {
            return new PageOutcome(b.build(), true, out, audits); // a duplicate update: nobody is told again
        }
        Brief brief = brief(slim, catalog, page).withChanges(SubjectChanges.changes(previous, incident));
        run.tellEveryonePaged(
                b.build(),
                MessageKind.INCIDENT_UPDATED,
                brief,
                page.status() == PageStatus.OPEN,
                incident.version(),
                catalog,
                now,
                out);
        audits.add(new AuditEntry(
                "page-updated",
                incident.id(),
                "incident updated (" + String.join("; ", brief.changes()) + "): told "
                        + PolicyRun.distinctContacts(page).size() + " people"));
        return new PageOutcome(b.build(), true, out, audits);
    }

    private static Brief brief(Incident incident, Catalog catalog, PageState page) {
        return catalog == null
                ? new Brief(
                        page.platformId(),
                        incident.id(),
                        incident.title(),
                        incident.severity() == null ? null : incident.severity().wire(),
                        incident.state().wire(),
                        incident.components(),
                        incident.regions(),
                        incident.impactStart(),
                        null,
                        null,
                        false,
                        null,
                        List.of(),
                        List.of(),
                        incident.assessment())
                : Brief.of(incident, catalog);
    }
}
