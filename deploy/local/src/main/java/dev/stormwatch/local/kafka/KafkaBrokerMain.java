package dev.stormwatch.local.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The broker as a process for the local run: {@code KafkaBrokerMain [data-dir] [port]} (defaults
 * {@code target/kafka-data} and 9092). Creates every topic of the contract, prints one line
 * {@value #READY_PREFIX}{@code localhost:<port>} once clients can connect, and runs until SIGTERM or SIGINT, which stop
 * it cleanly (its data stays in the data directory for the next start).
 */
public final class KafkaBrokerMain {

    /** Printed, followed by the bootstrap servers, when the broker is ready; launchers wait for it. */
    public static final String READY_PREFIX = "Kafka broker ready at ";

    private static final String LOG_MANAGER_PROPERTY = "java.util.logging.manager";

    static final String DEFAULT_DATA_DIR = "target/kafka-data";
    static final int DEFAULT_PORT = 9092;

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws InterruptedException {
        // slf4j goes to jboss-logmanager; it must also be the JVM's log manager, and it is set before first use.
        if (System.getProperty(LOG_MANAGER_PROPERTY) == null) {
            System.setProperty(LOG_MANAGER_PROPERTY, "org.jboss.logmanager.LogManager");
        }
        if (args.length > 2 || (args.length > 0 && args[0].startsWith("-"))) {
            usage("unexpected arguments");
            return;
        }
        Path dataDir = Path.of(args.length > 0 ? args[0] : DEFAULT_DATA_DIR);
        int port;
        try {
            port = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_PORT;
        } catch (NumberFormatException e) {
            usage("port is not a number: " + args[1]);
            return;
        }
        if (port < 0 || port > 65535) {
            usage("port out of range: " + port);
            return;
        }
        KafkaBroker broker;
        try {
            broker = KafkaBroker.start(dataDir, port);
        } catch (RuntimeException e) {
            // The broker logged its own details; the launcher needs one line saying why.
            System.err.println("Kafka broker did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "kafka-broker-stop"));
        TopicSetup.Result topics = TopicSetup.apply(broker.bootstrapServers());
        System.out.println("Kafka broker data in " + broker.dataDir() + ", started in "
                + broker.startupTime().toMillis() + " ms; topics created " + topics.created() + ", altered "
                + topics.altered());
        System.out.println(READY_PREFIX + broker.bootstrapServers());
        System.out.flush();
        // The broker's threads keep running; the shutdown hook ends them and this wait.
        stopped.await();
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(
                "usage: java -cp target/classes:$(cat target/classpath.txt) " + KafkaBrokerMain.class.getName()
                        + " [data-dir (default " + DEFAULT_DATA_DIR + ")] [port (default " + DEFAULT_PORT + ")]");
        System.exit(2);
    }
}
