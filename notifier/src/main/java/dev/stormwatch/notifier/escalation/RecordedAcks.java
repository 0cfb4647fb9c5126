package dev.stormwatch.notifier.escalation;

import dev.stormwatch.contracts.page.Ack;
import java.util.Optional;

/**
 * The acknowledgements on {@code acks.v1} as this instance has read them straight from the topic (every partition),
 * ahead of their turn in the escalation's own input. An acknowledgement reaches its page's stream task only through the
 * repartition by subject, a second transaction later; after a restart, a level that came due while the process was down
 * would fire before an acknowledgement made before the crash got there. The paging stage asks here before it escalates,
 * and does not escalate at all until everything on the topic at start has been read.
 */
public interface RecordedAcks {

    /** Nothing recorded outside the stream, and nothing to wait for: the stream's own acknowledgements only. */
    RecordedAcks NONE = new RecordedAcks() {
        @Override
        public boolean caughtUp() {
            return true;
        }

        @Override
        public Optional<Ack> find(String pageId) {
            return Optional.empty();
        }
    };

    /** True once every acknowledgement that was on {@code acks.v1} when this instance started has been read. */
    boolean caughtUp();

    /** The first acknowledgement recorded for {@code pageId}, if any. */
    Optional<Ack> find(String pageId);
}
