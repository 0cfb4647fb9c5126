package dev.stormwatch.correlator.match;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static dev.stormwatch.correlator.HealthEvents.SECONDARY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.correlator.Catalogs;
import dev.stormwatch.correlator.FixtureEvents;
import dev.stormwatch.correlator.HealthEvents;
import dev.stormwatch.correlator.routing.RoutingIndex;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which components of the example platform a provider event hits. */
class ComponentMatcherTest {

    static final Catalog CONTOSO = Catalogs.contoso();
    static final ComponentMatcher MATCHER = ComponentMatcher.of(CONTOSO);
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    static List<String> hits(HealthEvent e) {
        return MATCHER.match(e).stream()
                .map(h -> h.componentId() + "@" + h.region())
                .toList();
    }

    @Test
    void aServiceInARegionHitsEveryComponentOfThatServiceThatRunsThere() {
        assertEquals(
                List.of("adls-raw@australiaeast", "adls-enriched@australiaeast", "adls-curated@australiaeast"),
                hits(HealthEvents.incident("T", "Storage", PRIMARY, T0).build()));
        assertEquals(
                List.of("data-factory@australiasoutheast"),
                hits(HealthEvents.incident("T", "Data Factory", SECONDARY, T0).build()));
    }

    @Test
    void serviceNamesAreNormalizedAndTheCatalogsAliasesCount() {
        assertEquals(
                List.of("synapse@australiaeast"),
                hits(HealthEvents.incident("T", "SQL Data Warehouse", PRIMARY, T0)
                        .build()));
        assertEquals(
                List.of("data-factory@australiaeast"),
                hits(HealthEvents.incident("T", "Data Factory V2", PRIMARY, T0).build()));
        assertEquals(
                List.of("key-vault@australiaeast"),
                hits(HealthEvents.incident("T", "Azure KeyVault", PRIMARY, T0).build()));
        assertEquals(
                List.of("adls-raw@australiaeast", "adls-enriched@australiaeast", "adls-curated@australiaeast"),
                hits(HealthEvents.incident("T", "Azure Data Lake Storage Gen2", PRIMARY, T0)
                        .build()));
        assertEquals(
                List.of("shared-services@australiaeast"),
                hits(HealthEvents.incident("T", "ExpressRoute", PRIMARY, T0).build()));
    }

    @Test
    void aRegionThePlatformDoesNotRunInHitsNothingAndGlobalHitsEveryRegion() {
        assertEquals(
                List.of(),
                hits(HealthEvents.incident("T", "Storage", "uksouth", T0).build()));
        assertEquals(
                List.of("power-bi@australiaeast", "power-bi@australiasoutheast"),
                hits(HealthEvents.incident("T", "Power BI", "global", T0).build()));
    }

    @Test
    void aResourceIdHitsTheComponentThatListsItOrAResourceItIsPartOf() {
        String account = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-dp-store/providers"
                + "/Microsoft.Storage/storageAccounts/stcontosodpraw";
        HealthEvent whole = HealthEvents.incident("T", "Storage", PRIMARY, T0)
                .impacted(List.of())
                .resources(List.of(account.toLowerCase()))
                .build();
        HealthEvent part = HealthEvents.incident("T", "Storage", PRIMARY, T0)
                .impacted(List.of())
                .resources(List.of(account + "/blobServices/default"))
                .build();
        HealthEvent inSecondary = HealthEvents.incident("T", "Storage", PRIMARY, T0)
                .impacted(List.of(new ImpactedService("Virtual Machines", SECONDARY)))
                .resources(List.of(account))
                .build();
        assertEquals(List.of("adls-raw@australiaeast"), hits(whole));
        assertEquals(List.of("adls-raw@australiaeast"), hits(part));
        assertEquals(List.of("adls-raw@australiasoutheast"), hits(inSecondary));
    }

    @Test
    void anEventScopedToAnotherSubscriptionHitsNothing() {
        assertEquals(
                List.of(),
                hits(HealthEvents.incident("T", "Storage", PRIMARY, T0)
                        .subscription("22222222-2222-2222-2222-222222222222")
                        .build()));
        assertEquals(
                3,
                hits(HealthEvents.incident("T", "Storage", PRIMARY, T0)
                                .subscription(null)
                                .build())
                        .size());
    }

    @Test
    void publishedFixturesHitTheExamplePlatformOnlyWhereItsServicesAndRegionsAre() {
        // NA0F-BJG as published: Service Fabric in UK South. Contoso runs neither.
        HealthEvent na0f = FixtureEvents.activityLogRest("activity-log-rest/rest-servicehealth-incident-NA0F-BJG.json");
        assertEquals(List.of(new ImpactedService("Service Fabric", "uksouth")), na0f.impacted());
        assertEquals(List.of(), hits(HealthEvents.from(na0f).subscription(null).build()));
        // The multi-region sample names Australia East and Southeast, Contoso's regions, but services it does not use.
        HealthEvent multi = HealthEvents.from(na0f)
                .impacted(List.of(
                        new ImpactedService("Alerts & Metrics", "australiaeast"),
                        new ImpactedService("Alerts & Metrics", "australiasoutheast"),
                        new ImpactedService("App Service", "australiasoutheast")))
                .subscription(null)
                .build();
        assertEquals(List.of(), hits(multi));
        // Re-pointed at Storage in Australia East (the service and region Contoso runs), the rest as published.
        assertEquals(
                List.of("adls-raw@australiaeast", "adls-enriched@australiaeast", "adls-curated@australiaeast"),
                hits(HealthEvents.from(na0f)
                        .impacted("Storage", PRIMARY)
                        .subscription(HealthEvents.CONTOSO_SUBSCRIPTION)
                        .build()));
    }

    @Test
    void theRouterFindsOnlyThePlatformsAnEventHits() {
        RoutingIndex index = new RoutingIndex();
        index.put(CONTOSO);
        index.put(Catalogs.specExample("warm-spare", "8h"));
        assertEquals(
                List.of("contoso-data-platform"),
                index.platformsHitBy(
                        HealthEvents.incident("T", "Storage", PRIMARY, T0).build()));
        assertEquals(
                List.of("spec-example"),
                index.platformsHitBy(HealthEvents.incident("T", "Storage", "westeurope", T0)
                        .subscription(null)
                        .build()));
        assertEquals(
                List.of("contoso-data-platform", "spec-example"),
                index.platformsHitBy(HealthEvents.incident("T", "Key Vault", "global", T0)
                        .subscription(null)
                        .build()));
        index.remove("contoso-data-platform");
        assertEquals(
                List.of(),
                index.platformsHitBy(
                        HealthEvents.incident("T", "Storage", PRIMARY, T0).build()));
    }
}
