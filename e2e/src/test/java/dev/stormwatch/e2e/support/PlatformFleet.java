package dev.stormwatch.e2e.support;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * Small platforms whose expected incidents and pages can be counted exactly: platform {@code i} runs in its own primary
 * region with one Storage component of priority 2 (below the invoke-dr threshold, so no DR decision is raised) and one
 * on-call contact, paged once at level 1 on the inbox's signed webhook {@code /inbox/<platform id>}, with a 24 h level
 * delay so that no escalation or repeat happens during a test. Every provider event for Storage in that region with an
 * impact start within the grouping window therefore joins one incident, which pages exactly one person exactly once.
 * {@link #inOneRegion} builds the other shape, the one a regional outage hits: every platform in the same region.
 */
public final class PlatformFleet {

    /** Primary regions, one per platform; none is the shared secondary region. */
    private static final List<String> REGIONS = List.of(
            "westeurope",
            "eastus",
            "southcentralus",
            "southeastasia",
            "northeurope",
            "swedencentral",
            "uksouth",
            "centralus",
            "southafricanorth",
            "centralindia",
            "eastasia",
            "japaneast",
            "koreacentral",
            "canadacentral",
            "francecentral",
            "germanywestcentral",
            "italynorth",
            "norwayeast",
            "polandcentral",
            "spaincentral",
            "switzerlandnorth",
            "mexicocentral",
            "uaenorth",
            "brazilsouth",
            "israelcentral",
            "qatarcentral",
            "northcentralus",
            "westus",
            "japanwest",
            "westcentralus",
            "southafricawest",
            "australiacentral",
            "koreasouth",
            "southindia",
            "westindia",
            "canadaeast",
            "francesouth",
            "germanynorth",
            "norwaywest",
            "switzerlandwest",
            "ukwest",
            "uaecentral",
            "brazilsoutheast",
            "indonesiacentral",
            "malaysiawest",
            "chilecentral",
            "austriaeast",
            "belgiumcentral",
            "denmarkeast");

    private static final String SECONDARY = "newzealandnorth";

    private final String name;
    private final int first;
    private final int count;
    private final String inboxUrl;
    private final boolean oneRegion;

    /** {@code count} platforms named {@code <name>-<n>}, using regions {@code first} to {@code first + count - 1}. */
    public PlatformFleet(String name, int first, int count, String inboxUrl) {
        this(name, first, count, inboxUrl, false);
    }

    private PlatformFleet(String name, int first, int count, String inboxUrl, boolean oneRegion) {
        if (first + (oneRegion ? 1 : count) > REGIONS.size()) {
            throw new IllegalArgumentException("only " + REGIONS.size() + " distinct regions for platforms");
        }
        this.name = name;
        this.first = first;
        this.count = count;
        this.inboxUrl = inboxUrl;
        this.oneRegion = oneRegion;
    }

    /** {@code count} platforms named {@code <name>-<n>}, all with region {@code region} as their primary. */
    public static PlatformFleet inOneRegion(String name, int region, int count, String inboxUrl) {
        return new PlatformFleet(name, region, count, inboxUrl, true);
    }

    public int size() {
        return count;
    }

    public String platformId(int i) {
        return name + "-" + i;
    }

    public String region(int i) {
        return REGIONS.get(oneRegion ? first : first + i);
    }

    /** The inbox path where platform {@code i}'s on-call contact is paged. */
    public String inboxPath(int i) {
        return "/inbox/" + platformId(i);
    }

    public List<String> platformIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(platformId(i));
        }
        return ids;
    }

    /** Every platform's catalog, parsed and validated by the real loader. */
    public List<Catalog> catalogs() {
        List<Catalog> catalogs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            catalogs.add(CatalogLoader.parse(platformId(i) + ".yaml", catalogYaml(i)));
        }
        return catalogs;
    }

    /** Platform {@code i}'s catalog as YAML, for a test that adds to it before parsing. */
    public String catalogYaml(int i) {
        String id = platformId(i);
        return """
                platform:
                  id: %1$s
                  name: Platform %1$s
                  primaryRegion: %2$s
                  secondaryRegion: %3$s
                  strategy: warm-spare
                  rto: 8h
                  rpo: 4h
                  drLead: oncall
                  escalationPolicy: page-once
                components:
                  - id: store
                    name: Storage of %1$s
                    service: Storage
                    layer: store
                    priority: 2
                    owner: oncall
                contacts:
                  - id: oncall
                    name: On-call engineer of %1$s
                    timeZone: Etc/UTC
                    channels:
                      - { type: webhook, address: "%4$s/inbox/%1$s", secretRef: STORMWATCH_WEBHOOK_SECRET }
                escalationPolicies:
                  - id: page-once
                    repeat: 0
                    levels:
                      - after: 24h
                        notify: [contact:oncall]
                """.formatted(id, region(i), SECONDARY, inboxUrl);
    }
}
