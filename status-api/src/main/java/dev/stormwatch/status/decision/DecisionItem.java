package dev.stormwatch.status.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stormwatch.contracts.decision.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A decision with the time left to its deadline, computed from the service clock. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A DR decision and the time left to take it")
public record DecisionItem(
        Decision decision,

        @Schema(
                description =
                        "Seconds until the deadline while open; negative once past; absent without a deadline or once "
                                + "taken")
        Long timeLeftSeconds,

        @Schema(description = "Open and past its deadline") boolean overdue,

        @Schema(description = "Taken here; the correlator has not confirmed it with a new snapshot yet")
        boolean pendingConfirmation) {

    public static DecisionItem of(DecisionView.Current current, Clock clock) {
        return of(current.decision(), current.pending(), clock.instant());
    }

    public static DecisionItem of(Decision d, boolean pending, Instant now) {
        Long left = null;
        boolean overdue = false;
        if (d.isOpen() && d.deadline() != null) {
            left = Duration.between(now, d.deadline()).toSeconds();
            overdue = left < 0;
        }
        return new DecisionItem(d, left, overdue, pending);
    }
}
