package dev.stormwatch.correlator.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.incident.TimelineEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An incident's snapshot keeps how it started and its latest entries, and says how many it left out between. */
class IncidentTimelineTest {

    static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");

    @Test
    void aLongTimelineKeepsItsFirstTwentyAndLatestEntriesAndCountsTheRest() {
        IncidentDraft draft = IncidentDraft.open("inc-1", "p", "Storage outage", T0, false, false);
        for (int i = 0; i < 500; i++) {
            draft.noteAsReported(T0.plusSeconds(i), "update " + i, "TRK-1");
        }
        // Snapshots go through the store and back: the next draft goes on from what was kept.
        draft = IncidentDraft.of(draft.build(T0.plusSeconds(500)));
        draft.note(T0.plusSeconds(501), "update 500", "TRK-1");
        List<TimelineEntry> kept = draft.build(T0.plusSeconds(501)).incident().timeline();

        assertEquals(IncidentDraft.TIMELINE_KEPT, kept.size());
        for (int i = 0; i < IncidentDraft.TIMELINE_HEAD; i++) {
            assertEquals("update " + i, kept.get(i).what());
        }
        TimelineEntry gap = kept.get(IncidentDraft.TIMELINE_HEAD);
        // 501 entries, 200 kept: 20 first, the gap, the latest 179 (322 … 500); 302 left out (20 … 321).
        assertEquals("302 earlier entries left out of this snapshot", gap.what());
        assertEquals(IncidentDraft.OMITTED, gap.cause());
        assertEquals(T0.plusSeconds(321), gap.at(), "stamped with the latest entry it stands for");
        assertEquals("update 322", kept.get(IncidentDraft.TIMELINE_HEAD + 1).what());
        assertEquals("update 500", kept.get(kept.size() - 1).what());
        assertEquals(null, kept.get(kept.size() - 1).clock(), "the last one was Stormwatch's own");
    }

    @Test
    void aTimelineUpToTheLimitIsKeptWhole() {
        IncidentDraft draft = IncidentDraft.open("inc-2", "p", "Storage outage", T0, false, false);
        for (int i = 0; i < IncidentDraft.TIMELINE_KEPT; i++) {
            draft.note(T0.plusSeconds(i), "update " + i, "TRK-2");
        }
        List<TimelineEntry> kept = draft.build(T0).incident().timeline();
        assertEquals(IncidentDraft.TIMELINE_KEPT, kept.size());
        assertEquals(
                "update " + IncidentDraft.TIMELINE_HEAD,
                kept.get(IncidentDraft.TIMELINE_HEAD).what());
    }
}
