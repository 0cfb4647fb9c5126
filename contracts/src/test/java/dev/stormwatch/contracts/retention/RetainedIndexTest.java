package dev.stormwatch.contracts.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetainedIndexTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void shouldForgetEntriesWrittenLongerAgoThanTheRetention() {
        Hands clock = new Hands();
        RetainedIndex<String, String> index = new RetainedIndex<>(Duration.ofDays(30), 1_000, clock);
        index.put("a", "1", null);
        clock.now = T0.plus(Duration.ofDays(20));
        index.put("b", "2", null);
        clock.now = T0.plus(Duration.ofDays(31));
        index.evict();

        assertNull(index.get("a"));
        assertEquals("2", index.get("b"));
        assertEquals(1, index.size());
    }

    @Test
    void shouldKeepAKeyWrittenAgainFromItsNewestWrite() {
        Hands clock = new Hands();
        RetainedIndex<String, String> index = new RetainedIndex<>(Duration.ofDays(30), 1_000, clock);
        index.put("a", "1", null);
        clock.now = T0.plus(Duration.ofDays(20));
        index.compute("a", (k, v) -> v + "+", null);
        clock.now = T0.plus(Duration.ofDays(31));
        index.evict();

        assertEquals("1+", index.get("a"));
    }

    @Test
    void shouldHoldNoMoreThanTheCountDroppingTheOldestWrites() {
        RetainedIndex<Integer, Integer> index = new RetainedIndex<>(Duration.ofDays(365), 100, new Hands());
        for (int i = 0; i < 100_000; i++) {
            index.put(i, i, null);
        }

        assertEquals(100, index.size());
        assertFalse(index.containsKey(99_899));
        assertTrue(index.containsKey(99_900));
        assertTrue(index.containsKey(99_999));
    }

    @Test
    void shouldStayBoundedWhenOneKeyIsWrittenOverAndOver() {
        RetainedIndex<String, Integer> index = new RetainedIndex<>(Duration.ofDays(365), 10, new Hands());
        for (int i = 0; i < 1_000; i++) {
            index.put("same", i, null);
            index.putIfAbsent("other-" + (i % 3), i, null);
        }

        assertEquals(999, index.get("same"));
        assertEquals(List.of(0, 1, 2), List.of(index.get("other-0"), index.get("other-1"), index.get("other-2")));
        assertEquals(4, index.values().size());
    }
}
