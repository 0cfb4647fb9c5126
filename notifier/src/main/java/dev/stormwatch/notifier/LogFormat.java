package dev.stormwatch.notifier;

import dev.stormwatch.contracts.logging.JsonLogFormat;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Switches the console to JSON lines when {@code stormwatch.log.format=json} (Compose and Kubernetes set it; the same
 * setting for every service, hence not under {@code stormwatch.notifier}). Lines then carry the MDC: {@code eventId},
 * {@code incidentId} / {@code decisionId} and {@code pageId} of the record being worked on.
 */
@Singleton
public class LogFormat {

    void onStart(@Observes StartupEvent started,
            @ConfigProperty(name = "stormwatch.log.format", defaultValue = "text") String format) {
        if ("json".equalsIgnoreCase(format)) {
            JsonLogFormat.install("notifier");
        }
    }
}
