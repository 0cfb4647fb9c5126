package dev.stormwatch.correlator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/**
 * The public provider payloads of {@code ../shared/fixtures}, read into the health events health-ingest makes of them:
 * the fields as published (tracking id, title, stage, level, impacted services, times, synthetic flag). Only the few
 * fields the correlator reads are mapped; health-ingest owns the full normalisation. Tests that need the event to hit
 * the example platform re-point it explicitly ({@link HealthEvents}), and say so.
 *
 * <p>The fixtures are found through the system property {@code stormwatch.shared.dir}; without them the test is skipped
 * with a message.
 */
public final class FixtureEvents {

    private FixtureEvents() {}

    public static Path dir() {
        String dir = System.getProperty("stormwatch.shared.dir");
        Path fixtures = dir == null ? null : Path.of(dir, "fixtures");
        Assumptions.assumeTrue(
                fixtures != null && Files.isDirectory(fixtures),
                "../shared not found (stormwatch.shared.dir=" + dir + "): fixture tests skipped");
        return fixtures;
    }

    static JsonNode read(String relative) {
        try {
            return JsonCodec.mapper().readTree(Files.readString(dir().resolve(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Service Health event from a common-alert-schema payload (whole, or just its alertContext). */
    public static HealthEvent commonAlertServiceHealth(String relative) {
        JsonNode root = read(relative);
        JsonNode data = root.path("data");
        JsonNode context = data.isMissingNode() ? root.path("alertContext") : data.path("alertContext");
        JsonNode p = context.path("properties");
        String subscription = null;
        JsonNode targets = data.path("essentials").path("alertTargetIDs");
        if (targets.isArray() && targets.size() > 0) {
            String t = targets.get(0).asText();
            subscription = t.startsWith("/subscriptions/") ? t.split("/")[2] : null;
        }
        return serviceHealth(
                "azure-monitor",
                p,
                level(context.path("level")),
                subscription,
                instant(context.path("eventTimestamp")),
                "True".equalsIgnoreCase(p.path("IsSynthetic").asText()));
    }

    /** A Service Health event from the Activity Log REST shape. */
    public static HealthEvent activityLogRest(String relative) {
        JsonNode root = read(relative);
        return serviceHealth(
                "activity-log",
                root.path("properties"),
                level(root.path("level")),
                root.path("subscriptionId").asText(null),
                instant(root.path("eventTimestamp")),
                false);
    }

    /** A Resource Health event from a common-alert-schema payload: the resource is the alert target. */
    public static HealthEvent commonAlertResourceHealth(String relative) {
        JsonNode data = read(relative).path("data");
        JsonNode context = data.path("alertContext");
        JsonNode p = context.path("properties");
        String resource =
                data.path("essentials").path("alertTargetIDs").get(0).asText().toLowerCase(Locale.ROOT);
        String state = p.path("currentHealthStatus").asText(null);
        HealthStage stage = "Resolved".equalsIgnoreCase(context.path("status").asText())
                ? HealthStage.RESOLVED
                : HealthStage.ACTIVE;
        return new HealthEvent(
                "azure-monitor",
                HealthEventKind.RESOURCE_AVAILABILITY,
                null,
                p.path("title").asText(null),
                p.path("details").asText(null),
                stage,
                level(context.path("level")),
                List.of(),
                List.of(resource),
                resource.split("/")[2],
                null,
                null,
                instant(context.path("eventTimestamp")),
                null,
                state == null ? null : state.toLowerCase(Locale.ROOT),
                false);
    }

    private static HealthEvent serviceHealth(
            String source, JsonNode p, String level, String subscription, Instant at, boolean synthetic) {
        List<ImpactedService> impacted = new ArrayList<>();
        try {
            JsonNode services =
                    JsonCodec.mapper().readTree(p.path("impactedServices").asText("[]"));
            for (JsonNode s : services) {
                for (JsonNode r : s.path("ImpactedRegions")) {
                    impacted.add(new ImpactedService(
                            s.path("ServiceName").asText(),
                            Regions.canonical(r.path("RegionName").asText())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HealthEvent(
                source,
                kind(p.path("incidentType").asText()),
                p.path("trackingId").asText(null),
                p.path("title").asText(null),
                p.path("communication").asText(null),
                HealthStage.of(p.path("stage").asText("Active").replace("InProgress", "Active")),
                level,
                impacted,
                List.of(),
                subscription,
                instant(p.path("impactStartTime")),
                instant(p.path("impactMitigationTime")),
                at,
                null,
                null,
                synthetic);
    }

    private static HealthEventKind kind(String incidentType) {
        return switch (incidentType) {
            case "Maintenance" -> HealthEventKind.PLANNED_MAINTENANCE;
            case "Security" -> HealthEventKind.SECURITY_ADVISORY;
            case "Information", "Informational", "ActionRequired" -> HealthEventKind.HEALTH_ADVISORY;
            default -> HealthEventKind.SERVICE_INCIDENT;
        };
    }

    /** Levels as text, or the common schema's numbers (FIELDS.md: 0 critical, 1 error, 2 warning, 3 informational). */
    private static String level(JsonNode level) {
        if (level.isNumber()) {
            return switch (level.asInt()) {
                case 0 -> "critical";
                case 1 -> "error";
                case 2 -> "warning";
                default -> "informational";
            };
        }
        return level.isMissingNode() || level.isNull() ? null : level.asText().toLowerCase(Locale.ROOT);
    }

    private static Instant instant(JsonNode node) {
        if (node.isMissingNode() || node.isNull() || node.asText().isBlank()) {
            return null;
        }
        return OffsetDateTime.parse(node.asText()).toInstant();
    }
}
