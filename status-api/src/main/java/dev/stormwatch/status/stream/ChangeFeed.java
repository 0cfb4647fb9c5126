package dev.stormwatch.status.stream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.status.StatusApiConfig;
import dev.stormwatch.status.readmodel.ChangeListener;
import dev.stormwatch.status.readmodel.ConsumedRecord;
import dev.stormwatch.status.subscription.SubscriptionView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The live stream's memory and its fan-out. Every record the read model consumes becomes one change with a
 * monotonically increasing sequence number, kept in a bounded ring. Each client has a cursor into the ring; a fan-out
 * thread of its own sends every client what lies between its cursor and the newest change, a bounded number of sends in
 * flight per client. So the read model never waits for a browser, a slow client only delays itself, and memory is the
 * ring, whatever the number of clients.
 *
 * <p>SSE ids are {@code <epoch>-<seq>}, the epoch naming this process's run. A resume (Last-Event-ID) within the ring
 * replays what was missed; one from another run, or older than the ring, gets a {@code reset} event telling the client
 * to fetch the current state again over REST (the ring is not refilled from Kafka). A client whose cursor the ring has
 * overtaken gets the same reset and is closed; its EventSource reconnects.
 *
 * <p>Each client gets what the REST API would show its caller: a subscription's changes (the subscription, its delivery
 * status, its dead letters) only reach the subscription's owner and admins
 * ({@link dev.stormwatch.status.subscription.SubscriptionReader}).
 */
@Singleton
public class ChangeFeed implements ChangeListener {

    /** Changes sent to one client before the fan-out turns to the next, for fairness. */
    private static final int BATCH = 64;

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);

    private final String epoch = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
    private final Change[] ring;
    private final int maxInFlight;
    private final Set<StreamClient> clients = new CopyOnWriteArraySet<>();
    private final Semaphore work = new Semaphore(0);
    private final Counter resets;
    private final SubscriptionView subscriptions;
    private long nextSeq = 1;
    private int count;
    private volatile boolean running;
    private Thread fanOut;

    public ChangeFeed(StatusApiConfig config, MeterRegistry registry, SubscriptionView subscriptions) {
        this.subscriptions = subscriptions;
        this.ring = new Change[config.stream().ringSize()];
        this.maxInFlight = config.stream().maxPendingPerClient();
        Gauge.builder("stormwatch.status.stream.clients", clients, Set::size)
                .description("connected SSE clients")
                .register(registry);
        this.resets = Counter.builder("stormwatch.status.stream.resets")
                .description("clients told to refetch: resume not servable, or too slow for the ring")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        fanOut = new Thread(this::fanOut, "status-api-stream-fan-out");
        fanOut.setDaemon(true);
        fanOut.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        work.release();
        clients.forEach(StreamClient::close);
    }

    @Override
    public void changed(ConsumedRecord record) {
        String json = payload(record);
        // The views have applied the record: a subscription's owner is known here, a deleted one's no longer.
        boolean ofSubscription = record.topic().equals(Topics.SUBSCRIPTIONS.name());
        String owner = ofSubscription ? subscriptions.ownerOf(record.key()).orElse(null) : null;
        synchronized (this) {
            long seq = nextSeq++;
            ring[(int) (seq % ring.length)] = new Change(seq, id(seq), json, ofSubscription, owner);
            count = Math.min(count + 1, ring.length);
        }
        work.release();
    }

    /**
     * Connects a client: a fresh one gets {@code hello} and every change from now on; a resume within the ring gets
     * what it missed first; any other resume gets {@code reset} and then every change from now on.
     */
    public void attach(StreamClient client, String lastEventId) {
        synchronized (this) {
            long latest = nextSeq - 1;
            long oldest = latest - count + 1;
            ObjectNode hello =
                    JsonNodeFactory.instance.objectNode().put("epoch", epoch).put("latest", latest);
            client.nextSeq = latest + 1;
            if (lastEventId == null || lastEventId.isBlank()) {
                client.sendControl("hello", id(latest), hello.toString());
            } else {
                long last = resumePoint(lastEventId);
                if (last < 0 || last < oldest - 1 || last > latest) {
                    String reason = last == -1
                            ? "the Last-Event-ID is from an earlier run of the service"
                            : last == -2
                                    ? "the Last-Event-ID is not one this stream sent"
                                    : last > latest
                                            ? "the Last-Event-ID is ahead of this stream"
                                            : "the changes since the Last-Event-ID are no longer in memory";
                    resets.increment();
                    client.sendControl(
                            "reset",
                            id(latest),
                            hello.put("reason", reason + "; fetch the current state again")
                                    .toString());
                } else {
                    client.nextSeq = last + 1;
                }
            }
            client.onWritten(work::release);
            clients.add(client);
        }
        work.release();
    }

    /** A comment to every client so that idle connections stay open through proxies, and closed ones are noticed. */
    public void keepAlive() {
        for (StreamClient client : clients) {
            if (client.isClosed()) {
                clients.remove(client);
            } else {
                client.comment("keep-alive");
            }
        }
    }

    public int clients() {
        return clients.size();
    }

    private void fanOut() {
        while (running) {
            try {
                work.tryAcquire(1, TimeUnit.SECONDS);
                work.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            boolean more;
            do {
                more = false;
                for (StreamClient client : clients) {
                    try {
                        more |= serve(client);
                    } catch (RuntimeException e) {
                        // One broken connection must not stop the fan-out for every other client.
                        LOG.debugf("stream client dropped: %s", e.toString());
                        client.close();
                        clients.remove(client);
                    }
                }
            } while (more && running);
        }
    }

    /** Sends one client up to a batch of what it has not had; true when it has more waiting and room to take it. */
    private boolean serve(StreamClient client) {
        if (client.isClosed()) {
            clients.remove(client);
            return false;
        }
        for (int sent = 0; sent < BATCH; sent++) {
            if (!client.hasRoom(maxInFlight)) {
                return false;
            }
            Change change;
            synchronized (this) {
                long latest = nextSeq - 1;
                if (client.nextSeq > latest) {
                    return false;
                }
                if (client.nextSeq < latest - count + 1) {
                    // Overtaken by the ring: it cannot be given what it missed.
                    resets.increment();
                    client.sendControl(
                            "reset",
                            id(latest),
                            JsonNodeFactory.instance
                                    .objectNode()
                                    .put("epoch", epoch)
                                    .put("latest", latest)
                                    .put("reason", "this client fell behind the stream; fetch the current state again")
                                    .toString());
                    client.close();
                    clients.remove(client);
                    return false;
                }
                change = ring[(int) (client.nextSeq % ring.length)];
            }
            if (change.visibleTo(client.reader())) {
                client.send(change);
            }
            client.nextSeq++;
        }
        return true;
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

    private static String payload(ConsumedRecord record) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
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
        if (topic.equals(Topics.CATALOG.name())
                && event.data() != null
                && event.data().has("platform")) {
            ObjectNode platform = JsonNodeFactory.instance.objectNode();
            platform.set("platform", event.data().get("platform"));
            return new CloudEvent(
                    event.specversion(),
                    event.id(),
                    event.source(),
                    event.type(),
                    event.time(),
                    event.subject(),
                    event.datacontenttype(),
                    event.drill(),
                    platform);
        }
        if (topic.equals(Topics.SUBSCRIPTIONS.name())) {
            return new CloudEvent(
                    event.specversion(),
                    event.id(),
                    event.source(),
                    event.type(),
                    event.time(),
                    event.subject(),
                    null,
                    event.drill(),
                    null);
        }
        return event;
    }
}
