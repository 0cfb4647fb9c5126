package dev.stormwatch.notifier.ack;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the page ledger has read {@code notifications.v1} and {@code acks.v1} up to where they were at start:
 * before that, a replayed acknowledge link could not be recognised.
 */
@Readiness
@ApplicationScoped
public class PageLedgerReadiness implements HealthCheck {

    private final Acknowledgements acknowledgements;

    public PageLedgerReadiness(Acknowledgements acknowledgements) {
        this.acknowledgements = acknowledgements;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("page-ledger")
                .status(acknowledgements.ready())
                .build();
    }
}
