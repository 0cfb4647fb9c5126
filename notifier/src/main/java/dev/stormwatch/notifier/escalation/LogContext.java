package dev.stormwatch.notifier.escalation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.MDC;

/**
 * Puts ids in the logging MDC for the work on one record or one delivery, and takes them out again (or restores an
 * enclosing context's) when it ends, so that a log line says which event, incident, decision and page it is about (the
 * CloudEvent id is our trace id).
 */
final class LogContext implements AutoCloseable {

    /** Each key set here and what it held before: nested contexts give the outer one its values back. */
    private final Map<String, Object> previous = new LinkedHashMap<>();

    private LogContext() {}

    static LogContext of() {
        return new LogContext();
    }

    /** Sets {@code key} unless the value is null. */
    LogContext with(String key, String value) {
        if (value != null) {
            Object before = MDC.put(key, value);
            previous.putIfAbsent(key, before);
        }
        return this;
    }

    @Override
    public void close() {
        previous.forEach((key, before) -> {
            if (before == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, before.toString());
            }
        });
    }
}
