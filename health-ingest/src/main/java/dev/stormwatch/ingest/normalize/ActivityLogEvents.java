package dev.stormwatch.ingest.normalize;

import static dev.stormwatch.ingest.normalize.PayloadFields.field;
import static dev.stormwatch.ingest.normalize.PayloadFields.lower;
import static dev.stormwatch.ingest.normalize.PayloadFields.squash;
import static dev.stormwatch.ingest.normalize.PayloadFields.text;
import static dev.stormwatch.ingest.normalize.PayloadFields.truthy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Maps an {@link ActivityLogEvent} of category ServiceHealth or ResourceHealth onto a {@link HealthEvent}. */
final class ActivityLogEvents {

    private ActivityLogEvents() {}

    static Normalized normalize(ActivityLogEvent e, String source) {
        if (ActivityLogEvent.SERVICE_HEALTH.equals(e.category())) {
            return Normalized.of(List.of(serviceHealth(e, source)));
        }
        if (ActivityLogEvent.RESOURCE_HEALTH.equals(e.category())) {
            return Normalized.of(List.of(resourceHealth(e, source)));
        }
        return Normalized.unsupported(unsupportedCategory(e.categoryText(), e.operationName()));
    }

    static String unsupportedCategory(String category, String operationName) {
        return "unsupported category '" + (category == null ? "none" : category) + "'"
                + (operationName == null ? "" : " (operation " + operationName + ")")
                + ": only ServiceHealth and ResourceHealth activity-log events are ingested";
    }

    static HealthEvent serviceHealth(ActivityLogEvent e, String source) {
        JsonNode p = e.properties();
        String path = e.propertiesPath();
        String trackingId = PayloadFields.string(p, "trackingId", path + ".trackingId");
        if (trackingId == null) {
            throw PayloadException.at(
                    path + ".trackingId", "missing; a Service Health event is keyed by its tracking id");
        }
        List<ImpactedService> impacted = ImpactedServicesField.parse(field(p, "impactedServices"));
        if (impacted.isEmpty()) {
            String service = text(p, "service");
            String region = Regions.canonical(text(p, "region"));
            if (service != null && region != null) {
                impacted = List.of(new ImpactedService(service, region));
            }
        }
        HealthEventKind kind = serviceHealthKind(text(p, "incidentType"));
        String title = text(p, "title", "defaultLanguageTitle");
        String summary = PlainText.of(text(p, "communication", "defaultLanguageContent"));
        Instant impactStart = ProviderTimes.at(p, "impactStartTime", path + ".impactStartTime");
        Instant impactMitigation = ProviderTimes.at(p, "impactMitigationTime", path + ".impactMitigationTime");
        // Maintenance is judged against the alert's own time: what Azure said then, whenever it arrives.
        HealthStage stage = ServiceHealthStages.refine(
                serviceHealthStage(text(p, "stage"), e.status()),
                kind,
                ServiceHealthStages.isPir(title, summary),
                impactStart,
                impactMitigation,
                e.eventTimestamp());
        return new HealthEvent(
                source,
                kind,
                trackingId,
                title,
                summary,
                stage,
                e.level(),
                impacted,
                List.of(),
                e.subscriptionId(),
                impactStart,
                impactMitigation,
                e.eventTimestamp(),
                PortalLinks.serviceHealth(trackingId, e.subscriptionId()),
                null,
                truthy(p, "IsSynthetic"));
    }

    static HealthEvent resourceHealth(ActivityLogEvent e, String source) {
        JsonNode p = e.properties();
        String state = lower(text(p, "currentHealthStatus", "healthStatus"));
        HealthStage stage;
        if (state != null) {
            stage = state.equals("available") ? HealthStage.RESOLVED : HealthStage.ACTIVE;
        } else {
            String s = squash(text(p, "stage"));
            if (s == null) {
                s = squash(e.status());
            }
            stage = "resolved".equals(s) ? HealthStage.RESOLVED : HealthStage.ACTIVE;
        }
        String resourceId = e.resourceId();
        return new HealthEvent(
                source,
                HealthEventKind.RESOURCE_AVAILABILITY,
                null,
                text(p, "title"),
                PlainText.of(text(p, "details")),
                stage,
                e.level(),
                List.of(),
                resourceId == null ? List.of() : List.of(resourceId.toLowerCase(Locale.ROOT)),
                e.subscriptionId(),
                stage == HealthStage.ACTIVE ? e.eventTimestamp() : null,
                stage == HealthStage.RESOLVED ? e.eventTimestamp() : null,
                e.eventTimestamp(),
                PortalLinks.resourceHealth(resourceId),
                state,
                truthy(p, "IsSynthetic"));
    }

    /** Service Health {@code incidentType} → kind; unknown types are communications, hence advisories. */
    static HealthEventKind serviceHealthKind(String incidentType) {
        String t = squash(incidentType);
        if (t == null) {
            return HealthEventKind.SERVICE_INCIDENT;
        }
        return switch (t) {
            case "incident", "assistedrecovery", "serviceissue", "emergingissues", "rca" ->
                HealthEventKind.SERVICE_INCIDENT;
            case "maintenance", "plannedmaintenance" -> HealthEventKind.PLANNED_MAINTENANCE;
            case "security", "securityadvisory" -> HealthEventKind.SECURITY_ADVISORY;
            default -> HealthEventKind.HEALTH_ADVISORY;
        };
    }

    /**
     * Service Health {@code stage} → stage. Maintenance's InProgress is active, Rescheduled still planned, Canceled
     * ends it like Complete. Without a stage the envelope status decides; an unknown stage is read as active rather
     * than dropped.
     */
    static HealthStage serviceHealthStage(String stage, String status) {
        String s = squash(stage);
        if (s == null || s.isEmpty()) {
            s = squash(status);
        }
        if (s == null) {
            return HealthStage.ACTIVE;
        }
        return switch (s) {
            case "resolved", "mitigated" -> HealthStage.RESOLVED;
            case "rca", "pirpublished", "postincidentreviewpublished" -> HealthStage.RCA;
            case "planned", "rescheduled", "scheduled" -> HealthStage.PLANNED;
            case "complete", "completed", "canceled", "cancelled" -> HealthStage.COMPLETE;
            default -> HealthStage.ACTIVE;
        };
    }
}
