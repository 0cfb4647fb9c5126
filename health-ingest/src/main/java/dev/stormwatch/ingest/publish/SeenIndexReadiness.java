package dev.stormwatch.ingest.publish;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the dedup index was rebuilt from health-events.v1: before that, an update could be published twice. */
@Readiness
@Singleton
public class SeenIndexReadiness implements HealthCheck {

    private final SeenIndex index;

    public SeenIndexReadiness(SeenIndex index) {
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("health-events seen-index")
                .status(index.isLoaded())
                .withData("keys", index.keys())
                .build();
    }
}
