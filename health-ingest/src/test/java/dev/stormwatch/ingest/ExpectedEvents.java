package dev.stormwatch.ingest;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import java.time.Instant;
import java.util.List;

/** The health events the webhook fixtures of ../shared/fixtures must become, written out in full. */
public final class ExpectedEvents {

    public static final String CAS_SUMMARY = "Summary of impact: This is the impact summary.\n"
            + "Preliminary Root Cause: This is the preliminary root cause.\n"
            + "Mitigation: Mitigation description.\n"
            + "Next steps: These are the next steps.\n"
            + "Stay informed about Azure service issues by creating custom service health alerts: "
            + "https://aka.ms/ash-videos for video tutorials and https://aka.ms/ash-alerts for how-to documentation.";

    private ExpectedEvents() {}

    public static HealthEvent casServiceHealthIncident(List<ImpactedService> impacted) {
        return new HealthEvent(
                "azure-monitor",
                HealthEventKind.SERVICE_INCIDENT,
                "ABC1-DEF",
                "Test Action Group - Test Service Health Alert",
                CAS_SUMMARY,
                HealthStage.RESOLVED,
                "informational",
                impacted,
                List.of(),
                "11111111-1111-1111-1111-111111111111",
                Instant.parse("2021-11-16T20:00:00Z"),
                Instant.parse("2021-11-17T01:00:00Z"),
                Instant.parse("2021-11-17T05:34:44.5778226Z"),
                "https://app.azure.com/h/ABC1-DEF/111111",
                null,
                true);
    }

    public static HealthEvent casResourceHealth() {
        return new HealthEvent(
                "azure-monitor",
                HealthEventKind.RESOURCE_AVAILABILITY,
                null,
                "Rebooted by user",
                null,
                HealthStage.ACTIVE,
                "informational",
                List.of(),
                List.of("/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups/test-rg/providers/"
                        + "microsoft.compute/virtualmachines/test-vm"),
                "11111111-1111-1111-1111-111111111111",
                Instant.parse("2021-11-16T09:50:20.406Z"),
                null,
                Instant.parse("2021-11-16T09:50:20.406Z"),
                "https://portal.azure.com/#resource/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups/"
                        + "test-RG/providers/microsoft.compute/virtualmachines/test-VM/resourceHealth",
                "unavailable",
                false);
    }

    public static HealthEvent legacyResourceHealth() {
        return new HealthEvent(
                "azure-monitor",
                HealthEventKind.RESOURCE_AVAILABILITY,
                null,
                "Virtual Machine health status changed to unavailable",
                "Virtual machine has experienced an unexpected event",
                HealthStage.ACTIVE,
                "informational",
                List.of(),
                List.of("/subscriptions/<subscription id>/resourcegroups/<resource "
                        + "group>/providers/microsoft.compute/virtualmachines/<resource name>"),
                "<subscription id>",
                Instant.parse("2018-09-04T23:09:03.343Z"),
                null,
                Instant.parse("2018-09-04T23:09:03.343Z"),
                "https://portal.azure.com/#resource/subscriptions/<subscription Id>/resourceGroups/<resource "
                        + "group>/providers/Microsoft.Compute/virtualMachines/<resource name>/resourceHealth",
                "unavailable",
                false);
    }
}
