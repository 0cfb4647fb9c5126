package dev.stormwatch.status.readmodel;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the read model holds everything that was in Kafka at start: before that, answers would be stale. */
@Readiness
@Singleton
public class ReadModelReadiness implements HealthCheck {

    private final ReadModelReplay replay;

    public ReadModelReadiness(ReadModelReplay replay) {
        this.replay = replay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("read-model")
                .status(replay.caughtUp())
                .withData("status", replay.status())
                .withData("topics", String.join(",", replay.topics()))
                .build();
    }
}
