package dev.stormwatch.notifier.channel;

import dev.stormwatch.contracts.catalog.Contact;
import dev.stormwatch.contracts.catalog.ContactChannel;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.notifier.message.MessageRenderer;
import dev.stormwatch.notifier.message.RenderedMessage;
import dev.stormwatch.notifier.page.Brief;
import dev.stormwatch.notifier.page.MessageItem;
import dev.stormwatch.notifier.page.MessageKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A rendered level-1 page about a Storage outage, to hand to each channel. */
public final class ChannelFixtures {

    public static final Instant NOW = Instant.parse("2026-06-09T01:20:00Z");
    public static final String ACK_URL = "http://notifier.test/ack/token-for-alex";

    private ChannelFixtures() {}

    public static MessageItem page() {
        Brief brief = new Brief(
                "Contoso Data Platform",
                "inc-42",
                "Storage outage in Australia East",
                "sev1",
                "open",
                List.of("ADLS raw zone", "Databricks workspace"),
                List.of("australiaeast"),
                Instant.parse("2026-06-09T00:00:00Z"),
                Duration.ofHours(8),
                null,
                false,
                null,
                List.of(),
                List.of(),
                "Primary region hit: the raw zone is unavailable");
        return new MessageItem(
                "inc-42.l1.r0/alex",
                MessageKind.INCIDENT_OPENED,
                "contoso",
                "inc-42",
                "inc-42.l1.r0",
                1,
                true,
                false,
                "alex",
                "roster:platform-oncall → alex (rotation)",
                NOW,
                brief);
    }

    /** The same page in a DR drill. */
    public static MessageItem drillPage() {
        MessageItem p = page();
        return new MessageItem(
                p.id(),
                p.kind(),
                p.platformId(),
                p.subjectId(),
                p.pageId(),
                p.level(),
                p.ackable(),
                true,
                p.contactId(),
                p.why(),
                p.at(),
                p.brief());
    }

    /**
     * The real page ({@code drill} false) or the drill page, rendered for {@code contact} and ready for its channel.
     */
    public static OutgoingMessage outgoing(String type, String address, String secretRef, Instant at, boolean drill) {
        Contact c = contact(type, address, secretRef);
        RenderedMessage m = new MessageRenderer().render(List.of(drill ? drillPage() : page()), c, NOW, i -> ACK_URL);
        return new OutgoingMessage(
                drill ? "d-drill0123456789abcdef01" : "d-real0123456789abcdef012",
                "contoso",
                c,
                c.channels().get(0),
                m,
                1,
                at);
    }

    public static Contact contact(String type, String address, String secretRef) {
        return new Contact(
                "alex",
                "Alex Murphy",
                "Platform on-call engineer",
                "Australia/Sydney",
                List.of(new ContactChannel(type, address, secretRef)),
                null,
                List.of());
    }

    public static RenderedMessage rendered() {
        return new MessageRenderer().render(List.of(page()), contact("webhook", "http://x", null), NOW, i -> ACK_URL);
    }

    public static OutgoingMessage outgoing(String type, String address, String secretRef) {
        return outgoing(type, address, secretRef, NOW);
    }

    /** {@code at} is when the attempt is made: the webhook signs it, and a receiver refuses stale timestamps. */
    public static OutgoingMessage outgoing(String type, String address, String secretRef, Instant at) {
        Contact c = contact(type, address, secretRef);
        return new OutgoingMessage(
                "d-0123456789abcdef01234567", "contoso", c, c.channels().get(0), rendered(), 1, at);
    }

    public static DestinationPolicy loopbackAllowed() {
        return new DestinationPolicy(List.of("127.0.0.0/8"), true);
    }
}
