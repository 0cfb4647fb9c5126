package dev.stormwatch.status.stream;

/** One change in the live stream: its SSE id ({@code <epoch>-<seq>}) and JSON payload. */
record Change(long seq, String id, String json) {
}
