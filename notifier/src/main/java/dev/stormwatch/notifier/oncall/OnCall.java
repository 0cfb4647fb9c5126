package dev.stormwatch.notifier.oncall;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Contact;
import dev.stormwatch.contracts.catalog.Leave;
import dev.stormwatch.contracts.catalog.Roster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is on call: a pure function of a catalog and an instant. Resolves escalation targets ({@code contact:<id>},
 * {@code role:<name>}, {@code roster:<id>}) to the people to page, skipping people on leave for their backup (and the
 * backup's backup, stopping at a loop), and, for a roster, for the next member of the rotation when nobody in the
 * backup chain is available.
 */
public final class OnCall {

    private OnCall() {}

    /** The people one escalation level pages, each once, in the order its targets list them. */
    public static List<Recipient> resolveLevel(Catalog catalog, List<String> targets, Instant at) {
        Map<String, Recipient> byContact = new LinkedHashMap<>();
        for (String target : targets) {
            for (Recipient r : resolve(catalog, target, at)) {
                byContact.putIfAbsent(r.contactId(), r);
            }
        }
        return List.copyOf(byContact.values());
    }

    /** The people one target stands for at {@code at}. An unknown target resolves to nobody. */
    public static List<Recipient> resolve(Catalog catalog, String target, Instant at) {
        int colon = target.indexOf(':');
        if (colon < 0) {
            return List.of();
        }
        String kind = target.substring(0, colon);
        String id = target.substring(colon + 1);
        return switch (kind) {
            case "contact" ->
                cover(catalog, id, at, target, new ArrayList<>(List.of(target + " → " + id))).stream()
                        .toList();
            case "role" -> role(catalog, target, id, at);
            case "roster" ->
                catalog.roster(id).map(r -> roster(catalog, target, r, at)).orElse(List.of());
            default -> List.of();
        };
    }

    /** The person a roster puts on call at {@code at}, before leave is taken into account. */
    public static Optional<RosterSchedule.Shift> rosterOnCall(Catalog catalog, String rosterId, Instant at) {
        return catalog.roster(rosterId).map(r -> new RosterSchedule(r).onCall(at));
    }

    private static List<Recipient> role(Catalog catalog, String target, String role, Instant at) {
        List<Recipient> out = new ArrayList<>();
        for (String member : catalog.roles().getOrDefault(role, List.of())) {
            cover(catalog, member, at, target, new ArrayList<>(List.of(target + " → " + member)))
                    .ifPresent(out::add);
        }
        return out;
    }

    private static List<Recipient> roster(Catalog catalog, String target, Roster roster, Instant at) {
        RosterSchedule schedule = new RosterSchedule(roster);
        RosterSchedule.Shift shift = schedule.onCall(at);
        String onCall = shift.contactId();
        List<String> path = new ArrayList<>();
        path.add(target + " → " + onCall + (shift.overridden() ? " (override)" : " (rotation)") + " on call "
                + shift.from() + " to " + shift.to());
        Optional<Recipient> covered = cover(catalog, onCall, at, target, path);
        if (covered.isEmpty() || !covered.get().uncovered()) {
            return covered.stream().toList();
        }
        // Nobody in the backup chain is available: the next member of the rotation who is.
        for (String next : schedule.membersFrom(at)) {
            if (next.equals(onCall)) {
                continue;
            }
            Optional<Contact> c = catalog.contact(next);
            if (c.isPresent() && !LeaveCalendar.onLeave(c.get(), at)) {
                List<String> p = new ArrayList<>(path.subList(0, path.size() - 1));
                p.add("next in rotation: " + next);
                return List.of(new Recipient(next, target, p, false));
            }
        }
        return covered.stream().toList();
    }

    /**
     * {@code contactId}, or whoever covers for them while they are on leave: their backup, transitively. A loop or a
     * missing backup ends the chain; then the original person is paged anyway and flagged {@code uncovered}.
     */
    private static Optional<Recipient> cover(
            Catalog catalog, String contactId, Instant at, String target, List<String> path) {
        Optional<Contact> original = catalog.contact(contactId);
        if (original.isEmpty()) {
            return Optional.empty();
        }
        Set<String> visited = new LinkedHashSet<>();
        Contact current = original.get();
        while (true) {
            visited.add(current.id());
            Optional<Leave> leave = LeaveCalendar.leaveAt(current, at);
            if (leave.isEmpty()) {
                return Optional.of(new Recipient(current.id(), target, path, false));
            }
            path.add(current.id() + " on leave " + leave.get().from() + " to "
                    + leave.get().to());
            String backup = current.backup();
            Optional<Contact> next = backup == null ? Optional.empty() : catalog.contact(backup);
            if (next.isEmpty()) {
                path.add("no backup available: paging " + contactId + " despite leave");
                return Optional.of(new Recipient(contactId, target, path, true));
            }
            if (visited.contains(next.get().id())) {
                path.add("backup chain loops back to " + next.get().id() + ": paging " + contactId + " despite leave");
                return Optional.of(new Recipient(contactId, target, path, true));
            }
            path.add("backup " + next.get().id());
            current = next.get();
        }
    }
}
