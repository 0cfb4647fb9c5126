package dev.stormwatch.notifier.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** The notifier's Kafka Streams settings carry the failure policy, and a failed stream thread is replaced. */
class StreamsFailurePolicyTest {

    @Test
    void theServiceConfigurationNamesTheHandlersAndTheUncaughtPolicyReplacesTheThread() throws IOException {
        Properties file = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            file.load(in);
        }
        Properties streams = new Properties();
        file.stringPropertyNames().stream()
                .filter(k -> k.startsWith("kafka-streams."))
                .forEach(k -> streams.put(k.substring("kafka-streams.".length()), file.getProperty(k)));
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "policy-test");
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        StreamsConfig config = new StreamsConfig(streams);

        assertEquals(
                LogAndContinueExceptionHandler.class,
                config.getClass(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals(
                LogAndContinueProcessingExceptionHandler.class,
                config.getClass(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals(
                DefaultProductionExceptionHandler.class,
                config.getClass(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals(
                StreamThreadExceptionResponse.REPLACE_THREAD,
                new StreamThreadPolicy().handle(new IllegalStateException("transaction timed out")));
    }
}
