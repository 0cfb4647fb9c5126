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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft 365 service health through Microsoft Graph service communications ({@code admin/serviceAnnouncement}):
 * serviceHealthIssue objects, the issues collection, and health overviews with {@code $expand=issues} (an expanded
 * issue may name another service than its parent). Enum casing differs between docs and live data, so every comparison
 * ignores case. M365 services have no Azure region: the pair's region is {@code global}. Message center posts
 * (serviceUpdateMessage) announce changes, not health, and are reported as unsupported.
 *
 * <p>Level, which Graph does not carry: incidents {@code warning}, advisories {@code informational}, {@code highImpact}
 * issues {@code critical}.
 */
public final class GraphServiceHealthNormalizer {

    private GraphServiceHealthNormalizer() {}

    public static Normalized normalize(JsonNode body, String source) {
        String context = text(body, "@odata.context");
        if (context != null && context.contains("serviceAnnouncement/messages")) {
            return Normalized.unsupported(
                    "Message center posts (serviceUpdateMessage) are change announcements, not health signals");
        }
        JsonNode value = field(body, "value");
        if (value.isArray()) {
            Normalized all = Normalized.of(List.of());
            int i = 0;
            for (JsonNode item : value) {
                all = all.plus(item(item, "value[" + i++ + "]", source));
            }
            return all;
        }
        if (!body.isObject()) {
            throw PayloadException.at(
                    "$", "expected a Graph serviceHealthIssue, serviceHealth or a collection of them");
        }
        return item(body, "$", source);
    }

    private static Normalized item(JsonNode item, String path, String source) {
        if (!item.isObject()) {
            throw PayloadException.at(path, "expected an object, got " + PayloadFields.kind(item));
        }
        JsonNode issues = field(item, "issues");
        boolean overview =
                issues.isArray() || (!item.has("classification") && !item.has("posts") && item.has("status"));
        if (overview) {
            List<HealthEvent> events = new ArrayList<>();
            int i = 0;
            for (JsonNode issue : PayloadFields.array(item, "issues", path + ".issues")) {
                events.add(issue(issue, path + ".issues[" + i++ + "]", source));
            }
            if (events.isEmpty()) {
                return Normalized.unsupported("health overview '" + text(item, "id") + "' (" + text(item, "service")
                        + ", status " + text(item, "status") + ") carries no issues");
            }
            return Normalized.of(events);
        }
        if (text(item, "classification") != null || item.has("posts")) {
            return Normalized.of(List.of(issue(item, path, source)));
        }
        return Normalized.unsupported(
                "Graph object at " + path + " is neither a serviceHealthIssue nor a serviceHealth overview");
    }

    static HealthEvent issue(JsonNode issue, String path, String source) {
        String id = text(issue, "id");
        if (id == null) {
            throw PayloadException.at(path + ".id", "missing; a service health issue is keyed by its id");
        }
        String classification = squash(text(issue, "classification"));
        HealthEventKind kind =
                "incident".equals(classification) ? HealthEventKind.SERVICE_INCIDENT : HealthEventKind.HEALTH_ADVISORY;
        String status = squash(text(issue, "status"));
        HealthStage stage;
        if ("postincidentreviewpublished".equals(status)) {
            stage = HealthStage.RCA;
        } else if (PayloadFields.truthy(issue, "isResolved")
                || "serviceoperational".equals(status)
                || "servicerestored".equals(status)
                || "resolved".equals(status)
                || "resolvedexternal".equals(status)
                || "falsepositive".equals(status)) {
            stage = HealthStage.RESOLVED;
        } else {
            stage = HealthStage.ACTIVE;
        }
        String level = PayloadFields.truthy(issue, "highImpact")
                ? EventLevels.CRITICAL
                : kind == HealthEventKind.SERVICE_INCIDENT ? EventLevels.WARNING : EventLevels.INFORMATIONAL;
        String latestPost = null;
        Instant latestAt = null;
        int i = 0;
        for (JsonNode post : PayloadFields.array(issue, "posts", path + ".posts")) {
            Instant at = ProviderTimes.at(post, "createdDateTime", path + ".posts[" + i++ + "].createdDateTime");
            if (latestPost == null || (at != null && (latestAt == null || at.isAfter(latestAt)))) {
                latestAt = at;
                latestPost = text(field(post, "description"), "content");
            }
        }
        String service = text(issue, "service");
        return new HealthEvent(
                source,
                kind,
                id,
                text(issue, "title"),
                PlainText.of(latestPost != null ? latestPost : text(issue, "impactDescription")),
                stage,
                level,
                service == null ? List.of() : List.of(new ImpactedService(service, Regions.GLOBAL)),
                List.of(),
                null,
                ProviderTimes.at(issue, "startDateTime", path + ".startDateTime"),
                ProviderTimes.at(issue, "endDateTime", path + ".endDateTime"),
                ProviderTimes.at(issue, "lastModifiedDateTime", path + ".lastModifiedDateTime"),
                PortalLinks.m365Issue(id),
                null,
                false);
    }
}
