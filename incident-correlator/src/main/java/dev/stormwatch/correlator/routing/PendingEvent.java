package dev.stormwatch.correlator.routing;

import dev.stormwatch.contracts.event.Envelope;
import java.time.Instant;

/** A health event that hit no platform yet, kept for a while in case its platform's catalog is on its way. */
public record PendingEvent(Envelope<?> event, Instant receivedAt) {}
