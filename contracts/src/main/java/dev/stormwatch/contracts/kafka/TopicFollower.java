package dev.stormwatch.contracts.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The project's one hand-written Kafka consumer loop, for the two ways of reading a topic that a Reactive Messaging
 * channel cannot express:
 *
 * <ul>
 *   <li>{@link #replay replay}: every partition on every instance, from the beginning on every start, no consumer group
 *       and no commits; "caught up" once the consumer's position reached the end offsets found at start, then it keeps
 *       tailing. A channel belongs to a group and commits, and it hands out records, not positions: with transactional
 *       producers the end offset lies past a commit marker no record carries, so a record stream cannot tell that it
 *       reached the end. The services' readiness waits for exactly that moment.
 *   <li>{@link #inGroup inGroup}: a consumer group made at run time (one per downstream subscription), committing each
 *       record after its effect, retrying a record with waits that keep the member in its group. Channels are fixed by
 *       configuration at build time and cannot be opened per subscription. A rebalance during a wait never costs a
 *       record: partitions assigned during it stay paused, a record whose partition was revoked is given up (its new
 *       owner takes it from the committed offset), and after any rebalance every partition is read again from its
 *       committed offset.
 * </ul>
 *
 * Keys are read as strings, values as bytes. A failing consumer (a broker gone) is replaced after two seconds.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class.getName());
    private static final Duration RESTART = Duration.ofSeconds(2);

    /** Handles one record of a group follower, attempt after attempt. */
    @FunctionalInterface
    public interface Attempt {
        /**
         * Handles {@code record} for the {@code attempt}-th time (from 1). Returns null when done with it (its offset
         * is then committed), or how long to wait before the next attempt.
         */
        Duration handle(ConsumerRecord<String, byte[]> record, int attempt);
    }

    private final String name;
    private final Map<String, Object> props;
    private final Set<String> topics;
    private final Consumer<ConsumerRecord<String, byte[]>> apply;
    private final Runnable onCaughtUp;
    private final ToLongFunction<TopicPartition> startOffset;
    private final Attempt attempt;
    private final CountDownLatch caughtUpLatch = new CountDownLatch(1);
    private final Thread thread;

    private volatile boolean running = true;
    private volatile String status = "not started";
    private volatile KafkaConsumer<String, byte[]> consumer;

    // Group follower state, touched only on the follower's thread (the rebalance listener runs inside poll).
    private final Set<TopicPartition> revoked = new HashSet<>();
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    private boolean rebalanced;
    private boolean waiting;

    private TopicFollower(
            String name,
            Map<String, Object> props,
            Collection<String> topics,
            Consumer<ConsumerRecord<String, byte[]>> apply,
            Runnable onCaughtUp,
            ToLongFunction<TopicPartition> startOffset,
            Attempt attempt) {
        this.name = name;
        this.props = new HashMap<>(props);
        this.props.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        this.props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        this.props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // Committed records only: the correlator and the notifier write in Kafka Streams transactions.
        this.props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.topics = Set.copyOf(topics);
        this.apply = apply;
        this.onCaughtUp = onCaughtUp;
        this.startOffset = startOffset;
        this.attempt = attempt;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /**
     * Reads every partition of {@code topics} from the beginning, without a group, passing each record to
     * {@code apply}; runs {@code onCaughtUp} once, when it reached the ends the topics had at start.
     *
     * @param clientProps at least {@code bootstrap.servers}; a {@code group.id} is removed
     */
    public static TopicFollower replay(
            String name,
            Map<String, Object> clientProps,
            Collection<String> topics,
            Consumer<ConsumerRecord<String, byte[]>> apply,
            Runnable onCaughtUp) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new TopicFollower(name, props, topics, apply, onCaughtUp, null, null);
    }

    /**
     * Follows {@code topics} as a member of {@code groupId}, one record at a time, committing each after
     * {@code attempt} is done with it. A partition the group has no offset for starts at {@code startOffset}.
     */
    public static TopicFollower inGroup(
            String name,
            Map<String, Object> clientProps,
            String groupId,
            Collection<String> topics,
            ToLongFunction<TopicPartition> startOffset,
            Attempt attempt) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        return new TopicFollower(name, props, topics, null, null, startOffset, attempt);
    }

    /**
     * Reads {@code topics} from the beginning up to where they end now, then stops: for state that is loaded once at
     * start. Throws when that takes longer than {@code timeout}.
     */
    public static void readToEnd(
            String name,
            Map<String, Object> clientProps,
            Collection<String> topics,
            Consumer<ConsumerRecord<String, byte[]>> apply,
            Duration timeout) {
        try (TopicFollower follower =
                replay(name, clientProps, topics, apply, () -> {}).start()) {
            if (!follower.awaitCaughtUp(timeout)) {
                throw new IllegalStateException(
                        "could not read " + new TreeSet<>(topics) + " within " + timeout + ": " + follower.status());
            }
        }
    }

    /** Starts following on its own thread. */
    public TopicFollower start() {
        thread.start();
        return this;
    }

    /** True once a replay has read everything present at start and its caught-up action has run. */
    public boolean caughtUp() {
        return caughtUpLatch.getCount() == 0;
    }

    /** Waits until {@link #caughtUp()}; false when {@code timeout} passed first. */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            return caughtUpLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the follower is doing, for a readiness check. */
    public String status() {
        return status;
    }

    /** True while the follower has not been closed. */
    public boolean running() {
        return running;
    }

    /** Asks the follower to stop, without waiting for it: a record being handled is finished or given up first. */
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** Stops following and waits (up to 5 s) for the thread to end. */
    @Override
    public void close() {
        stop();
        if (thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
                consumer = c;
                if (attempt == null) {
                    replay(c);
                } else {
                    follow(c);
                }
            } catch (WakeupException | InterruptException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // A replay starts over from the beginning (its readers ignore what they applied already); a group
                // member goes on from the committed offsets.
                status = "consumer failed, restarting: " + e.getMessage();
                LOG.log(Level.WARNING, name + ": consumer failed, restarting in " + RESTART.toSeconds() + " s: " + e);
                sleep(RESTART);
            } finally {
                consumer = null;
            }
        }
    }

    private void replay(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = partitions(c);
        if (partitions == null) {
            return;
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(partitions));
        long records = 0;
        status = "catching up with " + new TreeSet<>(topics);
        while (running) {
            ConsumerRecords<String, byte[]> batch = c.poll(Duration.ofMillis(200));
            for (ConsumerRecord<String, byte[]> r : batch) {
                apply.accept(r);
                records++;
            }
            if (!end.isEmpty()) {
                // Positions, not record offsets: the end may lie past transaction markers or compacted-away records.
                end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
                if (end.isEmpty()) {
                    status = "caught up after " + records + " records";
                    if (!caughtUp()) {
                        LOG.info(name + ": caught up with " + new TreeSet<>(topics) + " after " + records + " records");
                        onCaughtUp.run();
                        caughtUpLatch.countDown();
                    }
                }
            }
        }
    }

    /** Every partition of every topic, or null when closed while waiting for a topic to exist. */
    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        while (running) {
            List<TopicPartition> partitions = new ArrayList<>();
            Set<String> missing = new LinkedHashSet<>();
            for (String topic : new TreeSet<>(topics)) {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    missing.add(topic);
                } else {
                    infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            if (missing.isEmpty()) {
                return partitions;
            }
            status = "waiting for topics " + missing + " to exist";
            LOG.warning(name + ": waiting for topics " + missing + " to exist");
            sleep(RESTART);
        }
        return null;
    }

    private void follow(KafkaConsumer<String, byte[]> c) {
        revoked.clear();
        pending.clear();
        rebalanced = false;
        waiting = false;
        c.subscribe(topics, new Rebalance(c));
        status = "following " + new TreeSet<>(topics);
        while (running) {
            ConsumerRecords<String, byte[]> batch = c.poll(Duration.ofMillis(500));
            commitPending(c);
            if (rebalanced) {
                // Positions may lie past records fetched and not handled before the rebalance.
                rewind(c, c.assignment());
                continue;
            }
            revoked.clear();
            handle(c, batch);
        }
    }

    private void handle(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> batch) {
        for (TopicPartition tp : batch.partitions()) {
            for (ConsumerRecord<String, byte[]> r : batch.records(tp)) {
                if (!running || rebalanced) {
                    return;
                }
                if (!handle(c, tp, r)) {
                    rebalanced = true;
                    return;
                }
                pending.put(tp, new OffsetAndMetadata(r.offset() + 1));
                commitPending(c);
            }
        }
    }

    /** Attempts {@code r} until done; false when it was given up because its partition was revoked meanwhile. */
    private boolean handle(KafkaConsumer<String, byte[]> c, TopicPartition tp, ConsumerRecord<String, byte[]> r) {
        for (int n = 1; ; n++) {
            Duration wait = attempt.handle(r, n);
            if (wait == null) {
                return true;
            }
            waitPaused(c, wait);
            if (!running) {
                throw new WakeupException();
            }
            if (revoked.contains(tp)) {
                LOG.info(name + ": " + tp + " was reassigned while record " + r.offset() + " waited for a retry; "
                        + "its owner takes it from the committed offset");
                return false;
            }
        }
    }

    /**
     * Waits while staying in the group: every partition paused (also those assigned meanwhile), polls that fetch
     * nothing.
     */
    private void waitPaused(KafkaConsumer<String, byte[]> c, Duration wait) {
        waiting = true;
        c.pause(c.assignment());
        long until = System.nanoTime() + wait.toNanos();
        try {
            long left;
            while (running && (left = until - System.nanoTime()) > 0) {
                ConsumerRecords<String, byte[]> ignored = c.poll(
                        Duration.ofNanos(Math.min(left, Duration.ofSeconds(1).toNanos())));
                if (!ignored.isEmpty()) {
                    // Not expected with every partition paused; never skip them: read them again after the wait.
                    rebalanced = true;
                }
                commitPending(c);
            }
        } finally {
            waiting = false;
            c.resume(c.assignment());
        }
    }

    /** Commits what was handled; a commit refused by a rebalance in progress is retried after the next poll. */
    private void commitPending(KafkaConsumer<String, byte[]> c) {
        if (pending.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> owned = new HashMap<>(pending);
        owned.keySet().retainAll(c.assignment());
        pending.clear();
        if (owned.isEmpty()) {
            return;
        }
        try {
            c.commitSync(owned);
        } catch (RebalanceInProgressException e) {
            pending.putAll(owned);
        }
    }

    /** Every partition in {@code partitions} reads on from its committed offset, or from its start when it has none. */
    private void rewind(KafkaConsumer<String, byte[]> c, Set<TopicPartition> partitions) {
        rebalanced = false;
        revoked.clear();
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = c.committed(partitions);
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata at = committed.get(tp);
            c.seek(tp, at != null ? at.offset() : startOffset.applyAsLong(tp));
        }
    }

    /** Tracks what a rebalance took away, starts new partitions where they must, keeps them paused during a wait. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> c;

        Rebalance(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                // Still this member's: commit what was handled before another member starts from the committed offset.
                commitPending(c);
                revoked.addAll(partitions);
                rebalanced = true;
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                pending.keySet().removeAll(partitions);
                revoked.addAll(partitions);
                rebalanced = true;
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(Set.copyOf(partitions));
            for (TopicPartition tp : partitions) {
                if (committed.get(tp) == null) {
                    c.seek(tp, startOffset.applyAsLong(tp));
                }
            }
            if (waiting) {
                c.pause(partitions);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
