package dev.stormwatch.correlator.incident;

import dev.stormwatch.correlator.platform.EventRecord;

/** One fact a provider update changes: as it was (null when new) and as it is now. */
record FactChange(EventRecord before, EventRecord after) {}
