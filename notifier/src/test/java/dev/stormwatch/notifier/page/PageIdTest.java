package dev.stormwatch.notifier.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Page ids: deterministic, and the subject can be read back even when it contains dots. */
class PageIdTest {

    @Test
    void roundTrips() {
        assertEquals("inc-7.l2.r1", PageId.of("inc-7", 2, 1));
        assertEquals(Optional.of(new PageId("inc-7", 2, 1)), PageId.parse("inc-7.l2.r1"));
        assertEquals(Optional.of(new PageId("contoso.inc.7", 10, 0)), PageId.parse("contoso.inc.7.l10.r0"));
        assertEquals(Optional.empty(), PageId.parse("inc-7"));
        assertEquals(Optional.empty(), PageId.parse("ho-1.handover"));
        assertEquals(Optional.empty(), PageId.parse(null));
    }
}
