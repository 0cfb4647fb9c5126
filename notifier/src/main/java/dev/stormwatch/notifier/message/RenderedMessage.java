package dev.stormwatch.notifier.message;

import java.util.List;

/**
 * A message ready for any channel: a title, the full text (every item, each with its acknowledge link), and the items
 * one by one for channels that lay them out (Teams cards, Slack blocks, webhook JSON).
 */
public record RenderedMessage(String title, String text, List<RenderedItem> items, boolean drill) {

    public RenderedMessage {
        items = List.copyOf(items);
    }

    /** One item of a message. {@code ackUrl} is null when there is nothing to acknowledge. */
    public record RenderedItem(
            String kind,
            String pageId,
            String subjectId,
            int level,
            String title,
            String text,
            List<Fact> facts,
            String ackUrl) {

        public RenderedItem {
            facts = List.copyOf(facts);
        }
    }

    /** A labelled value: "Region", "australiaeast". */
    public record Fact(String name, String value) {}
}
