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
        users++;
        if (broker == null) {
            Path dir = newDataDir();
            KafkaBroker started = KafkaBroker.start(dir);
            try {
                TopicSetup.apply(started.bootstrapServers());
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
            broker = started;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "stormwatch-kafka-broker-stop"));
        }
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
