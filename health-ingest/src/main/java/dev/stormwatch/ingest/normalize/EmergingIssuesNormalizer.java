package dev.stormwatch.ingest.normalize;

import static dev.stormwatch.ingest.normalize.PayloadFields.field;
import static dev.stormwatch.ingest.normalize.PayloadFields.squash;
import static dev.stormwatch.ingest.normalize.PayloadFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Azure Service Health emerging issues ({@code Microsoft.ResourceHealth/emergingIssues}): widespread issues Azure
 * acknowledges before it knows which subscriptions they hit, so tied to none. Every {@code statusActiveEvents} item
 * with a tracking id is a service incident (per service, as everywhere), the same tracking id as the Service Health
 * event that usually follows; {@code impacts[].regions[]} name the regions (none: {@code global}). Banners carry no
 * tracking id and no service and are reported, not ingested; unpublished items are skipped.
 */
public final class EmergingIssuesNormalizer {

    private EmergingIssuesNormalizer() {}

    /** A list {@code {"value":[{"name":"default","properties":{…}}]}} or the {@code default} resource itself. */
    public static Normalized normalize(JsonNode body, String source) {
        JsonNode value = field(body, "value");
        if (value.isMissingNode()) {
            return issue(body, "$", source);
        }
        if (!value.isArray()) {
            throw PayloadException.at(
                    "value", "expected an array of emerging issues, got " + PayloadFields.kind(value));
        }
        Normalized all = Normalized.of(List.of());
        int i = 0;
        for (JsonNode item : value) {
            all = all.plus(issue(item, "value[" + i++ + "]", source));
        }
        return all;
    }

    static Normalized issue(JsonNode item, String path, String source) {
        JsonNode props = PayloadFields.object(item, "properties", path + ".properties");
        List<HealthEvent> events = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        int i = 0;
        for (JsonNode active :
                PayloadFields.array(props, "statusActiveEvents", path + ".properties.statusActiveEvents")) {
            String at = path + ".properties.statusActiveEvents[" + i++ + "]";
            if (!active.isObject()) {
                throw PayloadException.at(at, "expected an object, got " + PayloadFields.kind(active));
            }
            JsonNode published = field(active, "published");
            if (published.isBoolean() && !published.booleanValue()) {
                continue;
            }
            String trackingId = text(active, "trackingId");
            if (trackingId == null) {
                throw PayloadException.at(at + ".trackingId", "missing; an emerging issue is keyed by its tracking id");
            }
            events.add(new HealthEvent(
                    source,
                    HealthEventKind.SERVICE_INCIDENT,
                    trackingId,
                    text(active, "title"),
                    PlainText.of(text(active, "description")),
                    stage(text(active, "stage")),
                    EventLevels.of(field(active, "severity")),
                    impacted(active, at),
                    List.of(),
                    null,
                    ProviderTimes.at(active, "startTime", at + ".startTime"),
                    null,
                    ProviderTimes.at(active, "lastModifiedTime", at + ".lastModifiedTime"),
                    PortalLinks.serviceHealth(trackingId, null),
                    null,
                    false));
        }
        int banners = 0;
        for (JsonNode ignored : PayloadFields.array(props, "statusBanners", path + ".properties.statusBanners")) {
            banners++;
        }
        if (banners > 0) {
            unsupported.add(banners + " status banner(s) at " + path + ": a banner names no tracking id or service");
        }
        return new Normalized(events, unsupported);
    }

    static HealthStage stage(String stage) {
        String s = squash(stage);
        return s == null || s.equals("active") ? HealthStage.ACTIVE : HealthStage.RESOLVED;
    }

    static List<ImpactedService> impacted(JsonNode active, String path) {
        Set<ImpactedService> pairs = new LinkedHashSet<>();
        for (JsonNode impact : PayloadFields.array(active, "impacts", path + ".impacts")) {
            String service = text(impact, "name");
            if (service == null) {
                continue;
            }
            boolean any = false;
            for (JsonNode region : PayloadFields.array(impact, "regions", path + ".impacts[].regions")) {
                String r = Regions.canonical(text(region, "name") != null ? text(region, "name") : text(region, "id"));
                if (r != null) {
                    pairs.add(new ImpactedService(service, r));
                    any = true;
                }
            }
            if (!any) {
                pairs.add(new ImpactedService(service, Regions.GLOBAL));
            }
        }
        return new ArrayList<>(pairs);
    }
}
