package dev.stormwatch.status.stream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.status.StatusApiConfig;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import dev.stormwatch.status.readmodel.ChangeListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The live stream's memory: every record the read model consumes becomes one change with a monotonically
 * increasing sequence number, kept in a bounded ring for Last-Event-ID resume and pushed to every connected client.
 * <p>
 * SSE ids are {@code <epoch>-<seq>}, the epoch naming this process's run: a client resuming with an id of another run
 * (a restart) or older than the ring gets a {@code reset} event, which tells it to fetch the current state again
 * over REST; the ring is not refilled from Kafka.
 */
@Singleton
public class ChangeFeed implements ChangeListener {

    /** Topics whose payload is not for every viewer: catalogs carry contact channels, subscriptions carry secrets. */
    static final String SUBSCRIPTIONS_TOPIC = "subscriptions.v1";

    private final String epoch = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
    private final Change[] ring;
    private final int maxPending;
    private final Set<StreamClient> clients = new CopyOnWriteArraySet<>();
    private long nextSeq = 1;
    private int count;

    public ChangeFeed(StatusApiConfig config, MeterRegistry registry) {
        this.ring = new Change[config.stream().ringSize()];
        this.maxPending = config.stream().maxPendingPerClient();
        Gauge.builder("stormwatch.status.stream.clients", clients, Set::size).description("connected SSE clients").register(registry);
    }

    @Override
    public synchronized void changed(ConsumedRecord record) {
        long seq = nextSeq++;
        Change change = new Change(seq, id(seq), payload(seq, record));
        ring[(int) (seq % ring.length)] = change;
        count = Math.min(count + 1, ring.length);
        for (StreamClient client : clients) {
            if (!client.send(change, maxPending)) {
                clients.remove(client);
            }
        }
    }

    /**
     * Connects a client: replays what it missed since {@code lastEventId} when the ring still holds it, or tells it
     * to reset; then it gets every new change. Atomic with {@link #changed}, so nothing falls between replay and live.
     */
    public synchronized void attach(StreamClient client, String lastEventId) {
        long latest = nextSeq - 1;
        long oldest = latest - count + 1;
        ObjectNode hello = JsonNodeFactory.instance.objectNode().put("epoch", epoch).put("latest", latest);
        if (lastEventId == null || lastEventId.isBlank()) {
            client.sendControl("hello", id(latest), hello.toString());
        } else {
            long last = resumePoint(lastEventId);
            if (last < 0 || last < oldest - 1 || last > latest) {
                String reason = last == -1 ? "the Last-Event-ID is from an earlier run of the service"
                        : last == -2 ? "the Last-Event-ID is not one this stream sent"
                        : last > latest ? "the Last-Event-ID is ahead of this stream"
                        : "the changes since the Last-Event-ID are no longer in memory";
                client.sendControl("reset", id(latest), hello.put("reason", reason + "; fetch the current state again").toString());
            } else {
                for (long s = last + 1; s <= latest; s++) {
                    if (!client.send(ring[(int) (s % ring.length)], Integer.MAX_VALUE)) {
                        return;
                    }
                }
            }
        }
        clients.add(client);
    }

    public void detach(StreamClient client) {
        clients.remove(client);
    }

    /** A comment to every client so that idle connections stay open through proxies. */
    public void keepAlive() {
        for (StreamClient client : clients) {
            if (!client.comment("keep-alive")) {
                clients.remove(client);
            }
        }
    }

    public int clients() {
        return clients.size();
    }

    /** The sequence number of an id of this run; -1 for another run, -2 for an id this stream never sent. */
    private long resumePoint(String lastEventId) {
        int dash = lastEventId.lastIndexOf('-');
        if (dash <= 0) {
            return -2;
        }
        if (!lastEventId.substring(0, dash).equals(epoch)) {
            return -1;
        }
        try {
            long seq = Long.parseLong(lastEventId.substring(dash + 1));
            return seq < 0 ? -2 : seq;
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    private String id(long seq) {
        return epoch + "-" + seq;
    }

    private static String payload(long seq, ConsumedRecord record) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("seq", seq);
        node.put("topic", record.topic());
        node.put("partition", record.partition());
        node.put("offset", record.offset());
        node.put("key", record.key());
        CloudEvent event = record.event();
        if (event == null) {
            node.put("tombstone", true);
        } else {
            node.put("type", event.type());
            node.set("event", JsonCodec.tree(redacted(record.topic(), event)));
        }
        return node.toString();
    }

    /** The event as a viewer may see it: a catalog shrinks to its platform, a subscription to nothing but its id. */
    private static CloudEvent redacted(String topic, CloudEvent event) {
        if (topic.equals(Topics.CATALOG.name()) && event.data() != null && event.data().has("platform")) {
            ObjectNode platform = JsonNodeFactory.instance.objectNode();
            platform.set("platform", event.data().get("platform"));
            return new CloudEvent(event.specversion(), event.id(), event.source(), event.type(), event.time(), event.subject(),
                    event.datacontenttype(), event.drill(), platform);
        }
        if (topic.equals(SUBSCRIPTIONS_TOPIC)) {
            return new CloudEvent(event.specversion(), event.id(), event.source(), event.type(), event.time(), event.subject(),
                    null, event.drill(), null);
        }
        return event;
    }
}
