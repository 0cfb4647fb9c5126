package dev.stormwatch.contracts.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A platform's DR plan as code (docs/dr-process.md, "The structure of a DR plan"): the platform and its regions,
 * strategy, RTO and RPO; its components with dependencies and recovery steps; contacts, roles, rosters and escalation
 * policies; downstream consumers. Loaded and validated by {@link CatalogLoader}; published on {@code catalog.v1} keyed
 * by platform id.
 */
public record Catalog(
        Platform platform,
        List<Component> components,
        List<Contact> contacts,
        Map<String, List<String>> roles,
        List<Roster> rosters,
        List<EscalationPolicy> escalationPolicies,
        List<Downstream> downstream) {

    public Catalog {
        components = components == null ? List.of() : List.copyOf(components);
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        roles = roles == null ? Map.of() : Map.copyOf(roles);
        rosters = rosters == null ? List.of() : List.copyOf(rosters);
        escalationPolicies = escalationPolicies == null ? List.of() : List.copyOf(escalationPolicies);
        downstream = downstream == null ? List.of() : List.copyOf(downstream);
    }

    public String platformId() {
        return platform.id();
    }

    public Optional<Component> component(String id) {
        return components.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<Contact> contact(String id) {
        return contacts.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<Roster> roster(String id) {
        return rosters.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Optional<EscalationPolicy> escalationPolicy(String id) {
        return escalationPolicies.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Downstream consumers that depend on a component. */
    public List<Downstream> consumersOf(String componentId) {
        return downstream.stream()
                .filter(d -> d.components().contains(componentId))
                .toList();
    }
}
