package dev.stormwatch.correlator.incident;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.correlator.match.Hit;
import dev.stormwatch.correlator.platform.CatalogView;
import dev.stormwatch.correlator.platform.PlatformWork;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Applies one provider event to a platform: what it hits, which incident it belongs to, and what changed. An update
 * older than the version already applied (by the provider's last update time) changes nothing and is recorded in
 * the audit trail as ignored; the caller has already dropped re-delivered CloudEvent ids.
 *
 */
public final class EventCorrelation {

    /** The incident an event was applied to, and the event as now stored. */
    public record Applied(IncidentDraft incident, EventRecord event) {
    }

    private final IncidentGrouping grouping;

    public EventCorrelation(IncidentGrouping grouping) {
        this.grouping = grouping;
    }

    /** Applies the event; empty when it changed nothing (stale, no catalog, hits nothing). */
    public Optional<Applied> apply(PlatformWork work, CloudEvent cloudEvent) {
        HealthEvent event = JsonCodec.data(cloudEvent, HealthEvent.class);
        CatalogView catalog = work.catalog();
        String key = event.key();
        if (catalog == null) {
            work.audit("health-event-ignored", key, "no catalog for the platform: event " + cloudEvent.id()
                    + " cannot be matched", cloudEvent.isDrill());
            return Optional.empty();
        }
        List<Hit> hits = catalog.matcher().match(event);
        Instant lastUpdate = event.lastUpdate() != null ? event.lastUpdate()
                : cloudEvent.time() != null ? cloudEvent.time() : work.now();
        EventRecord previous = work.view().event(key);
        if (previous != null && lastUpdate.isBefore(previous.lastUpdate())) {
            work.audit("stale-update-ignored", previous.incidentId(), "event " + cloudEvent.id() + " for " + key
                    + " was last updated " + lastUpdate + ", before the version already applied (" + previous.lastUpdate()
                    + "): it does not roll the incident back", cloudEvent.isDrill());
            return Optional.empty();
        }
        if (hits.isEmpty() && previous == null) {
            work.audit("health-event-ignored", key, "event " + cloudEvent.id() + " hits no component of the catalog",
                    cloudEvent.isDrill());
            return Optional.empty();
        }

        EventRecord next = new EventRecord(key, cloudEvent.id(), event, hits.isEmpty() ? previous.hits() : hits, lastUpdate,
                null, cloudEvent.isDrill(), work.now());
        IncidentDraft incident = previous == null ? null : work.incident(previous.incidentId());
        if (incident == null) {
            incident = grouping.find(work.view().liveIncidents(), next).map(r -> work.incident(r.id())).orElse(null);
        }
        boolean joined = incident != null && previous == null;
        if (incident == null) {
            incident = IncidentDraft.open(incidentId(work.view().platformId(), key, next.start()), work.view().platformId(),
                    event.title() == null ? key : event.title(), work.now(), cloudEvent.isDrill(), event.synthetic());
            work.opened(incident);
        }
        next = new EventRecord(next.key(), next.cloudEventId(), event, next.hits(), lastUpdate, incident.id(), next.drill(),
                next.receivedAt());
        work.view().put(next);

        incident.cause(next.label());
        incident.addEvent(next);
        note(incident, previous, next, joined, catalog);
        work.statusesChanged();
        return Optional.of(new Applied(incident, next));
    }

    /**
     * Deterministic, URL-safe incident id from the event that opened it: its key and when its impact started, so that
     * the same resource failing again months later (after the first incident left the stores) is a new incident, not
     * version 1 of an old one that consumers would ignore.
     */
    public static String incidentId(String platformId, String eventKey, Instant start) {
        String slug = slug(eventKey);
        if (slug.isEmpty() || slug.length() > 40) {
            slug = digest(eventKey);
        }
        return "inc-" + platformId + "-" + slug + "-" + STARTED.format(start);
    }

    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_DASHES = Pattern.compile("(^-|-$)");

    /** Lower case, runs of anything else than letters and digits as one dash: {@code NA0F-BJG} → {@code na0f-bjg}. */
    public static String slug(String text) {
        return EDGE_DASHES.matcher(NOT_SLUG.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("-")).replaceAll("");
    }

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static void note(IncidentDraft incident, EventRecord previous, EventRecord next, boolean joined,
            CatalogView catalog) {
        HealthEvent e = next.event();
        String label = next.label();
        Instant at = next.lastUpdate();
        String stage = e.stage() == null ? "active" : e.stage().wire();
        if (previous == null) {
            String what = (incident.isNew() ? "Opened: " : label + " joined: ") + (e.title() == null ? label : e.title())
                    + " (" + e.kind().wire() + ", " + stage + ") hits " + hits(next, catalog);
            incident.noteAsReported(at, what, label);
            return;
        }
        HealthEvent before = previous.event();
        if (before.stage() != e.stage()) {
            incident.noteAsReported(at, label + " is now " + stage, label);
        }
        if (!previous.hits().equals(next.hits())) {
            incident.noteAsReported(at, label + " now hits " + hits(next, catalog), label);
        }
        if (!Objects.equals(before.availabilityState(), e.availabilityState())) {
            incident.noteAsReported(at, label + ": resource is " + e.availabilityState(), label);
        }
        if (before.stage() == e.stage() && !Objects.equals(before.summary(), e.summary())) {
            incident.noteAsReported(at, "Provider update on " + label + (e.title() == null ? "" : ": " + e.title()), label);
        }
    }

    private static String hits(EventRecord event, CatalogView catalog) {
        return event.hits().stream().map(h -> h.componentId() + "@" + h.region()).collect(Collectors.joining(", "));
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
