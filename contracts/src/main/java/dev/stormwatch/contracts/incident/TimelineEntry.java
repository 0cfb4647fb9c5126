package dev.stormwatch.contracts.incident;

import java.time.Instant;

/** One change of an incident and what caused it (a tracking id, a decision, a person). */
public record TimelineEntry(Instant at, String what, String cause) {
}
