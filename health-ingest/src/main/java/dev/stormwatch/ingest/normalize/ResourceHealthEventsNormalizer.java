package dev.stormwatch.ingest.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.stormwatch.ingest.normalize.PayloadFields.field;
import static dev.stormwatch.ingest.normalize.PayloadFields.first;
import static dev.stormwatch.ingest.normalize.PayloadFields.squash;
import static dev.stormwatch.ingest.normalize.PayloadFields.text;

/**
 * Microsoft.ResourceHealth {@code events} (REST api-version 2022-10-01 … 2025-05-01, and Resource Graph
 * ServiceHealthResources rows whose properties are the same fields in PascalCase). Severity from {@code eventLevel}
 * ({@code level} is always Warning in real data); the newest per-region update is the summary; the same tracking id
 * listed more than once (once per service in real data) becomes one event with every (service, region) pair and the
 * newest update time.
 */
public final class ResourceHealthEventsNormalizer {

    private ResourceHealthEventsNormalizer() {
    }

    /** A list response {@code {"value":[…], "nextLink":…}} or one event; {@code subscriptionId} is the polled one. */
    public static Normalized normalize(JsonNode body, String subscriptionId, String source) {
        List<HealthEvent> events = new ArrayList<>();
        JsonNode value = field(body, "value");
        if (value.isArray()) {
            int i = 0;
            for (JsonNode item : value) {
                events.add(event(item, subscriptionId, source, "value[" + i++ + "]"));
            }
        } else if (value.isMissingNode() && body.isObject()) {
            events.add(event(body, subscriptionId, source, "$"));
        } else {
            throw PayloadException.at("value", "expected an array of events, got " + PayloadFields.kind(value));
        }
        return Normalized.of(mergeByTrackingId(events));
    }

    static HealthEvent event(JsonNode item, String subscriptionId, String source, String path) {
        if (!item.isObject()) {
            throw PayloadException.at(path, "expected an event object, got " + PayloadFields.kind(item));
        }
        JsonNode props = field(item, "properties");
        String propsPath = path + ".properties";
        if (!props.isObject()) {
            // The JS SDK's dump flattens "properties" away.
            props = item;
            propsPath = path;
        }
        String trackingId = text(props, "trackingId");
        if (trackingId == null) {
            trackingId = text(item, "name");
        }
        if (trackingId == null) {
            throw PayloadException.at(path + ".name", "missing; an event is keyed by its tracking id");
        }
        String eventType = text(props, "eventType");
        HealthEventKind kind = ActivityLogEvents.serviceHealthKind(eventType);
        JsonNode impact = field(props, "impact");
        if (impact.isTextual()) {
            try {
                impact = JsonCodec.mapper().readTree(impact.asText());
            } catch (JsonProcessingException e) {
                throw PayloadException.at(propsPath + ".impact", "a string that is not JSON");
            }
        }
        Set<ImpactedService> impacted = new LinkedHashSet<>();
        Instant latestUpdateAt = null;
        String latestUpdate = null;
        Set<String> latestTags = new LinkedHashSet<>();
        String firstImpactedSubscription = null;
        if (impact.isArray()) {
            for (JsonNode service : impact) {
                String name = text(service, "impactedService", "ServiceName");
                for (JsonNode region : PayloadFields.array(service, "impactedRegions", propsPath + ".impact[].impactedRegions")) {
                    String r = Regions.canonical(region.isTextual() ? region.asText() : text(region, "impactedRegion", "RegionName"));
                    if (name != null && r != null) {
                        impacted.add(new ImpactedService(name, r));
                    }
                    JsonNode subs = field(region, "impactedSubscriptions");
                    if (firstImpactedSubscription == null && subs.isArray() && !subs.isEmpty()) {
                        firstImpactedSubscription = PayloadFields.scalar(subs.get(0));
                    }
                    for (JsonNode update : PayloadFields.array(region, "updates", propsPath + ".impact[].impactedRegions[].updates")) {
                        Instant at = ProviderTimes.at(update, "updateDateTime", propsPath + ".impact[].impactedRegions[].updates[].updateDateTime");
                        if (at != null && (latestUpdateAt == null || at.isAfter(latestUpdateAt))) {
                            latestUpdateAt = at;
                            latestUpdate = text(update, "summary");
                            latestTags.clear();
                            for (JsonNode tag : PayloadFields.array(update, "eventTags", "eventTags")) {
                                latestTags.add(squash(tag.asText()));
                            }
                        }
                    }
                }
            }
        }
        String subscription = subscriptionId != null ? subscriptionId
                : PayloadFields.lower(text(item, "subscriptionId") != null ? text(item, "subscriptionId") : text(props, "subscriptionId"));
        if (subscription == null && firstImpactedSubscription != null) {
            subscription = PayloadFields.lower(firstImpactedSubscription);
        }
        String summary = latestUpdate != null ? latestUpdate : text(props, "description", "summary");
        return new HealthEvent(
                source,
                kind,
                trackingId,
                text(props, "title"),
                PlainText.of(summary),
                stage(eventType, text(props, "status"), latestTags),
                EventLevels.of(first(props, "eventLevel", "level")),
                new ArrayList<>(impacted),
                List.of(),
                subscription,
                ProviderTimes.at(props, "impactStartTime", propsPath + ".impactStartTime"),
                ProviderTimes.at(props, "impactMitigationTime", propsPath + ".impactMitigationTime"),
                ProviderTimes.at(props, "lastUpdateTime", propsPath + ".lastUpdateTime"),
                PortalLinks.serviceHealth(trackingId, subscription),
                null,
                false);
    }

    /** Resolved events whose newest update is tagged as a PIR are "rca"; an eventType RCA is too. */
    static HealthStage stage(String eventType, String status, Set<String> latestTags) {
        if ("rca".equals(squash(eventType))) {
            return HealthStage.RCA;
        }
        HealthStage stage = ActivityLogEvents.serviceHealthStage(status, null);
        if (stage == HealthStage.RESOLVED && (latestTags.contains("finalpir") || latestTags.contains("preliminarypir"))) {
            return HealthStage.RCA;
        }
        return stage;
    }

    /** Events sharing a tracking id become one; events without one (resource availability) stay as they are. */
    static List<HealthEvent> mergeByTrackingId(List<HealthEvent> events) {
        Map<Object, HealthEvent> byId = new LinkedHashMap<>();
        for (HealthEvent e : events) {
            Object key = e.trackingId() != null ? e.trackingId() : new Object();
            byId.merge(key, e, ResourceHealthEventsNormalizer::merge);
        }
        return new ArrayList<>(byId.values());
    }

    private static HealthEvent merge(HealthEvent a, HealthEvent b) {
        boolean bNewer = b.lastUpdate() != null && (a.lastUpdate() == null || b.lastUpdate().isAfter(a.lastUpdate()));
        HealthEvent newest = bNewer ? b : a;
        Set<ImpactedService> impacted = new LinkedHashSet<>(a.impacted());
        impacted.addAll(b.impacted());
        return new HealthEvent(newest.source(), newest.kind(), newest.trackingId(), newest.title(), newest.summary(),
                newest.stage(), newest.level(), new ArrayList<>(impacted), newest.resourceIds(), newest.subscriptionId(),
                newest.impactStart(), newest.impactMitigation(), newest.lastUpdate(), newest.link(),
                newest.availabilityState(), newest.synthetic());
    }
}
