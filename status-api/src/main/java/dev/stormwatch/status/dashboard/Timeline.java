package dev.stormwatch.status.dashboard;

import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.TimelineEntry;
import dev.stormwatch.status.decision.DecisionView;
import dev.stormwatch.status.handover.HandoverView;
import dev.stormwatch.status.incident.IncidentView;
import dev.stormwatch.status.page.Page;
import dev.stormwatch.status.page.PageView;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The recent timeline: incident changes, decisions raised and taken, pages delivered and acknowledged, handovers. */
@Singleton
public class Timeline {

    private final IncidentView incidents;
    private final DecisionView decisions;
    private final PageView pages;
    private final HandoverView handovers;

    public Timeline(IncidentView incidents, DecisionView decisions, PageView pages, HandoverView handovers) {
        this.incidents = incidents;
        this.decisions = decisions;
        this.pages = pages;
        this.handovers = handovers;
    }

    /** The newest {@code limit} items, newest first; {@code platformId} null for all platforms. */
    public List<TimelineItem> recent(String platformId, int limit) {
        List<TimelineItem> items = new ArrayList<>();
        for (Incident i : incidents.all()) {
            if (platformId != null && !platformId.equals(i.platformId())) {
                continue;
            }
            for (TimelineEntry e : i.timeline()) {
                items.add(new TimelineItem(
                        e.at(),
                        i.platformId(),
                        "incident",
                        i.id(),
                        i.title() + ": " + e.what() + (e.cause() == null ? "" : " (" + e.cause() + ")"),
                        i.drill(),
                        e.providerTime() ? TimelineItem.PROVIDER : TimelineItem.STORMWATCH));
            }
        }
        for (DecisionView.Current c : decisions.all()) {
            Decision d = c.decision();
            if (platformId != null && !platformId.equals(d.platformId())) {
                continue;
            }
            if (d.raisedAt() != null) {
                items.add(new TimelineItem(
                        d.raisedAt(),
                        d.platformId(),
                        "decision",
                        d.id(),
                        "Decision raised: " + d.title() + (d.rtoAtRisk() ? " (RTO at risk)" : ""),
                        d.drill()));
            }
            if (d.decidedAt() != null && d.state() != null && !d.isOpen()) {
                items.add(new TimelineItem(
                        d.decidedAt(),
                        d.platformId(),
                        "decision",
                        d.id(),
                        "Decision " + d.state().wire() + (d.decidedBy() == null ? "" : " by " + d.decidedBy()) + ": "
                                + d.title(),
                        d.drill()));
            }
        }
        for (Page p : pages.all()) {
            if (platformId != null && !platformId.equals(p.platformId())) {
                continue;
            }
            p.attempts().stream()
                    .filter(a -> "delivered".equals(a.result()))
                    .findFirst()
                    .ifPresent(a -> items.add(new TimelineItem(
                            a.at(),
                            p.platformId(),
                            "page",
                            p.pageId(),
                            "Paged " + a.contactId() + " via " + a.channel() + " (level " + p.level() + ")",
                            p.drill())));
            if (p.acknowledged() != null && p.acknowledged().at() != null) {
                items.add(new TimelineItem(
                        p.acknowledged().at(),
                        p.platformId(),
                        "ack",
                        p.pageId(),
                        "Acknowledged by " + p.acknowledged().by() + " via "
                                + p.acknowledged().via(),
                        p.drill()));
            }
        }
        for (Handover h : handovers.all()) {
            if (platformId != null && !platformId.equals(h.platformId())) {
                continue;
            }
            items.add(new TimelineItem(
                    h.at(),
                    h.platformId(),
                    "handover",
                    h.id(),
                    "Handed over " + (h.componentName() == null ? h.componentId() : h.componentName()) + " in "
                            + h.region() + (h.dataTimestamp() == null ? "" : ", data current to " + h.dataTimestamp()),
                    h.drill()));
        }
        return items.stream()
                .filter(i -> i.at() != null)
                .sorted(Comparator.comparing(TimelineItem::at).reversed())
                .limit(limit)
                .toList();
    }
}
