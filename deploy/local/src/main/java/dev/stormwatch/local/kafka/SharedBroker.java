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
 * <p>
 * Quarkus loads test resources in a class loader per application; {@code KafkaBrokerTestResource} therefore reaches
 * this class through the system class loader, so that "one per JVM" holds across applications.
 */
public final class SharedBroker {

    private static KafkaBroker broker;
    private static int users;

    private SharedBroker() {
    }

    /** Starts the shared broker unless it runs already, and returns its bootstrap servers. */
    public static synchronized String acquire() {
        if (broker == null) {
            // Kafka loads configured classes (metrics reporters, serializers) through the context class loader: under
            // Quarkus that is the application's loader, whose copies of Kafka's classes are not the ones running here.
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(SharedBroker.class.getClassLoader());
            try {
                broker = startWithTopics();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        users++;
        return broker.bootstrapServers();
    }

    /** One user fewer; the broker itself lives until the JVM exits. */
    public static synchronized void release() {
        users = Math.max(0, users - 1);
    }

    /** How many users hold the broker now (for tests of this class). */
    public static synchronized int users() {
        return users;
    }

    private static KafkaBroker startWithTopics() {
        KafkaBroker started = KafkaBroker.start(newDataDir());
        try {
            TopicSetup.apply(started.bootstrapServers());
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        Thread hook = new Thread(() -> stop(started), "stormwatch-kafka-broker-stop");
        hook.setContextClassLoader(SharedBroker.class.getClassLoader());
        Runtime.getRuntime().addShutdownHook(hook);
        return started;
    }

    private static Path newDataDir() {
        try {
            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "kafka-broker-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory under ./target", e);
        }
    }

    private static void stop(KafkaBroker started) {
        started.close();
        try (Stream<Path> files = Files.walk(started.dataDir())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Only test data under ./target is left behind; nothing to report at JVM exit.
        }
    }
}
