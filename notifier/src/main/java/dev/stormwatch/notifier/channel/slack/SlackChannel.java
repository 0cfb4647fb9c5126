package dev.stormwatch.notifier.channel.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.notifier.channel.Channel;
import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.channel.HttpSender;
import dev.stormwatch.notifier.channel.OutgoingMessage;
import dev.stormwatch.notifier.message.MessageRenderer;
import dev.stormwatch.notifier.message.RenderedMessage;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Slack incoming webhook with Block Kit: a header, a section per item with its facts as fields, and an "Acknowledge"
 * link button per page; {@code text} is the notification fallback. Within Slack's limits (header 150 characters,
 * section text 3000, 10 fields, 50 blocks).
 */
public final class SlackChannel implements Channel {

    public static final String TYPE = "slack";
    private static final int MAX_BLOCKS = 50;

    private final HttpSender http;

    public SlackChannel(HttpSender http) {
        this.http = http;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CompletionStage<ChannelResult> send(OutgoingMessage m) {
        return http.postJson(m.channel().address(), JsonCodec.toJson(payload(m.message())), Map.of());
    }

    static ObjectNode payload(RenderedMessage msg) {
        ObjectNode root = JsonCodec.mapper().createObjectNode();
        root.put("text", cut(escape(msg.title()), 3000));
        if (msg.drill()) {
            root.put("drill", true);
        }
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject();
        header.put("type", "header");
        header.putObject("text")
                .put("type", "plain_text")
                .put("text", cut(msg.title(), 150))
                .put("emoji", true);
        if (msg.drill()) {
            blocks.addObject()
                    .put("type", "section")
                    .putObject("text")
                    .put("type", "mrkdwn")
                    .put("text", "*" + escape(MessageRenderer.DRILL_LINE) + "*");
        }
        int n = 0;
        for (RenderedMessage.RenderedItem i : msg.items()) {
            if (blocks.size() + 4 > MAX_BLOCKS) {
                ObjectNode more = blocks.addObject();
                more.put("type", "context");
                more.putArray("elements")
                        .addObject()
                        .put("type", "mrkdwn")
                        .put("text", (msg.items().size() - n) + " more items: see the dashboard");
                break;
            }
            n++;
            if (n > 1) {
                blocks.addObject().put("type", "divider");
            }
            ObjectNode section = blocks.addObject();
            section.put("type", "section");
            section.putObject("text")
                    .put("type", "mrkdwn")
                    .put("text", cut("*" + escape(i.title()) + "*\n" + escape(i.text()), 3000));
            if (!i.facts().isEmpty()) {
                ObjectNode factsBlock = blocks.addObject();
                factsBlock.put("type", "section");
                ArrayNode fields = factsBlock.putArray("fields");
                i.facts().stream()
                        .limit(10)
                        .forEach(f -> fields.addObject()
                                .put("type", "mrkdwn")
                                .put("text", cut("*" + escape(f.name()) + "*\n" + escape(f.value()), 2000)));
            }
            if (i.ackUrl() != null) {
                ObjectNode actions = blocks.addObject();
                actions.put("type", "actions");
                ObjectNode button = actions.putArray("elements").addObject();
                button.put("type", "button");
                button.putObject("text").put("type", "plain_text").put("text", "Acknowledge");
                button.put("url", i.ackUrl());
                button.put("style", "danger");
                button.put("action_id", "ack-" + n);
            }
        }
        return root;
    }

    /** Slack's mrkdwn treats &, < and > as control characters. */
    static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
