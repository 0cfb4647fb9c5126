package dev.stormwatch.notifier.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.action.StepActionEntry;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The step runner's copy of the call ledger: the runner records each phase as it writes it, and later reads the same
 * entries back from Kafka; reading an earlier phase back must not undo a later one, or the step would be called again.
 */
class StepActionBookTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String KEY = "auto-4-step-01";

    static final StepActionEntry INTENDED = new StepActionEntry(
            KEY,
            KEY,
            "auto-4",
            "inc-auto-4",
            "key-vault",
            "Recover the vault",
            "webhook",
            StepActionEntry.INTENDED,
            T0,
            null,
            null,
            null,
            "approved by dr-lead",
            false);
    static final StepActionEntry CALLED = INTENDED.called(T0.plusSeconds(1), null, "HTTP 202");
    static final StepActionEntry OUTCOME =
            CALLED.outcome(T0.plusSeconds(60), StepActionEntry.SUCCEEDED, "the target reported success");

    static CloudEvent written(StepActionEntry e) {
        return JsonCodec.envelope(
                "step-action:" + e.key() + ":" + e.phase(),
                EventTypes.STEP_ACTION,
                StepActionRunner.SOURCE,
                e.key(),
                e.at(),
                false,
                e);
    }

    @Test
    void theRunnersOwnEntriesReadBackAfterTheCallLeaveItCalled() {
        StepActionBook book = new StepActionBook();
        book.record(INTENDED);
        book.record(CALLED);

        book.ledger(KEY, written(INTENDED));
        assertEquals(Optional.of(CALLED), book.entry(KEY));
        book.ledger(KEY, written(CALLED));
        assertEquals(Optional.of(CALLED), book.entry(KEY));
    }

    @Test
    void anOutcomeIsNotUndoneByTheCallReadBackAfterIt() {
        StepActionBook book = new StepActionBook();
        book.record(OUTCOME);

        book.ledger(KEY, written(INTENDED));
        book.ledger(KEY, written(CALLED));
        assertEquals(Optional.of(OUTCOME), book.entry(KEY));
    }

    @Test
    void aLedgerReadAtStartMovesForwardPhaseByPhase() {
        StepActionBook book = new StepActionBook();

        book.ledger(KEY, written(INTENDED));
        assertEquals(Optional.of(INTENDED), book.entry(KEY));
        book.ledger(KEY, written(CALLED));
        assertEquals(Optional.of(CALLED), book.entry(KEY));
        book.ledger(KEY, written(OUTCOME));
        assertEquals(Optional.of(OUTCOME), book.entry(KEY));
    }

    @Test
    void aTombstoneRemovesTheEntry() {
        StepActionBook book = new StepActionBook();
        book.record(CALLED);

        book.ledger(KEY, null);
        assertTrue(book.entry(KEY).isEmpty());
    }
}
