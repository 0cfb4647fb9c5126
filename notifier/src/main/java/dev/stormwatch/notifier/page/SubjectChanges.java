package dev.stormwatch.notifier.page;

import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.incident.Incident;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a new snapshot of an incident or decision says that the previous one did not: a fingerprint to tell a real
 * update from a duplicate, and the changes in words for the message.
 */
final class SubjectChanges {

    private SubjectChanges() {}

    /**
     * The incident as the {@code pages} store keeps it: what messages need, without the timeline (messages never show
     * it, and it grows with every update).
     */
    static Incident slim(Incident i) {
        return new Incident(
                i.id(),
                i.platformId(),
                i.title(),
                i.state(),
                i.severity(),
                i.components(),
                i.regions(),
                i.trackingIds(),
                i.primaryRegionHit(),
                i.readinessRisk(),
                i.assessment(),
                i.impactStart(),
                i.openedAt(),
                i.mitigatedAt(),
                i.resolvedAt(),
                i.closedAt(),
                i.updatedAt(),
                i.version(),
                i.drill(),
                List.of());
    }

    static String fingerprint(Incident i) {
        return digest(i.state() + "|" + i.severity() + "|" + new TreeSet<>(i.components()) + "|"
                + new TreeSet<>(i.regions()) + "|" + i.title() + "|" + i.assessment() + "|" + i.primaryRegionHit() + "|"
                + i.readinessRisk());
    }

    static String fingerprint(Decision d) {
        return digest(
                d.state() + "|" + d.deadline() + "|" + d.rtoAtRisk() + "|" + d.title() + "|" + d.recommendation());
    }

    static List<String> changes(Incident before, Incident after) {
        List<String> out = new ArrayList<>();
        if (before == null) {
            return out;
        }
        if (before.state() != after.state()) {
            out.add("state " + before.state().wire() + " → " + after.state().wire());
        }
        if (before.severity() != after.severity() && after.severity() != null) {
            out.add("severity "
                    + (before.severity() == null ? "none" : before.severity().wire()) + " → "
                    + after.severity().wire());
        }
        List<String> added = after.components().stream()
                .filter(c -> !before.components().contains(c))
                .toList();
        if (!added.isEmpty()) {
            out.add("components added: " + String.join(", ", added));
        }
        List<String> removed = before.components().stream()
                .filter(c -> !after.components().contains(c))
                .toList();
        if (!removed.isEmpty()) {
            out.add("components no longer impacted: " + String.join(", ", removed));
        }
        List<String> regions = after.regions().stream()
                .filter(r -> !before.regions().contains(r))
                .toList();
        if (!regions.isEmpty()) {
            out.add("regions added: " + String.join(", ", regions));
        }
        if (!Objects.equals(before.assessment(), after.assessment()) && after.assessment() != null) {
            out.add("assessment: " + after.assessment());
        }
        if (!Objects.equals(before.title(), after.title())) {
            out.add("title: " + after.title());
        }
        return out;
    }

    static List<String> changes(Decision before, Decision after) {
        List<String> out = new ArrayList<>();
        if (before == null) {
            return out;
        }
        if (!before.rtoAtRisk() && after.rtoAtRisk()) {
            out.add("RTO at risk");
        }
        if (!Objects.equals(before.deadline(), after.deadline())) {
            out.add("deadline moved to " + after.deadline());
        }
        if (!Objects.equals(before.recommendation(), after.recommendation()) && after.recommendation() != null) {
            out.add("recommendation: " + after.recommendation());
        }
        return out;
    }

    private static String digest(String text) {
        return ContentHash.hex(12, text);
    }
}
