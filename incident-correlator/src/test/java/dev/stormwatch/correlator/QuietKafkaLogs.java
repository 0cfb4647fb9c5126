package dev.stormwatch.correlator;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Kafka's INFO lines would drown the output of plain JUnit tests; @QuarkusTest sets levels in application.properties.
 */
public final class QuietKafkaLogs {

    /** java.util.logging keeps loggers weakly; holding them keeps the level. */
    private static final List<Logger> HELD = List.of(Logger.getLogger("org.apache.kafka"), Logger.getLogger("kafka"));

    static {
        HELD.forEach(l -> l.setLevel(Level.WARNING));
    }

    private QuietKafkaLogs() {}

    public static void apply() {
        // the static initialiser did it
    }
}
