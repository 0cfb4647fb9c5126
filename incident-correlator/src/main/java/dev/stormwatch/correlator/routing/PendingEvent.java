package dev.stormwatch.correlator.routing;

import dev.stormwatch.contracts.CloudEvent;
import java.time.Instant;

/** A health event that hit no platform yet, kept for a while in case its platform's catalog is on its way. */
public record PendingEvent(CloudEvent event, Instant receivedAt) {}
