package dev.stormwatch.notifier.page;

import java.time.Instant;

/** One person paged at one level of one pass, and why them. */
public record Paged(String contactId, String pageId, int level, int pass, Instant at, String why) {}
