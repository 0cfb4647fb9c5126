package dev.stormwatch.local.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logmanager.Logger;

/**
 * A real Apache Kafka broker in KRaft mode, running in this JVM as one combined broker + controller node.
 *
 * <p>Tests and the local run use it instead of Docker: the same broker code as production, settings for a single node
 * (replication factor 1 everywhere, no rebalance delay). The log directory is formatted when empty and reused when
 * already formatted, so a restart on the same directory keeps every record.
 *
 * <p>The controller quorum is static ({@code controller.quorum.voters}), not a dynamic one formatted with
 * {@code --standalone}: a dynamic quorum records the controller's address in the metadata log, which would break a
 * restart that picks a new free controller port.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Level of the broker's own log categories; WARN keeps test output readable. */
    public static final String LOG_LEVEL_PROPERTY = "stormwatch.kafka.broker.log.level";

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "localhost";

    /**
     * Categories only the broker logs to, plus the config dump (a hundred lines per client) and metrics bookkeeping
     * that every Kafka component, clients too, prints at INFO; clients' own categories (clients, streams) are left to
     * the application.
     */
    private static final List<String> BROKER_LOG_CATEGORIES = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.server",
            "org.apache.kafka.raft",
            "org.apache.kafka.controller",
            "org.apache.kafka.metadata",
            "org.apache.kafka.image",
            "org.apache.kafka.storage",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.queue",
            "org.apache.kafka.security",
            "org.apache.kafka.network",
            "org.apache.kafka.common.network",
            "org.apache.kafka.common.security",
            "org.apache.kafka.common.utils.AppInfoParser",
            "org.apache.kafka.common.config.AbstractConfig",
            "org.apache.kafka.common.metrics",
            "org.apache.kafka.deferred");

    /** Held so that the levels set on them stay. */
    private static final List<Logger> QUIETED = new CopyOnWriteArrayList<>();

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private final Duration startup;
    private boolean closed;

    private KafkaBroker(KafkaRaftServer server, Path dataDir, int port, Duration startup) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.startup = startup;
    }

    /** Starts a broker with its data in {@code dataDir} on a free port. */
    public static KafkaBroker start(Path dataDir) {
        return start(dataDir, 0);
    }

    /**
     * Starts a broker with its data in {@code dataDir}, listening for clients on {@code port} (0: a free port). Returns
     * once the broker is registered and unfenced, i.e. ready for clients.
     */
    public static KafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /** As {@link #start(Path, int)}, with broker settings that override the single-node defaults. */
    public static KafkaBroker start(Path dataDir, int port, Map<String, String> overrides) {
        if (port != 0 && !isFree(port)) {
            throw new IllegalStateException("port " + port + " on " + HOST
                    + " is in use (another Kafka broker?): stop it" + " or choose another port");
        }
        // Free ports (the controller's always) are picked before Kafka binds them; another process may take one in
        // between, so try again with new ones.
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(dataDir, port == 0 ? freePort() : port, overrides);
            } catch (IllegalStateException e) {
                if (attempt == 3 || !bindFailure(e)) {
                    throw e;
                }
            }
        }
    }

    private static KafkaBroker startOnce(Path dataDir, int brokerPort, Map<String, String> overrides) {
        long began = System.nanoTime();
        quietBrokerLogs();
        Path dir = dataDir.toAbsolutePath();
        int controllerPort = freePort();
        Map<String, String> props = settings(dir, brokerPort, controllerPort);
        props.putAll(overrides);
        // Kafka loads configured classes (principal builder, metrics reporters) through the context class loader, and
        // its threads inherit it: make it the one that loaded Kafka, not a Quarkus application's loader.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaBroker.class.getClassLoader());
        KafkaRaftServer server = null;
        try {
            KafkaConfig config = new KafkaConfig(props, false);
            format(config, dir);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
        } catch (RuntimeException e) {
            if (server != null) {
                try {
                    stop(server);
                } catch (RuntimeException stopFailure) {
                    e.addSuppressed(stopFailure);
                }
            }
            throw new IllegalStateException(
                    "Kafka broker did not start on port " + brokerPort + " with data in " + dir + ": " + rootMessage(e),
                    e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        return new KafkaBroker(server, dir, brokerPort, Duration.ofNanos(System.nanoTime() - began));
    }

    /** The single-node settings every Stormwatch broker runs with. */
    static Map<String, String> settings(Path dir, int brokerPort, int controllerPort) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put(
                "listeners",
                "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                        + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());
        // One node: every internal topic and every topic created without an explicit factor has one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Fewer internal partitions: the first consumer group and the first transaction create them synchronously.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        // Every group join would otherwise wait 3 s for more members that never come.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics come from TopicSetup (Topics.ALL) and Kafka Streams' admin calls; a misspelt name fails loudly.
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        // Two cores and several JVMs building at once: fewer threads, a small compaction buffer (default 128 MiB).
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        // broker.heartbeat.interval.ms stays at its default (2 s): it is also how long a heartbeat may wait in the
        // controller's queue, and shorter values log "controller event queue overloaded" when the machine is busy.
        return p;
    }

    /** Formats a new log directory; leaves an already formatted one (and its data) as it is. */
    private static void format(KafkaConfig config, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + dir, e);
        }
        if (Files.exists(dir.resolve("meta.properties"))) {
            // Formatted before: the broker checks its cluster and node id against the config itself.
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dir.toString()))
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setHasDynamicQuorum(false)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot format Kafka data directory " + dir + ": " + e.getMessage() + " "
                            + out.toString(StandardCharsets.UTF_8).trim(),
                    e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    private static boolean bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    /**
     * Sets the broker's log categories to {@link #LOG_LEVEL_PROPERTY} (default WARN) in jboss-logmanager, where slf4j
     * ends up both under Quarkus and in the broker process, whether or not it is the JVM's java.util.logging manager.
     */
    static void quietBrokerLogs() {
        if (!QUIETED.isEmpty()) {
            return;
        }
        Level level = Level.parse(julLevel(System.getProperty(LOG_LEVEL_PROPERTY, "WARN")));
        for (String category : BROKER_LOG_CATEGORIES) {
            Logger logger = Logger.getLogger(category);
            logger.setLevel(level);
            QUIETED.add(logger);
        }
    }

    private static String julLevel(String level) {
        return switch (level.toUpperCase(Locale.ROOT)) {
            case "ERROR" -> "SEVERE";
            case "WARN" -> "WARNING";
            case "DEBUG" -> "FINE";
            case "TRACE" -> "FINEST";
            default -> level.toUpperCase(Locale.ROOT);
        };
    }

    /** {@code localhost:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** How long {@link #start} took, from configuration to a broker ready for clients. */
    public Duration startupTime() {
        return startup;
    }

    /** Stops the broker (controlled shutdown) and waits until its threads are gone; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(server);
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", " + dataDir + "]";
    }
}
