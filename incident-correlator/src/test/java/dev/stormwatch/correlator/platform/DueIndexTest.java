package dev.stormwatch.correlator.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keys due strictly before a bound, each at its latest instant, in the order a store iterates its keys. */
class DueIndexTest {

    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void theKeysDueBeforeTheBoundComeInTheStoresKeyOrder() {
        DueIndex due = new DueIndex();
        due.put("c", T.minusSeconds(3));
        due.put("a", T.minusSeconds(1));
        due.put("b", T);
        due.put("\uFF21", T.minusSeconds(5));
        due.put("\uD83D\uDE00", T.minusSeconds(4));
        // UTF-8 bytes, not Java's UTF-16 order: U+FF21 (EF BC A1) before U+1F600 (F0 9F 98 80).
        assertEquals(List.of("a", "c", "\uFF21", "\uD83D\uDE00"), due.before(T));
        assertEquals(List.of("\uFF21"), due.before(T.minusSeconds(4)));
    }

    @Test
    void aKeyPutAgainIsDueAtItsNewInstantOnlyAndARemovedKeyNever() {
        DueIndex due = new DueIndex();
        due.put("a", T.minusSeconds(10));
        due.put("b", T.minusSeconds(10));
        due.put("a", T.plusSeconds(10));
        due.remove("b");
        due.remove("never-put");
        assertEquals(List.of(), due.before(T));
        assertEquals(List.of("a"), due.before(T.plusSeconds(11)));
        assertEquals(1, due.size());
    }
}
