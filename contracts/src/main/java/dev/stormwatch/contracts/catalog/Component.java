package dev.stormwatch.contracts.catalog;

import java.util.List;

/**
 * One component of the platform: an Azure service in a layer, with its dependencies and recovery runbook.
 *
 * @param service Azure service name as Service Health names it ("Storage", "Key Vault")
 * @param aliases other names the provider uses for the same service
 * @param layer {@code foundation}, {@code ingest}, {@code store}, {@code model}, {@code serve}
 * @param stage data stage for RPO/RTO compounding (docs/dr-process.md): {@code source}, {@code raw}, {@code enriched},
 *     {@code curated}, {@code presentation}; optional
 * @param freshness how fresh this stage's data must be for its consumers (e.g. a report fresh within 4 h); optional
 * @param priority 1 (most important, recovered first) to 5
 * @param regions regions it runs in; default the platform's primary and secondary
 * @param recovery the runbook steps in the order listed
 */
public record Component(
        String id,
        String name,
        String service,
        List<String> aliases,
        String layer,
        String stage,
        String freshness,
        Integer priority,
        List<String> regions,
        List<String> subscriptions,
        List<String> resourceIds,
        List<String> dependsOn,
        String owner,
        String escalationPolicy,
        List<RecoveryStep> recovery) {

    public static final List<String> LAYERS = List.of("foundation", "ingest", "store", "model", "serve");
    public static final List<String> STAGES = List.of("source", "raw", "enriched", "curated", "presentation");

    public Component {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        regions = regions == null ? List.of() : List.copyOf(regions);
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        resourceIds = resourceIds == null ? List.of() : List.copyOf(resourceIds);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        recovery = recovery == null ? List.of() : List.copyOf(recovery);
    }

    public String displayName() {
        return name == null ? id : name;
    }

    public int priorityOrDefault() {
        return priority == null ? 3 : priority;
    }
}
