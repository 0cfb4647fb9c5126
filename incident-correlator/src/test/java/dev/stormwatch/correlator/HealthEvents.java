package dev.stormwatch.correlator;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import java.time.Instant;
import java.util.List;

/** Health events for tests: written from scratch, or a fixture's event changed in the named fields only. */
public final class HealthEvents {

    /** Contoso's subscription (deploy/catalog/contoso-data-platform.yaml). */
    public static final String CONTOSO_SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";

    public static final String PRIMARY = "australiaeast";
    public static final String SECONDARY = "australiasoutheast";

    private HealthEvent e;

    private HealthEvents(HealthEvent e) {
        this.e = e;
    }

    /** An active service incident for one (service, region), at level error (an outage). */
    public static HealthEvents incident(String trackingId, String service, String region, Instant impactStart) {
        return new HealthEvents(new HealthEvent(
                "canonical",
                HealthEventKind.SERVICE_INCIDENT,
                trackingId,
                service + " - " + region,
                "Impact summary for " + service,
                HealthStage.ACTIVE,
                "error",
                List.of(new ImpactedService(service, region)),
                List.of(),
                CONTOSO_SUBSCRIPTION,
                impactStart,
                null,
                impactStart,
                null,
                null,
                false));
    }

    public static HealthEvents from(HealthEvent event) {
        return new HealthEvents(event);
    }

    public HealthEvents kind(HealthEventKind kind) {
        e = new HealthEvent(
                e.source(),
                kind,
                e.trackingId(),
                e.title(),
                e.summary(),
                e.stage(),
                e.level(),
                e.impacted(),
                e.resourceIds(),
                e.subscriptionId(),
                e.impactStart(),
                e.impactMitigation(),
                e.lastUpdate(),
                e.link(),
                e.availabilityState(),
                e.synthetic());
        return this;
    }

    public HealthEvents impacted(List<ImpactedService> pairs) {
        e = new HealthEvent(
                e.source(),
                e.kind(),
                e.trackingId(),
                e.title(),
                e.summary(),
                e.stage(),
                e.level(),
                pairs,
                e.resourceIds(),
                e.subscriptionId(),
                e.impactStart(),
                e.impactMitigation(),
                e.lastUpdate(),
                e.link(),
                e.availabilityState(),
                e.synthetic());
        return this;
    }

    public HealthEvents impacted(String service, String region) {
        return impacted(List.of(new ImpactedService(service, region)));
    }

    public HealthEvents resources(List<String> ids) {
        e = new HealthEvent(
                e.source(),
                e.kind(),
                e.trackingId(),
                e.title(),
                e.summary(),
                e.stage(),
                e.level(),
                e.impacted(),
                ids,
                e.subscriptionId(),
                e.impactStart(),
                e.impactMitigation(),
                e.lastUpdate(),
                e.link(),
                e.availabilityState(),
                e.synthetic());
        return this;
    }

    public HealthEvents subscription(String id) {
        e = new HealthEvent(
                e.source(),
                e.kind(),
                e.trackingId(),
                e.title(),
                e.summary(),
                e.stage(),
                e.level(),
                e.impacted(),
                e.resourceIds(),
                id,
                e.impactStart(),
                e.impactMitigation(),
                e.lastUpdate(),
                e.link(),
                e.availabilityState(),
                e.synthetic());
        return this;
    }

    public HealthEvents level(String level) {
        e = new HealthEvent(
                e.source(),
                e.kind(),
                e.trackingId(),
                e.title(),
                e.summary(),
                e.stage(),
                level,
                e.impacted(),
                e.resourceIds(),
                e.subscriptionId(),
                e.impactStart(),
                e.impactMitigation(),
                e.lastUpdate(),
                e.link(),
                e.availabilityState(),
                e.synthetic());
        return this;
    }

    public HealthEvents stage(HealthStage stage) {
        e = new HealthEvent(
                e.source(),
                e.kind(),
                e.trackingId(),
                e.title(),
                e.summary(),
                stage,
                e.level(),
                e.impacted(),
                e.resourceIds(),
                e.subscriptionId(),
                e.impactStart(),
                e.impactMitigation(),
                e.lastUpdate(),
                e.link(),
                e.availabilityState(),
                e.synthetic());
        return this;
    }

    public HealthEvents title(String title) {
        e = new HealthEvent(
                e.source(),
                e.kind(),
                e.trackingId(),
                title,
                e.summary(),
                e.stage(),
                e.level(),
                e.impacted(),
                e.resourceIds(),
                e.subscriptionId(),
                e.impactStart(),
                e.impactMitigation(),
                e.lastUpdate(),
                e.link(),
                e.availabilityState(),
                e.synthetic());
        return this;
    }

    public HealthEvents summary(String summary) {
        e = new HealthEvent(
                e.source(),
                e.kind(),
                e.trackingId(),
                e.title(),
                summary,
                e.stage(),
                e.level(),
                e.impacted(),
                e.resourceIds(),
                e.subscriptionId(),
                e.impactStart(),
                e.impactMitigation(),
                e.lastUpdate(),
                e.link(),
                e.availabilityState(),
                e.synthetic());
        return this;
    }

    public HealthEvents impactStart(Instant at) {
        e = new HealthEvent(
                e.source(),
                e.kind(),
                e.trackingId(),
                e.title(),
                e.summary(),
                e.stage(),
                e.level(),
                e.impacted(),
                e.resourceIds(),
                e.subscriptionId(),
                at,
                e.impactMitigation(),
                e.lastUpdate(),
                e.link(),
                e.availabilityState(),
                e.synthetic());
        return this;
    }

    public HealthEvents mitigated(Instant at) {
        e = new HealthEvent(
                e.source(),
                e.kind(),
                e.trackingId(),
                e.title(),
                e.summary(),
                e.stage(),
                e.level(),
                e.impacted(),
                e.resourceIds(),
                e.subscriptionId(),
                e.impactStart(),
                at,
                e.lastUpdate(),
                e.link(),
                e.availabilityState(),
                e.synthetic());
        return this;
    }

    public HealthEvents lastUpdate(Instant at) {
        e = new HealthEvent(
                e.source(),
                e.kind(),
                e.trackingId(),
                e.title(),
                e.summary(),
                e.stage(),
                e.level(),
                e.impacted(),
                e.resourceIds(),
                e.subscriptionId(),
                e.impactStart(),
                e.impactMitigation(),
                at,
                e.link(),
                e.availabilityState(),
                e.synthetic());
        return this;
    }

    public HealthEvents tracking(String trackingId) {
        e = new HealthEvent(
                e.source(),
                e.kind(),
                trackingId,
                e.title(),
                e.summary(),
                e.stage(),
                e.level(),
                e.impacted(),
                e.resourceIds(),
                e.subscriptionId(),
                e.impactStart(),
                e.impactMitigation(),
                e.lastUpdate(),
                e.link(),
                e.availabilityState(),
                e.synthetic());
        return this;
    }

    /** Resolved by the provider at {@code at} (stage resolved, mitigation time and last update at). */
    public HealthEvents resolved(Instant at) {
        return stage(HealthStage.RESOLVED).mitigated(at).lastUpdate(at);
    }

    public HealthEvent build() {
        return e;
    }
}
