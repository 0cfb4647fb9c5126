package dev.stormwatch.notifier.ack;

import java.time.Instant;

/** What an acknowledge link says: this page, for this contact, until then; the nonce makes every link unique. */
public record AckClaims(String pageId, String platformId, String contactId, Instant expires, String nonce) {}
