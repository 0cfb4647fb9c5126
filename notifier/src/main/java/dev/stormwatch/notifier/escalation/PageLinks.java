package dev.stormwatch.notifier.escalation;

import dev.stormwatch.notifier.page.MessageItem;
import java.time.Instant;

/** The acknowledge link a message carries for one of its pages, made for the person it is sent to. */
@FunctionalInterface
public interface PageLinks {

    String link(MessageItem item, Instant now);
}
