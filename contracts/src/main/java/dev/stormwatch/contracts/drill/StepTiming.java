package dev.stormwatch.contracts.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One runbook step as a drill or a real DR run ran it, beside what the catalog expected. The step was completed by a
 * person or by an automated action alike: both complete its recovery-step decision.
 *
 * @param expected the catalog's expected time plus contingency
 * @param startedAt when a responder (or an action) started it (null until then)
 * @param completedAt when it was completed (its recovery-step decision approved)
 * @param actual completed minus started; null until both are known
 * @param attempts how many times it was run (a failed attempt is put forward again)
 * @param evidence the validation evidence given on completion
 * @param flags why the measurement is not to be trusted as it is ({@link #FAR_BELOW_ESTIMATE}, {@link #NO_EVIDENCE});
 *     empty when it can be
 */
public record StepTiming(
        int runOrder,
        String componentId,
        String step,
        String parallelGroup,
        Duration expected,
        Instant startedAt,
        String startedBy,
        Instant completedAt,
        String completedBy,
        Duration actual,
        int attempts,
        String evidence,
        List<String> flags) {

    /** Measured far below its estimate (under the configured fraction of it): more likely clicked through than run. */
    public static final String FAR_BELOW_ESTIMATE = "far-below-estimate";
    /** Completed without validation evidence. */
    public static final String NO_EVIDENCE = "no-evidence";

    public StepTiming {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** A step with no flag. */
    public StepTiming(
            int runOrder,
            String componentId,
            String step,
            String parallelGroup,
            Duration expected,
            Instant startedAt,
            String startedBy,
            Instant completedAt,
            String completedBy,
            Duration actual,
            int attempts,
            String evidence) {
        this(
                runOrder,
                componentId,
                step,
                parallelGroup,
                expected,
                startedAt,
                startedBy,
                completedAt,
                completedBy,
                actual,
                attempts,
                evidence,
                List.of());
    }

    /** Actual minus expected; null until the step is done. */
    public Duration overrun() {
        return actual == null || expected == null ? null : actual.minus(expected);
    }

    /** The flags of a measured step: far below {@code suspectBelow} × its estimate, or without evidence. */
    public static List<String> flagsOf(Duration expected, Duration actual, String evidence, double suspectBelow) {
        if (actual == null) {
            return List.of();
        }
        List<String> flags = new java.util.ArrayList<>();
        if (expected != null && actual.toMillis() < expected.toMillis() * suspectBelow) {
            flags.add(FAR_BELOW_ESTIMATE);
        }
        if (evidence == null || evidence.isBlank()) {
            flags.add(NO_EVIDENCE);
        }
        return flags;
    }
}
