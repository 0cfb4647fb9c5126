package dev.stormwatch.contracts.incident;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One change of an incident and what caused it (a tracking id, a decision, a person).
 *
 * @param clock whose time {@code at} is: {@link #PROVIDER} when it is the time the provider stamped on its update
 *     (which may lie before, or after, the moment Stormwatch learned of it); absent when it is Stormwatch's own time of
 *     the change
 */
public record TimelineEntry(Instant at, String what, String cause, String clock) {

    public static final String PROVIDER = "provider";

    /** A change at Stormwatch's own time. */
    public TimelineEntry(Instant at, String what, String cause) {
        this(at, what, cause, null);
    }

    @JsonIgnore
    public boolean providerTime() {
        return PROVIDER.equals(clock);
    }
}
