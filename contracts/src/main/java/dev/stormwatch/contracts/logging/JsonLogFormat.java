package dev.stormwatch.contracts.logging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One JSON object per log line, for log pipelines (Loki, Elastic, Azure Monitor): time, level, logger, message,
 * thread, the MDC (incidentId, decisionId, pageId, eventId — the CloudEvent id that serves as our trace id) and the
 * stack trace when there is one. Written with the project's Jackson because the Quarkus JSON logging extension is not
 * served here; services switch to it with {@code stormwatch.log.format=json} ({@link #install(String)}).
 */
public final class JsonLogFormat extends Formatter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String service;

    public JsonLogFormat(String service) {
        this.service = service;
    }

    /** Puts this format on every console handler of the root logger, including those Quarkus nests in its own. */
    public static void install(String service) {
        JsonLogFormat format = new JsonLogFormat(service);
        for (Handler h : Logger.getLogger("").getHandlers()) {
            apply(h, format);
        }
    }

    private static void apply(Handler handler, JsonLogFormat format) {
        if (handler instanceof ConsoleHandler || handler instanceof org.jboss.logmanager.handlers.ConsoleHandler) {
            handler.setFormatter(format);
        }
        if (handler instanceof ExtHandler ext) {
            for (Handler nested : ext.getHandlers()) {
                apply(nested, format);
            }
        }
    }

    @Override
    public String format(LogRecord record) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("time", Instant.ofEpochMilli(record.getMillis()).toString());
        line.put("level", record.getLevel().getName());
        line.put("service", service);
        line.put("logger", record.getLoggerName());
        // JBoss Logging records carry printf- or MessageFormat-style parameters; the record knows which.
        line.put("message", record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : formatMessage(record));
        if (record instanceof ExtLogRecord ext) {
            line.put("thread", ext.getThreadName());
            Map<String, String> mdc = ext.getMdcCopy();
            mdc.forEach(line::put);
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.put("error", record.getThrown().toString());
            line.put("stackTrace", trace.toString());
        }
        return line.toString() + System.lineSeparator();
    }
}
