package dev.stormwatch.status;

import dev.stormwatch.contracts.logging.JsonLogFormat;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Switches the console to JSON lines when {@code stormwatch.log.format=json} (Compose and Kubernetes set it). */
@Singleton
public class LogFormat {

    void onStart(@Observes StartupEvent started, @ConfigProperty(name = "stormwatch.log.format", defaultValue = "text") String format) {
        if ("json".equalsIgnoreCase(format)) {
            JsonLogFormat.install("status-api");
        }
    }
}
