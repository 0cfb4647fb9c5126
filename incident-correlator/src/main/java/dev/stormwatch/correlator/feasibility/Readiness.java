package dev.stormwatch.correlator.feasibility;

import dev.stormwatch.contracts.action.AutomationReadiness;
import dev.stormwatch.contracts.azure.ProviderLocations;
import dev.stormwatch.contracts.azure.ServiceResourceTypes;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.Contact;
import dev.stormwatch.contracts.catalog.Leave;
import dev.stormwatch.contracts.feasibility.FeasibilityReport.Finding;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.EventRecord;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether the platform could fail over now, checked from what the correlator knows (its catalog, the events it
 * correlated and the subscriptions' resource providers' locations): every component's Azure service is offered in the
 * secondary region, the secondary region has no active issue or advisory of its own, and every role the plan needs (the
 * DR lead, the executors, the approvers) has someone who is not on leave over the coming days. Each problem is a
 * finding beside the RTO arithmetic; it says the plan is not ready, not that it cannot meet its RTO.
 */
public final class Readiness {

    private Readiness() {}

    /**
     * The readiness findings at {@code now}; {@code locations}: the resource providers' locations of a subscription
     * (null: not known yet); {@code automation}: the notifier's readiness to call the platform's automated steps (null:
     * not known yet); {@code horizon}: how far ahead a role must be covered.
     */
    public static List<Finding> check(
            CatalogView catalog,
            Collection<EventRecord> ongoing,
            Function<String, ProviderLocations> locations,
            AutomationReadiness automation,
            Instant now,
            Duration horizon) {
        List<Finding> findings = new ArrayList<>();
        findings.addAll(servicesOffered(catalog, locations));
        findings.addAll(automation(catalog, automation));
        secondaryRegion(catalog, ongoing).ifPresent(findings::add);
        findings.addAll(roles(catalog, now, horizon));
        return findings;
    }

    /**
     * One finding per component whose Azure service (its resource type) a subscription it runs in cannot create in the
     * secondary region, as that subscription's resource providers list it. A component's subscriptions are its own,
     * else the platform's; a subscription with no answer yet, and a service with no resource type to ask about, are not
     * judged.
     */
    static List<Finding> servicesOffered(CatalogView catalog, Function<String, ProviderLocations> locations) {
        String secondary = catalog.secondary();
        List<Finding> out = new ArrayList<>();
        if (secondary == null) {
            return out;
        }
        for (Component c : catalog.components()) {
            Optional<String> type = ServiceResourceTypes.of(c.service());
            if (type.isEmpty()) {
                continue;
            }
            List<String> subscriptions =
                    c.subscriptions().isEmpty() ? catalog.catalog().platform().subscriptions() : c.subscriptions();
            List<String> lacking = subscriptions.stream()
                    .filter(sub -> {
                        ProviderLocations known = locations.apply(sub);
                        return known != null && !known.offers(type.get(), secondary);
                    })
                    .toList();
            if (lacking.isEmpty()) {
                continue;
            }
            String region = catalog.regionName(secondary);
            out.add(new Finding(
                    Finding.SERVICE_NOT_OFFERED,
                    c.id(),
                    c.displayName() + " (" + c.service() + ", " + type.get() + ") is not offered in the secondary"
                            + " region " + region + " for subscription" + (lacking.size() == 1 ? " " : "s ")
                            + String.join(", ", lacking) + ", as its resource providers list it: a failover"
                            + " has nowhere to recover it",
                    null,
                    null,
                    null,
                    List.of(c.id()),
                    List.of(
                            "Choose a secondary region that offers " + c.service() + " for every component, or a"
                                    + " paired region the service supports, and update the catalog",
                            "Register the resource provider or request access to " + region + " for the"
                                    + " subscription, if the service is offered there only on request",
                            "Plan an alternative for " + c.displayName() + " in " + region
                                    + " (another service, or redeploying elsewhere) and write it into its runbook")));
        }
        return out;
    }

    /**
     * One finding per automated step the notifier could not call now, as it last said ({@code automation}, null: not
     * said yet); a step the current catalog no longer has, or that no longer names an action, is not judged.
     */
    static List<Finding> automation(CatalogView catalog, AutomationReadiness automation) {
        List<Finding> out = new ArrayList<>();
        if (automation == null) {
            return out;
        }
        for (AutomationReadiness.Problem p : automation.problems()) {
            Component c = catalog.component(p.componentId());
            boolean stillAutomated = c != null
                    && c.recovery().stream()
                            .anyMatch(s -> s.action() != null && s.name().equals(p.step()));
            if (!stillAutomated) {
                continue;
            }
            out.add(new Finding(
                    Finding.AUTOMATION_UNCONFIGURED,
                    c.id(),
                    "The automated step \"" + p.step() + "\" of " + c.displayName() + " (" + p.kind()
                            + ") could not be called by the notifier now: " + p.problem(),
                    null,
                    null,
                    null,
                    List.of(c.id()),
                    List.of(
                            "Set the reference the action names in the notifier's environment (its Kubernetes Secret"
                                    + " or Compose environment), or correct the action in the catalog",
                            "Until then, brief the step's people to run it by hand: its failure process and"
                                    + " escalation point apply")));
        }
        return out;
    }

    private static Optional<Finding> secondaryRegion(CatalogView catalog, Collection<EventRecord> ongoing) {
        String secondary = catalog.secondary();
        Map<String, String> issues = new TreeMap<>();
        List<String> components = new ArrayList<>();
        for (EventRecord e : ongoing) {
            if (!e.ongoing() || !e.hitsRegion(secondary)) {
                continue;
            }
            HealthEventKind kind = e.event().kind();
            issues.put(
                    e.label(),
                    (kind == null ? "issue" : kind.wire()) + " " + e.label()
                            + (e.event().title() == null ? "" : " (" + e.event().title() + ")"));
            e.hits().stream()
                    .filter(h -> h.region().equals(secondary))
                    .map(h -> h.componentId())
                    .filter(id -> !components.contains(id))
                    .forEach(components::add);
        }
        if (issues.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                Finding.SECONDARY_REGION_ISSUE,
                null,
                "The secondary region "
                        + catalog.regionName(secondary) + " has an active provider issue of its own: "
                        + String.join("; ", issues.values()) + "; a failover now would land on it",
                null,
                null,
                null,
                components,
                List.of(
                        "Follow the provider's updates for " + catalog.regionName(secondary)
                                + " before invoking DR, and test the affected services there",
                        "Agree with the stakeholders whether to wait for Microsoft instead of failing over")));
    }

    /**
     * The roles the plan needs: the DR lead, and every executor and approver role the catalog names; none for a catalog
     * without roles at all (a plan that names nobody is caught by the catalog's review, not paged about here).
     */
    static List<String> neededRoles(CatalogView catalog) {
        List<String> needed = new ArrayList<>();
        if (catalog.catalog().roles().isEmpty()) {
            return needed;
        }
        needed.add("dr-lead");
        catalog.catalog().roles().keySet().stream()
                .sorted()
                .filter(r -> r.contains("executor") || r.contains("approver"))
                .forEach(needed::add);
        return needed;
    }

    private static List<Finding> roles(CatalogView catalog, Instant now, Duration horizon) {
        List<Finding> out = new ArrayList<>();
        for (String role : neededRoles(catalog)) {
            List<String> people = catalog.catalog().roles().getOrDefault(role, List.of());
            List<String> available = people.stream()
                    .filter(id -> catalog.catalog()
                            .contact(id)
                            .map(c -> !onLeave(c, now, horizon))
                            .orElse(false))
                    .toList();
            if (!available.isEmpty()) {
                continue;
            }
            String who = people.isEmpty()
                    ? "nobody holds it"
                    : "everyone who holds it is on leave in the next "
                            + horizon.toDays() + " days ("
                            + people.stream()
                                    .map(id -> catalog.catalog()
                                            .contact(id)
                                            .map(c -> c.name() + " " + leaveText(c))
                                            .orElse(id + " (not in the contacts)"))
                                    .collect(Collectors.joining(", "))
                            + ")";
            out.add(new Finding(
                    Finding.ROLE_UNCOVERED,
                    null,
                    "The role " + role + " is not covered: " + who,
                    horizon,
                    null,
                    null,
                    people,
                    List.of(
                            "Name a deputy for " + role + " in the catalog's roles",
                            "Move the leave, or agree who takes the role while it lasts")));
        }
        return out;
    }

    /** On leave on any day from today to {@code horizon} ahead, in the contact's time zone. */
    static boolean onLeave(Contact c, Instant now, Duration horizon) {
        ZoneId zone;
        try {
            zone = c.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(c.timeZone());
        } catch (DateTimeException e) {
            zone = ZoneOffset.UTC;
        }
        LocalDate from = LocalDate.ofInstant(now, zone);
        LocalDate to = LocalDate.ofInstant(now.plus(horizon), zone);
        for (Leave l : c.leave()) {
            if (!l.toDate().isBefore(from) && !l.fromDate().isAfter(to)) {
                return true;
            }
        }
        return false;
    }

    private static String leaveText(Contact c) {
        return c.leave().stream()
                .map(l -> l.from() + " to " + l.to())
                .collect(Collectors.joining(", ", "on leave ", ""));
    }
}
