package dev.stormwatch.contracts.page;

import java.time.Instant;

/** An acknowledgement of a page, on {@code acks.v1} (key: page id); {@code via} is link, api or dashboard. */
public record Ack(String pageId, String subjectId, String contactId, String by, String via, Instant at) {}
