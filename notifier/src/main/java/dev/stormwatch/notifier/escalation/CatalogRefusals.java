package dev.stormwatch.notifier.escalation;

import dev.stormwatch.contracts.CloudEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Catalog refusals from the screen (global thread) to the audit trail (stream thread). The screen counts each refusal
 * it stores; the escalation reads the refusal markers only when that count has moved, so a tick costs nothing while no
 * catalog is refused, however many platforms the store holds.
 */
final class CatalogRefusals {

    private final AtomicLong refusals = new AtomicLong();

    /** Called by the screen after it stored a refusal marker. */
    void refused() {
        refusals.incrementAndGet();
    }

    /** The reading side, one per stream task that writes the refusals to the audit trail. */
    Reader reader(KeyValueStore<String, CloudEvent> store, EvidenceTrail trail) {
        return new Reader(store, trail);
    }

    final class Reader {

        private final KeyValueStore<String, CloudEvent> store;
        private final EvidenceTrail trail;
        private final Set<String> audited = new HashSet<>();
        // Never read yet: the first tick reads what the store holds (a restart, or this task moving here).
        private long seen = -1;

        private Reader(KeyValueStore<String, CloudEvent> store, EvidenceTrail trail) {
            this.store = store;
            this.trail = trail;
        }

        /** Writes each refusal marker not written by this task yet. */
        void auditNew(Instant now) {
            long count = refusals.get();
            if (count == seen) {
                return;
            }
            seen = count;
            List<CloudEvent> fresh = new ArrayList<>();
            Set<String> present = new HashSet<>();
            try (var it = store.prefixScan(CatalogScreen.REFUSED, new StringSerializer())) {
                while (it.hasNext()) {
                    CloudEvent marker = it.next().value;
                    if (marker != null && present.add(marker.id()) && audited.add(marker.id())) {
                        fresh.add(marker);
                    }
                }
            }
            // A marker replaced in the store does not come back: remembering only the present ones keeps this set as
            // small as the store.
            audited.retainAll(present);
            for (CloudEvent marker : fresh) {
                trail.catalogRefused(marker, now);
            }
        }
    }
}
