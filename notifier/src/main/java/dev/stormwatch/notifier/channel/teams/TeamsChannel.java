package dev.stormwatch.notifier.channel.teams;

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
 * Microsoft Teams incoming webhook (or a Workflows "post to a channel when a webhook request is received" URL): a
 * message with one Adaptive Card attachment, version 1.4: the title, each item with its facts, and an "Acknowledge"
 * button (Action.OpenUrl) per page.
 */
public final class TeamsChannel implements Channel {

    public static final String TYPE = "teams";
    public static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

    private final HttpSender http;

    public TeamsChannel(HttpSender http) {
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
        root.put("type", "message");
        if (msg.drill()) {
            root.put("drill", true);
        }
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", CARD_CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.putObject("msteams").put("width", "Full");
        ArrayNode body = card.putArray("body");
        ObjectNode title = body.addObject();
        title.put("type", "TextBlock");
        title.put("text", msg.title());
        title.put("size", "Large");
        title.put("weight", "Bolder");
        title.put("wrap", true);
        if (msg.drill()) {
            title.put("color", "Accent");
            ObjectNode banner = body.addObject();
            banner.put("type", "TextBlock");
            banner.put("text", MessageRenderer.DRILL_LINE);
            banner.put("weight", "Bolder");
            banner.put("color", "Attention");
            banner.put("wrap", true);
        }
        ArrayNode actions = card.putArray("actions");
        for (RenderedMessage.RenderedItem i : msg.items()) {
            ObjectNode container = body.addObject();
            container.put("type", "Container");
            container.put("separator", true);
            ArrayNode items = container.putArray("items");
            ObjectNode heading = items.addObject();
            heading.put("type", "TextBlock");
            heading.put("text", i.title());
            heading.put("weight", "Bolder");
            heading.put("wrap", true);
            ObjectNode text = items.addObject();
            text.put("type", "TextBlock");
            text.put("text", i.text());
            text.put("wrap", true);
            ObjectNode factSet = items.addObject();
            factSet.put("type", "FactSet");
            ArrayNode facts = factSet.putArray("facts");
            i.facts().forEach(f -> facts.addObject().put("title", f.name()).put("value", f.value()));
            if (i.ackUrl() != null) {
                ObjectNode ack = actions.addObject();
                ack.put("type", "Action.OpenUrl");
                ack.put("title", msg.items().size() == 1 ? "Acknowledge" : "Acknowledge " + i.pageId());
                ack.put("url", i.ackUrl());
            }
        }
        return root;
    }
}
