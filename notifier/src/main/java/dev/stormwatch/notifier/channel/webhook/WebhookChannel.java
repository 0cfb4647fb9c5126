package dev.stormwatch.notifier.channel.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import dev.stormwatch.notifier.channel.Channel;
import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.channel.HttpSender;
import dev.stormwatch.notifier.channel.OutgoingMessage;
import dev.stormwatch.notifier.channel.SecretSource;
import dev.stormwatch.notifier.message.RenderedMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The generic webhook: a CloudEvent ({@code dev.stormwatch.page-message.v1}) whose data is the rendered message, signed
 * with the secret the channel's {@code secretRef} names ({@link WebhookSignature}). A channel without a configured
 * secret is not called: an unsigned page could be forged by anyone who can reach the receiver.
 */
public final class WebhookChannel implements Channel {

    public static final String TYPE = "webhook";
    public static final String EVENT_TYPE = "dev.stormwatch.page-message.v1";

    private final HttpSender http;
    private final SecretSource secrets;

    public WebhookChannel(HttpSender http, SecretSource secrets) {
        this.http = http;
        this.secrets = secrets;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CompletionStage<ChannelResult> send(OutgoingMessage m) {
        String ref = m.channel().secretRef();
        Optional<String> refused = ref == null ? Optional.empty() : secrets.refusal(ref);
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(ChannelResult.refused(refused.get() + ": refusing to send"));
        }
        Optional<String> secret = ref == null ? Optional.empty() : secrets.secret(ref);
        if (secret.isEmpty()) {
            return CompletableFuture.completedFuture(ChannelResult.refused(
                    ref == null
                            ? "the webhook channel has no secretRef: refusing to send unsigned"
                            : "secret " + ref
                                    + " is not configured (environment or configuration): refusing to send unsigned"));
        }
        String body = JsonCodec.toJson(payload(m));
        long timestamp = m.at().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret.get(), timestamp, body));
        headers.put(WebhookSignature.DELIVERY_HEADER, m.deliveryId());
        headers.put(WebhookSignature.ATTEMPT_HEADER, Integer.toString(m.attempt()));
        return http.postJson(m.channel().address(), body, headers);
    }

    static ObjectNode payload(OutgoingMessage m) {
        RenderedMessage msg = m.message();
        ObjectNode event = JsonCodec.mapper().createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", m.deliveryId());
        event.put("source", "/stormwatch/notifier");
        event.put("type", EVENT_TYPE);
        event.put("time", m.at().toString());
        event.put(
                "subject",
                msg.items().isEmpty() ? m.deliveryId() : msg.items().get(0).pageId());
        event.put("datacontenttype", "application/json");
        if (msg.drill()) {
            event.put("drill", true);
        }
        ObjectNode data = event.putObject("data");
        data.put("deliveryId", m.deliveryId());
        data.put("platformId", m.platformId());
        ObjectNode contact = data.putObject("contact");
        contact.put("id", m.contact().id());
        contact.put("name", m.contact().name());
        data.put("title", msg.title());
        data.put("text", msg.text());
        if (msg.drill()) {
            data.put("drill", true); // absent on a real page: nothing in it may read like a drill
        }
        data.put("attempt", m.attempt());
        ArrayNode items = data.putArray("items");
        for (RenderedMessage.RenderedItem i : msg.items()) {
            ObjectNode item = items.addObject();
            item.put("kind", i.kind());
            item.put("pageId", i.pageId());
            item.put("subjectId", i.subjectId());
            item.put("level", i.level());
            item.put("title", i.title());
            item.put("text", i.text());
            ObjectNode facts = item.putObject("facts");
            i.facts().forEach(f -> facts.put(f.name(), f.value()));
            if (i.ackUrl() != null) {
                item.put("ackUrl", i.ackUrl());
            }
        }
        return event;
    }
}
