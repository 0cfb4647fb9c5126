package dev.stormwatch.notifier.channel;

import dev.stormwatch.contracts.catalog.Contact;
import dev.stormwatch.contracts.catalog.ContactChannel;
import dev.stormwatch.notifier.message.RenderedMessage;
import java.time.Instant;

/** One attempt to deliver a rendered message to a contact on one of their channels. */
public record OutgoingMessage(
        String deliveryId,
        String platformId,
        Contact contact,
        ContactChannel channel,
        RenderedMessage message,
        int attempt,
        Instant at) {}
