package dev.stormwatch.ingest.poll;

/** What one poll did: pages read, events new to the cursors (published or found duplicate), whether it was stopped or failed. */
public record PollReport(String poller, int pages, int published, boolean stopped, String failure) {
}
