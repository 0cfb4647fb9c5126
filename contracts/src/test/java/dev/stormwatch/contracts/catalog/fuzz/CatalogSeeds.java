package dev.stormwatch.contracts.catalog.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalogs the loader fuzz starts from: the example DR plan of the repository and small hand-written ones that
 * between them reach every section (roles, rosters with overrides, leave, policies, downstream, flow style).
 */
final class CatalogSeeds {

    static final Path CONTOSO = Path.of(System.getProperty("stormwatch.repo.dir", ".."))
            .resolve("deploy/catalog/contoso-data-platform.yaml");

    static final String MINIMAL = """
            platform:
              id: minimal
              primaryRegion: westeurope
              secondaryRegion: northeurope
              strategy: redeploy
              rto: 4h
            components:
              - id: storage
                service: Storage
                layer: store
            """;

    static final String EVERY_SECTION = """
            # Every section once, so that a mutation can land in any of them.
            platform:
              id: every-section
              name: Every section
              primaryRegion: West Europe
              secondaryRegion: North Europe
              strategy: hot-spare
              rto: 2h30m
              rpo: PT15M
              subscriptions: [22222222-2222-2222-2222-222222222222]
              drLead: ann
              escalationPolicy: default
              drillInterval: 180d
            components:
              - id: vault
                service: Key Vault
                layer: foundation
                priority: 1
                owner: ann
                regions: [westeurope, northeurope]
                recovery:
                  - { name: Fail over the vault, expected: 10m, contingency: 5m, escalation: bob }
              - id: lake
                name: Data lake
                service: Storage
                aliases: [ADLS Gen2]
                layer: store
                stage: raw
                freshness: 4h
                dependsOn: [vault]
                escalationPolicy: default
                resourceIds:
                  - /subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg/providers/Microsoft.Storage/\
            storageAccounts/lake
                recovery:
                  - name: Copy the raw zone
                    expected: 1h
                    parallelGroup: copy
                  - name: Copy the curated zone
                    expected: 45m
                    parallelGroup: copy
                    validation: Row counts match
                    onFailure: Restore from the geo-redundant copy
            contacts:
              - id: ann
                name: Ann
                role: DR lead
                timeZone: Europe/Amsterdam
                backup: bob
                channels:
                  - { type: email, address: ann@example.org }
                  - { type: teams, addressRef: STORMWATCH_WEBHOOK_TEAMS_ANN }
                leave:
                  - { from: "2026-07-01", to: "2026-07-14" }
              - id: bob
                timeZone: Europe/Dublin
                channels:
                  - { type: webhook, address: "https://hooks.example.org/bob", secretRef: BOB_SECRET }
                  - { type: slack, addressRef: STORMWATCH_WEBHOOK_SLACK_BOB }
            roles:
              dr-lead: [ann]
              backup: [bob]
            rosters:
              - id: oncall
                timeZone: Europe/London
                handoff: "08:30"
                rotation: 7d
                start: "2026-01-05"
                members: [ann, bob]
                overrides:
                  - { from: "2026-12-24T18:00", to: "2026-12-27T09:00", contact: bob }
            escalationPolicies:
              - id: default
                repeat: 2
                levels:
                  - { after: 5m, notify: [roster:oncall] }
                  - { after: 10m, notify: [role:dr-lead, contact:bob] }
            downstream:
              - { id: reports, name: Reporting, components: [lake], contact: bob }
            """;

    /** The same shapes in YAML's flow (JSON-like) style, which mutations break differently. */
    static final String FLOW_STYLE = """
            {"platform": {"id": "flow", "primaryRegion": "eastus", "secondaryRegion": "westus",\
             "strategy": "warm-spare",
              "rto": "8h", "drLead": "cy"},
             "components": [{"id": "db", "service": "SQL Database", "layer": "store", "priority": 2,
                             "recovery": [{"name": "Geo-restore", "expected": "30m"}]},
                            {"id": "app", "service": "App Service", "layer": "serve", "dependsOn": ["db"]}],
             "contacts": [{"id": "cy", "channels": [{"type": "email", "address": "cy@example.org"}]}],
             "escalationPolicies": [{"id": "p", "levels": [{"after": "15m", "notify": ["contact:cy"]}]}]}
            """;

    private CatalogSeeds() {}

    /** Name → YAML text of every seed; the example plan only when the repository has it. */
    static Map<String, String> all() {
        Map<String, String> seeds = new LinkedHashMap<>();
        if (Files.isRegularFile(CONTOSO)) {
            try {
                seeds.put("contoso-data-platform.yaml", Files.readString(CONTOSO, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            System.out.println("catalog fuzz: " + CONTOSO + " not found: fuzzing the hand-written seeds only");
        }
        seeds.put("minimal.yaml", MINIMAL);
        seeds.put("every-section.yaml", EVERY_SECTION);
        seeds.put("flow-style.yaml", FLOW_STYLE);
        return seeds;
    }
}
