package dev.stormwatch.correlator.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.HealthEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which platforms an event is routed to, among platforms that use the same service in different regions. */
class RoutingIndexTest {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    static Catalog platform(String id, String primary, String secondary, String resource) {
        return Catalogs.parse("""
                platform:
                  id: %1$s
                  name: %1$s
                  primaryRegion: %2$s
                  secondaryRegion: %3$s
                  strategy: warm-spare
                  rto: 8h
                  drLead: oncall
                  escalationPolicy: once
                components:
                  - { id: store, name: Storage, service: Azure Storage, layer: store, priority: 2, owner: oncall,
                      resourceIds: ["%4$s"] }
                  - { id: vault, name: Vault, service: Key Vault, layer: foundation, priority: 2, owner: oncall,
                      regions: [%2$s] }
                contacts:
                  - id: oncall
                    name: On call
                    timeZone: Etc/UTC
                    channels: [ { type: email, address: oncall@example.com } ]
                escalationPolicies:
                  - { id: once, repeat: 0, levels: [ { after: 24h, notify: [contact:oncall] } ] }
                """.formatted(id, primary, secondary, resource));
    }

    static RoutingIndex index() {
        RoutingIndex index = new RoutingIndex();
        index.put(platform("west", "westeurope", "northeurope", "/subscriptions/s/resourceGroups/w/x/west"));
        index.put(platform("east", "eastus", "westus", "/subscriptions/s/resourceGroups/e/x/east"));
        index.put(platform("north", "northeurope", "westeurope", "/subscriptions/s/resourceGroups/n/x/north"));
        return index;
    }

    static HealthEvent outage(String service, String region) {
        return HealthEvents.incident("T", service, region, T0).build();
    }

    @Test
    void aServiceInOneRegionGoesOnlyToThePlatformsThatRunItThere() {
        RoutingIndex index = index();
        assertEquals(List.of("north", "west"), index.platformsHitBy(outage("Storage", "West Europe")));
        assertEquals(List.of("east"), index.platformsHitBy(outage("Storage", "westus")));
        assertEquals(List.of(), index.platformsHitBy(outage("Storage", "Japan East")));
        // A component listing its regions runs only there, though the platform has a secondary.
        assertEquals(List.of("west"), index.platformsHitBy(outage("Azure Key Vault", "West Europe")));
        assertEquals(List.of("north"), index.platformsHitBy(outage("KeyVault", "northeurope")));
    }

    @Test
    void aGlobalOrRegionlessPairGoesToEveryPlatformUsingTheService() {
        RoutingIndex index = index();
        assertEquals(List.of("east", "north", "west"), index.platformsHitBy(outage("Storage", "Global")));
        HealthEvent regionless = HealthEvents.incident("T", "Key Vault", "West Europe", T0)
                .impacted(List.of(new ImpactedService("Key Vault", null)))
                .build();
        assertEquals(List.of("east", "north", "west"), index.platformsHitBy(regionless));
    }

    @Test
    void aResourceGoesToThePlatformListingItOrWhatItIsPartOf() {
        RoutingIndex index = index();
        HealthEvent resource = HealthEvents.incident("T", "Virtual Machines", "Japan East", T0)
                .resources(List.of("/SUBSCRIPTIONS/s/resourceGroups/e/x/east/blobServices/default/"))
                .build();
        assertEquals(List.of("east"), index.platformsHitBy(resource));
    }

    @Test
    void aReplacedOrRemovedCatalogNoLongerRoutes() {
        RoutingIndex index = index();
        index.put(platform("west", "japaneast", "japanwest", "/subscriptions/s/resourceGroups/w/x/west"));
        assertEquals(List.of("north"), index.platformsHitBy(outage("Storage", "West Europe")));
        assertEquals(List.of("west"), index.platformsHitBy(outage("Storage", "Japan West")));
        index.remove("north");
        assertEquals(List.of(), index.platformsHitBy(outage("Storage", "West Europe")));
        assertEquals(List.of("east", "west"), index.platformsHitBy(outage("Storage", "Global")));
    }
}
