package dev.stormwatch.notifier.page;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.feasibility.FeasibilityReport.Finding;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a message says about its subject, captured when the message is queued: the incident or decision, the impacted
 * components by name, the regions and the RTO clock. Kept with the queued message so that a message folded later or
 * retried after a restart says what was true when it was raised.
 *
 * @param rtoStart when the RTO clock started (the impact start, or when the incident was opened)
 * @param rto the platform's recovery time objective
 * @param deadline for decisions: decide by
 * @param changes what changed since the previous message, in words
 * @param detail free text: the assessment, a recovery step, a handover's data timestamp
 */
public record Brief(
        String platformName,
        String subjectId,
        String title,
        String severity,
        String state,
        List<String> components,
        List<String> regions,
        Instant rtoStart,
        Duration rto,
        Instant deadline,
        boolean rtoAtRisk,
        String recommendation,
        List<String> options,
        List<String> changes,
        String detail) {

    public Brief {
        components = components == null ? List.of() : List.copyOf(components);
        regions = regions == null ? List.of() : List.copyOf(regions);
        options = options == null ? List.of() : List.copyOf(options);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public Brief withChanges(List<String> newChanges) {
        return new Brief(
                platformName,
                subjectId,
                title,
                severity,
                state,
                components,
                regions,
                rtoStart,
                rto,
                deadline,
                rtoAtRisk,
                recommendation,
                options,
                newChanges,
                detail);
    }

    public static Brief of(Incident incident, Catalog catalog) {
        Instant start = incident.impactStart() != null ? incident.impactStart() : incident.openedAt();
        return new Brief(
                platformName(catalog),
                incident.id(),
                incident.title(),
                wire(incident.severity()),
                wire(incident.state()),
                componentNames(catalog, incident.components()),
                incident.regions(),
                start,
                rto(catalog),
                null,
                false,
                null,
                List.of(),
                List.of(),
                incident.assessment());
    }

    public static Brief of(Decision decision, Catalog catalog) {
        List<String> components = decision.step() == null || decision.step().componentId() == null
                ? List.of()
                : componentNames(catalog, List.of(decision.step().componentId()));
        String detail = decision.step() == null
                ? null
                : "Step " + decision.step().runOrder() + ": " + decision.step().step()
                        + (decision.step().validation() == null
                                ? ""
                                : ". Evidence: " + decision.step().validation());
        String kind = decision.kind() == null ? "decision" : decision.kind().wire();
        List<String> regions = catalog.platform().primaryRegion() == null
                ? List.of()
                : List.of(catalog.platform().primaryRegion());
        return new Brief(
                platformName(catalog),
                decision.id(),
                decision.title() == null ? kind : decision.title(),
                kind,
                wire(decision.state()),
                components,
                regions,
                decision.raisedAt(),
                rto(catalog),
                decision.deadline(),
                decision.rtoAtRisk(),
                decision.recommendation(),
                decision.options(),
                List.of(),
                detail);
    }

    public static Brief of(Handover handover, Catalog catalog) {
        String name = handover.componentName() != null
                ? handover.componentName()
                : componentNames(catalog, List.of(handover.componentId())).get(0);
        String detail = "Data is current to "
                + (handover.dataTimestamp() == null ? "an unknown time" : handover.dataTimestamp())
                + ". You may start your own recovery.";
        return new Brief(
                platformName(catalog),
                handover.id(),
                name + " recovered in " + handover.region(),
                null,
                handover.reason() == null ? null : handover.reason().wire(),
                List.of(name),
                handover.region() == null ? List.of() : List.of(handover.region()),
                null,
                null,
                null,
                false,
                null,
                List.of(),
                List.of(),
                detail);
    }

    /**
     * A readiness page: the findings that are new ({@code dropped}) with their options, and how many readiness findings
     * the platform has in all. No RTO clock runs: nothing is down.
     */
    public static Brief ofReadiness(
            FeasibilityReport report, List<Finding> dropped, List<Finding> all, Catalog catalog) {
        String name = catalog != null ? platformName(catalog) : report.platformName();
        List<String> componentIds = dropped.stream()
                .map(Finding::componentId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
        return new Brief(
                name,
                "readiness-" + report.platformId(),
                "Readiness to fail over dropped for " + (name == null ? report.platformId() : name),
                "readiness",
                "open",
                catalog == null ? componentIds : componentNames(catalog, componentIds),
                catalog == null || catalog.platform().secondaryRegion() == null
                        ? List.of()
                        : List.of(catalog.platform().secondaryRegion()),
                null,
                null,
                null,
                false,
                dropped.stream().map(Finding::summary).collect(java.util.stream.Collectors.joining("; ")),
                dropped.stream().flatMap(f -> f.options().stream()).distinct().toList(),
                List.of(),
                all.size() + " readiness finding(s) in all, checked at " + report.evaluatedAt());
    }

    private static String platformName(Catalog catalog) {
        return catalog.platform().name() != null ? catalog.platform().name() : catalog.platformId();
    }

    private static Duration rto(Catalog catalog) {
        try {
            return catalog.platform().rtoDuration();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static List<String> componentNames(Catalog catalog, List<String> ids) {
        return ids.stream()
                .map(id -> catalog.component(id).map(Component::displayName).orElse(id))
                .toList();
    }

    private static String wire(Enum<?> value) {
        return value == null ? null : dev.stormwatch.contracts.Wire.name(value);
    }
}
