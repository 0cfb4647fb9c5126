package dev.stormwatch.ingest.normalize;

import static dev.stormwatch.ingest.normalize.PayloadFields.field;
import static dev.stormwatch.ingest.normalize.PayloadFields.first;
import static dev.stormwatch.ingest.normalize.PayloadFields.squash;
import static dev.stormwatch.ingest.normalize.PayloadFields.text;

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

/**
 * Microsoft.ResourceHealth {@code events} (REST api-version 2022-10-01 … 2025-05-01, and Resource Graph
 * ServiceHealthResources rows whose properties are the same fields in PascalCase). One event per (tracking id,
 * service), as the {@code impact[]} array lists them, with every region of that service and that service's newest
 * update as the summary. Severity from {@code eventLevel} ({@code level} is always Warning in real data). The same
 * tracking id listed more than once for one service (real data repeats it) becomes one event with every region and the
 * newest update time. Stages follow {@link ServiceHealthStages}: PIRs by tags, title or article; maintenance planned,
 * active or complete against {@code now}.
 */
public final class ResourceHealthEventsNormalizer {

    private ResourceHealthEventsNormalizer() {}

    /**
     * As {@link #normalize(JsonNode, String, String, Instant)}, maintenance judged against each event's own update
     * time.
     */
    public static Normalized normalize(JsonNode body, String subscriptionId, String source) {
        return normalize(body, subscriptionId, source, null);
    }

    /** A list response {@code {"value":[…], "nextLink":…}} or one event; {@code subscriptionId} is the polled one. */
    public static Normalized normalize(JsonNode body, String subscriptionId, String source, Instant now) {
        List<HealthEvent> events = new ArrayList<>();
        JsonNode value = field(body, "value");
        if (value.isArray()) {
            int i = 0;
            for (JsonNode item : value) {
                events.addAll(events(item, subscriptionId, source, "value[" + i++ + "]", now));
            }
        } else if (value.isMissingNode() && body.isObject()) {
            events.addAll(events(body, subscriptionId, source, "$", now));
        } else {
            throw PayloadException.at("value", "expected an array of events, got " + PayloadFields.kind(value));
        }
        return Normalized.of(mergeByTrackingId(events));
    }

    /** One service's part of an event: its regions and its newest update. */
    private static final class ServicePart {
        final String name;
        final Set<ImpactedService> impacted = new LinkedHashSet<>();
        Instant latestUpdateAt;
        String latestUpdate;
        final Set<String> latestTags = new LinkedHashSet<>();

        ServicePart(String name) {
            this.name = name;
        }
    }

    static List<HealthEvent> events(JsonNode item, String subscriptionId, String source, String path, Instant now) {
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
        Map<String, ServicePart> parts = new LinkedHashMap<>();
        String firstImpactedSubscription = null;
        if (impact.isArray()) {
            for (JsonNode service : impact) {
                String name = text(service, "impactedService", "ServiceName");
                ServicePart part = parts.computeIfAbsent(
                        name == null ? "" : name.toLowerCase(java.util.Locale.ROOT), k -> new ServicePart(name));
                for (JsonNode region :
                        PayloadFields.array(service, "impactedRegions", propsPath + ".impact[].impactedRegions")) {
                    String r = Regions.canonical(
                            region.isTextual() ? region.asText() : text(region, "impactedRegion", "RegionName"));
                    if (name != null && r != null) {
                        part.impacted.add(new ImpactedService(name, r));
                    }
                    JsonNode subs = field(region, "impactedSubscriptions");
                    if (firstImpactedSubscription == null && subs.isArray() && !subs.isEmpty()) {
                        firstImpactedSubscription = PayloadFields.scalar(subs.get(0));
                    }
                    for (JsonNode update :
                            PayloadFields.array(region, "updates", propsPath + ".impact[].impactedRegions[].updates")) {
                        Instant at = ProviderTimes.at(
                                update,
                                "updateDateTime",
                                propsPath + ".impact[].impactedRegions[].updates[].updateDateTime");
                        if (at != null && (part.latestUpdateAt == null || at.isAfter(part.latestUpdateAt))) {
                            part.latestUpdateAt = at;
                            part.latestUpdate = text(update, "summary");
                            part.latestTags.clear();
                            for (JsonNode tag : PayloadFields.array(update, "eventTags", "eventTags")) {
                                part.latestTags.add(squash(tag.asText()));
                            }
                        }
                    }
                }
            }
        }
        String subscription = subscriptionId != null
                ? subscriptionId
                : PayloadFields.lower(
                        text(item, "subscriptionId") != null
                                ? text(item, "subscriptionId")
                                : text(props, "subscriptionId"));
        if (subscription == null && firstImpactedSubscription != null) {
            subscription = PayloadFields.lower(firstImpactedSubscription);
        }
        String title = text(props, "title");
        String article = PlainText.of(text(field(props, "article"), "articleContent"));
        boolean pirText = ServiceHealthStages.isPir(title, article);
        Instant impactStart = ProviderTimes.at(props, "impactStartTime", propsPath + ".impactStartTime");
        Instant impactMitigation = ProviderTimes.at(props, "impactMitigationTime", propsPath + ".impactMitigationTime");
        Instant lastUpdate = ProviderTimes.at(props, "lastUpdateTime", propsPath + ".lastUpdateTime");
        String status = text(props, "status");
        String level = EventLevels.of(first(props, "eventLevel", "level"));
        String link = PortalLinks.serviceHealth(trackingId, subscription);
        String description = text(props, "description", "summary");
        if (parts.isEmpty()) {
            parts.put("", new ServicePart(null));
        }
        List<HealthEvent> events = new ArrayList<>(parts.size());
        for (ServicePart part : parts.values()) {
            HealthStage stage = ServiceHealthStages.refine(
                    stage(eventType, status, part.latestTags),
                    kind,
                    pirText,
                    impactStart,
                    impactMitigation,
                    now != null ? now : lastUpdate);
            events.add(new HealthEvent(
                    source,
                    kind,
                    trackingId,
                    title,
                    PlainText.of(part.latestUpdate != null ? part.latestUpdate : description),
                    stage,
                    level,
                    new ArrayList<>(part.impacted),
                    List.of(),
                    subscription,
                    impactStart,
                    impactMitigation,
                    lastUpdate,
                    link,
                    null,
                    false));
        }
        return events;
    }

    /** Resolved events whose newest update is tagged as a PIR are "rca"; an eventType RCA is too. */
    static HealthStage stage(String eventType, String status, Set<String> latestTags) {
        if ("rca".equals(squash(eventType))) {
            return HealthStage.RCA;
        }
        HealthStage stage = ActivityLogEvents.serviceHealthStage(status, null);
        if (stage == HealthStage.RESOLVED
                && (latestTags.contains("finalpir") || latestTags.contains("preliminarypir"))) {
            return HealthStage.RCA;
        }
        return stage;
    }

    /**
     * Events sharing a tracking id and service become one; events of another service, or without a tracking id
     * (resource availability), stay as they are.
     */
    static List<HealthEvent> mergeByTrackingId(List<HealthEvent> events) {
        Map<Object, HealthEvent> byId = new LinkedHashMap<>();
        for (HealthEvent e : events) {
            Object key = e.trackingId() == null
                    ? new Object()
                    : e.trackingId() + "\n"
                            + (e.impacted().isEmpty()
                                    ? ""
                                    : String.valueOf(e.impacted().get(0).service())
                                            .toLowerCase(java.util.Locale.ROOT))
                            + "\n" + e.subscriptionId();
            byId.merge(key, e, ResourceHealthEventsNormalizer::merge);
        }
        return new ArrayList<>(byId.values());
    }

    private static HealthEvent merge(HealthEvent a, HealthEvent b) {
        boolean bNewer = b.lastUpdate() != null
                && (a.lastUpdate() == null || b.lastUpdate().isAfter(a.lastUpdate()));
        HealthEvent newest = bNewer ? b : a;
        Set<ImpactedService> impacted = new LinkedHashSet<>(a.impacted());
        impacted.addAll(b.impacted());
        return new HealthEvent(
                newest.source(),
                newest.kind(),
                newest.trackingId(),
                newest.title(),
                newest.summary(),
                newest.stage(),
                newest.level(),
                new ArrayList<>(impacted),
                newest.resourceIds(),
                newest.subscriptionId(),
                newest.impactStart(),
                newest.impactMitigation(),
                newest.lastUpdate(),
                newest.link(),
                newest.availabilityState(),
                newest.synthetic());
    }
}
