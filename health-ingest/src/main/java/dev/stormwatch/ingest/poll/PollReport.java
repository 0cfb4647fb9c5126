package dev.stormwatch.ingest.poll;

/**
 * What one poll did: pages read; events new to the cursors ({@code published}); of those, accepted (stored), stale
 * (older than a stored update of the same fact); duplicates (known to the cursors or the seen-index); payloads
 * dead-lettered; whether it was stopped or failed.
 */
public record PollReport(
        String poller,
        int pages,
        int published,
        int accepted,
        int duplicates,
        int stale,
        int deadLettered,
        boolean stopped,
        String failure) {}
