package dev.stormwatch.correlator.routing;

import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.Events;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.RejectedInput;
import dev.stormwatch.correlator.platform.DueIndex;
import dev.stormwatch.correlator.platform.StoreNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Re-keys the correlator's input by platform: a catalog goes to its own platform (and into the index), a health event
 * to every platform whose catalog it hits. Runs on each partition of health-events.v1 with its own copy of every
 * catalog, and sees the catalogs and the partition's events in one order (their timestamps): an event is matched
 * against the catalogs published before it. The catalog copies go on to their platform before the events routed with
 * them.
 *
 * <p>An event that hits no platform is kept for a grace period: at a first start with a backlog, or when a platform's
 * catalog is published after the provider already reported, the catalog may come after the event. A catalog that
 * arrives routes the kept events it matches. An event still unmatched after the grace period is not ours to correlate:
 * it is counted ({@link #unmatched()}) and written to the dead-letter topic with the reason (type
 * {@code health-event-rejected}, key {@link #UNMATCHED_KEY}), so that nothing a provider reported is lost silently.
 *
 * <p>Every later update of a tracking id goes to the platforms its earlier updates went to, whatever it names: a final
 * communication that names no service, or a service's resolution without the impacted resources that matched, must
 * reach the platforms that hold its facts. The memory is kept for the history retention after the last update.
 */
public final class PlatformRouter implements Processor<String, Envelope<?>, String, Envelope<?>> {

    /** Key of the dead-letter records this router forwards; the topology sends them to health-events.dlq.v1. */
    public static final String UNMATCHED_KEY = "unmatched";

    private static final AtomicLong UNMATCHED = new AtomicLong();

    private final Clock clock;
    private final Duration grace;
    private final Duration tick;
    private final Duration remember;
    private ProcessorContext<String, Envelope<?>> context;
    private KeyValueStore<String, Catalog> catalogs;
    private KeyValueStore<String, PendingEvent> pending;
    private KeyValueStore<String, TrackedPlatforms> tracked;
    /** Built from the store on first use after (re)initialisation, kept in step with it after. */
    private RoutingIndex index;
    /** When each kept event's grace period ends, for the timer; built from the store like {@link #index}. */
    private DueIndex pendingDue;
    /** When each tracking id's memory ends, for the timer; built from the store like {@link #index}. */
    private DueIndex trackedDue;

    public PlatformRouter(Clock clock, Duration grace, Duration tick, Duration remember) {
        this.clock = clock;
        this.grace = grace;
        this.tick = tick;
        this.remember = remember;
    }

    /** Health events that hit no platform within the grace period, since this JVM started. */
    public static long unmatched() {
        return UNMATCHED.get();
    }

    @Override
    public void init(ProcessorContext<String, Envelope<?>> context) {
        this.context = context;
        this.catalogs = context.getStateStore(StoreNames.ROUTING_CATALOGS);
        this.pending = context.getStateStore(StoreNames.ROUTING_PENDING);
        this.tracked = context.getStateStore(StoreNames.ROUTING_TRACKED);
        this.index = null;
        this.pendingDue = null;
        this.trackedDue = null;
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    /**
     * A record the router cannot route (a bug, or a catalog the decoder let through that the index cannot take) must
     * not stop routing for every platform: it goes to the dead-letter topic with the reason and where it was read, and
     * the index is rebuilt from the store, which it was written to only after the index took it.
     */
    @Override
    public void process(Record<String, Envelope<?>> record) {
        try {
            route(record);
        } catch (RuntimeException e) {
            index = null;
            pendingDue = null;
            trackedDue = null;
            Envelope<?> event = record.value();
            String where = context.recordMetadata()
                    .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                    .orElse("routing");
            String reason = (event == null ? "catalog tombstone for " + record.key() : event.type() + " " + event.id())
                    + " could not be routed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            byte[] raw = event == null ? new byte[0] : JsonCodec.toBytes(event);
            RejectedInput rejected = new RejectedInput(
                    "incident-correlator",
                    where,
                    reason,
                    "application/cloudevents+json",
                    raw.length,
                    false,
                    new String(raw, StandardCharsets.UTF_8),
                    clock.instant());
            String id = event == null ? record.key() : event.id();
            context.forward(new Record<>(
                    UNMATCHED_KEY,
                    Envelope.of(
                            "rejected-unroutable-" + id,
                            Events.HEALTH_EVENT_REJECTED,
                            "/stormwatch/incident-correlator",
                            id,
                            clock.instant(),
                            event != null && event.isDrill(),
                            rejected),
                    record.timestamp()));
        }
    }

    private void route(Record<String, Envelope<?>> record) {
        Envelope<?> event = record.value();
        if (event == null) {
            // catalog.v1 tombstone, key = platform id: the platform is gone.
            if (record.key() != null) {
                catalogs.delete(record.key());
                index().remove(record.key());
                context.forward(record);
            }
            return;
        }
        if (event.is(Events.CATALOG)) {
            Catalog catalog = event.data(Events.CATALOG);
            index().put(catalog);
            catalogs.put(catalog.platformId(), catalog);
            context.forward(record.withKey(catalog.platformId()));
            routeKeptEvents(catalog.platformId(), record.timestamp());
        } else if (event.is(Events.HEALTH_EVENT)) {
            HealthEvent health = event.data(Events.HEALTH_EVENT);
            List<String> platforms = track(health.key(), index().platformsHitBy(health));
            if (platforms.isEmpty()) {
                PendingEvent kept = new PendingEvent(event, clock.instant());
                pending.put(event.id(), kept);
                pendingDue().put(event.id(), kept.receivedAt());
            }
            for (String platformId : platforms) {
                context.forward(record.withKey(platformId));
            }
        } else {
            throw new IllegalStateException("router got a " + event.type() + " record; the decoder lets only"
                    + " catalogs and health events through to it");
        }
    }

    /** The platforms an update goes to: those it hits, and those its tracking id went to before; remembered. */
    private List<String> track(String trackingKey, List<String> hit) {
        TrackedPlatforms before = tracked.get(trackingKey);
        Set<String> all = new TreeSet<>(hit);
        if (before != null) {
            all.addAll(before.platformIds().stream()
                    .filter(p -> index().contains(p))
                    .toList());
        }
        if (!all.isEmpty()) {
            TrackedPlatforms next = new TrackedPlatforms(List.copyOf(all), clock.instant());
            tracked.put(trackingKey, next);
            trackedDue().put(trackingKey, next.lastSeen());
        }
        return List.copyOf(all);
    }

    /** A catalog arrived: the kept events it matches go to its platform now. */
    private void routeKeptEvents(String platformId, long timestamp) {
        List<String> routed = new ArrayList<>();
        try (KeyValueIterator<String, PendingEvent> all = pending.all()) {
            all.forEachRemaining(kv -> {
                HealthEvent health = kv.value.event().data(Events.HEALTH_EVENT);
                if (index().platformsHitBy(health).contains(platformId)) {
                    track(health.key(), List.of(platformId));
                    context.forward(new Record<>(platformId, kv.value.event(), timestamp));
                    routed.add(kv.key);
                }
            });
        }
        for (String id : routed) {
            pending.delete(id);
            pendingDue().remove(id);
        }
    }

    /** Forgets the tracking ids not seen for the retention and dead-letters the events kept past the grace period. */
    private void expire(long wallClock) {
        Instant forgotten = clock.instant().minus(remember);
        for (String key : trackedDue().before(forgotten)) {
            tracked.delete(key);
            trackedDue.remove(key);
        }
        Instant before = clock.instant().minus(grace);
        for (String id : pendingDue().before(before)) {
            PendingEvent kept = pending.get(id);
            pending.delete(id);
            pendingDue.remove(id);
            UNMATCHED.incrementAndGet();
            context.forward(new Record<>(UNMATCHED_KEY, deadLetter(kept), wallClock));
        }
    }

    /** The dead-letter record of an event no catalog matched: where it came from, why, and the event itself. */
    private Envelope<RejectedInput> deadLetter(PendingEvent kept) {
        Envelope<?> event = kept.event();
        HealthEvent health = event.data(Events.HEALTH_EVENT);
        String services = health.impacted() == null
                ? "none"
                : health.impacted().stream()
                        .map(s -> s.service() + " in " + s.region())
                        .collect(java.util.stream.Collectors.joining(", "));
        String reason = "health event " + event.id() + " (" + health.key() + ") hit no platform's catalog within the "
                + "grace period of " + dev.stormwatch.contracts.catalog.DurationText.format(grace) + " (received "
                + kept.receivedAt() + "); impacted: " + services;
        byte[] raw = JsonCodec.toBytes(event);
        RejectedInput rejected = new RejectedInput(
                "incident-correlator",
                "unmatched/" + event.id(),
                reason,
                "application/cloudevents+json",
                raw.length,
                false,
                new String(raw, StandardCharsets.UTF_8),
                clock.instant());
        return Envelope.of(
                "rejected-unmatched-" + event.id(),
                Events.HEALTH_EVENT_REJECTED,
                "/stormwatch/incident-correlator",
                event.id(),
                clock.instant(),
                event.isDrill(),
                rejected);
    }

    private DueIndex pendingDue() {
        if (pendingDue == null) {
            pendingDue = DueIndex.of(pending, PendingEvent::receivedAt);
        }
        return pendingDue;
    }

    private DueIndex trackedDue() {
        if (trackedDue == null) {
            trackedDue = DueIndex.of(tracked, TrackedPlatforms::lastSeen);
        }
        return trackedDue;
    }

    private RoutingIndex index() {
        if (index == null) {
            RoutingIndex built = new RoutingIndex();
            try (KeyValueIterator<String, Catalog> all = catalogs.all()) {
                all.forEachRemaining(kv -> built.put(kv.value));
            }
            index = built;
        }
        return index;
    }
}
