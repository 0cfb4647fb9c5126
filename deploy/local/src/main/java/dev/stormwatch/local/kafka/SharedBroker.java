package dev.stormwatch.local.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one broker of a test JVM, shared by every test class that asks for it. Started on first use with its data in a
 * fresh directory under {@code ./target} (the module running the tests), all topics of the contract created; stopped
 * and its directory deleted by a JVM shutdown hook, because a later test class (another Quarkus application) may still
 * come and ask for it.
 *
 * <p>Next to the broker's data lives the Kafka Streams state directory for the same JVM: local state stores must live
 * exactly as long as the changelog topics they restore from. Kafka Streams' default ({@code /tmp/kafka-streams}) would
 * outlive the broker, and a store restored to offsets of a previous run's broker double-counts on this one.
 *
 * <p>Quarkus loads test resources in a class loader per application; {@code KafkaBrokerTestResource} therefore reaches
 * this class through the system class loader, so that "one per JVM" holds across applications.
 */
public final class SharedBroker {

    private static KafkaBroker broker;
    private static Path root;
    private static int users;

    private SharedBroker() {}

    /** Starts the shared broker unless it runs already, and returns its bootstrap servers. */
    public static synchronized String acquire() {
        if (broker == null) {
            // Kafka loads configured classes (metrics reporters, serializers) through the context class loader: under
            // Quarkus that is the application's loader, whose copies of Kafka's classes are not the ones running here.
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(SharedBroker.class.getClassLoader());
            try {
                start();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        users++;
        return broker.bootstrapServers();
    }

    /** The Kafka Streams state directory that belongs to the shared broker; {@link #acquire()} first. */
    public static synchronized String streamsStateDir() {
        if (root == null) {
            throw new IllegalStateException("the shared Kafka broker is not started: call acquire() first");
        }
        return root.resolve("streams").toString();
    }

    /** One user fewer; the broker itself lives until the JVM exits. */
    public static synchronized void release() {
        users = Math.max(0, users - 1);
    }

    /** How many users hold the broker now. */
    public static synchronized int users() {
        return users;
    }

    private static void start() {
        Path dir = newRoot();
        KafkaBroker started = KafkaBroker.start(dir.resolve("broker"));
        try {
            TopicSetup.apply(started.bootstrapServers());
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        Thread hook = new Thread(() -> stop(started, dir), "stormwatch-kafka-broker-stop");
        hook.setContextClassLoader(SharedBroker.class.getClassLoader());
        Runtime.getRuntime().addShutdownHook(hook);
        broker = started;
        root = dir;
    }

    private static Path newRoot() {
        try {
            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "kafka-test-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory under ./target", e);
        }
    }

    private static void stop(KafkaBroker started, Path dir) {
        started.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Only test data under ./target is left behind; nothing to report at JVM exit.
        }
    }
}
