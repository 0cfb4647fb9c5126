package dev.stormwatch.contracts.catalog;

import java.util.List;

/**
 * An on-call rotation: members take turns for {@code rotation} each, handing off at {@code handoff} local time in
 * {@code timeZone}, starting with the first member on {@code start}. Overrides win over the rotation.
 */
public record Roster(
        String id,
        String name,
        String timeZone,
        String handoff,
        String rotation,
        String start,
        List<String> members,
        List<RosterOverride> overrides) {

    public Roster {
        members = members == null ? List.of() : List.copyOf(members);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }
}
