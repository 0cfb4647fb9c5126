package dev.stormwatch.status.platform;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogEvent;
import dev.stormwatch.contracts.catalog.CatalogException;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.status.Actors;
import dev.stormwatch.status.audit.AuditWriter;
import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.error.Problem;
import dev.stormwatch.status.kafka.EventPublisher;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Validates a catalog and publishes it on {@code catalog.v1} (key: platform id), with an audit record. */
@ApplicationScoped
public class CatalogPublisher {

    private final EventPublisher publisher;
    private final AuditWriter audit;
    private final SecurityIdentity identity;
    private final Clock clock;

    public CatalogPublisher(EventPublisher publisher, AuditWriter audit, SecurityIdentity identity, Clock clock) {
        this.publisher = publisher;
        this.audit = audit;
        this.identity = identity;
        this.clock = clock;
    }

    /** What a successful publication answers. */
    @Schema(description = "A published catalog")
    public record Published(String platformId, String eventId, int components, String rto, Instant at) {}

    public Published publish(String platformId, String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw ApiError.badRequest("the request body is empty: send the catalog YAML");
        }
        Catalog catalog;
        try {
            catalog = CatalogLoader.parse("catalog", yaml);
        } catch (CatalogException e) {
            List<Problem> problems = e.problems().stream()
                    .map(p -> new Problem(
                            p.line() > 0 ? p.line() : null,
                            p.path() == null || p.path().isEmpty() ? null : p.path(),
                            p.message()))
                    .toList();
            throw ApiError.badRequest(
                    "the catalog is invalid (" + problems.size() + (problems.size() == 1 ? " problem)" : " problems)"),
                    problems);
        }
        if (!platformId.equals(catalog.platformId())) {
            throw ApiError.badRequest(
                    "the catalog is for platform '" + catalog.platformId() + "', the URL names '" + platformId + "'",
                    List.of(new Problem(null, "platform.id", "must be '" + platformId + "'")));
        }
        Instant now = clock.instant();
        CloudEvent event = CatalogEvent.envelope(catalog, AuditWriter.SOURCE, now);
        String eventId = event.id();
        publisher.publish(Topics.CATALOG, platformId, event);
        String actor = Actors.name(identity);
        audit.write(
                "audit:" + eventId + ":" + now.toEpochMilli(),
                new AuditRecord(
                        platformId,
                        now,
                        actor,
                        "catalog-published",
                        platformId,
                        catalog.components().size() + " components, RTO "
                                + catalog.platform().rto() + ", strategy "
                                + catalog.platform().strategy(),
                        false));
        return new Published(
                platformId,
                eventId,
                catalog.components().size(),
                catalog.platform().rto(),
                now);
    }
}
