package dev.stormwatch.notifier.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtHandler;
import org.junit.jupiter.api.Test;

/**
 * {@code stormwatch.log.format=json}, as the Kubernetes ConfigMaps set it: the console Quarkus configured from
 * application.properties writes a line logged while a page is sent as one JSON object, with the page's ids from the MDC
 * and the service's name.
 */
@QuarkusTest
@TestProfile(JsonLogLinesIT.JsonLogs.class)
class JsonLogLinesIT {

    public static class JsonLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stormwatch.log.format", "json");
        }
    }

    @Test
    void aLineWrittenWhileAPageIsSentIsOneJsonObjectWithThePagesIdsAndTheService() throws Exception {
        Formatter console =
                consoleFormatter(java.util.logging.Logger.getLogger("").getHandlers());
        assertNotNull(console, "the root logger has a console handler");

        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLoggerName().equals(JsonLogLinesIT.class.getName())) {
                    lines.add(console.format(record));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger.getLogger("").addHandler(capture);
        try (LogContext log = LogContext.of()
                .with("eventId", "ev-json-1")
                .with("incidentId", "inc-json-1")
                .with("pageId", "pg-json-1,pg-json-2")) {
            Logger.getLogger(JsonLogLinesIT.class).infof("paged %s on %s", "raj", "teams");
        } finally {
            java.util.logging.Logger.getLogger("").removeHandler(capture);
        }

        assertEquals(1, lines.size(), "one line: " + lines);
        String text = lines.get(0);
        assertEquals(1, text.strip().lines().count(), "one physical line: " + text);
        JsonNode line = new ObjectMapper().readTree(text);
        assertEquals("paged raj on teams", line.path("message").asText(), text);
        assertEquals("INFO", line.path("level").asText(), text);
        assertEquals(JsonLogLinesIT.class.getName(), line.path("loggerName").asText(), text);
        assertEquals("notifier", line.path("service").asText(), text);
        assertEquals("ev-json-1", line.path("mdc").path("eventId").asText(), text);
        assertEquals("inc-json-1", line.path("mdc").path("incidentId").asText(), text);
        assertEquals("pg-json-1,pg-json-2", line.path("mdc").path("pageId").asText(), text);
        assertTrue(line.path("timestamp").asText().matches("\\d{4}-\\d{2}-\\d{2}T.*"), text);
    }

    /** The formatter of the console handler, looked for also inside the handlers Quarkus nests in its own. */
    private static Formatter consoleFormatter(Handler[] handlers) {
        for (Handler h : handlers) {
            if (h instanceof ConsoleHandler || h instanceof org.jboss.logmanager.handlers.ConsoleHandler) {
                return h.getFormatter();
            }
            if (h instanceof ExtHandler ext) {
                Formatter nested = consoleFormatter(ext.getHandlers());
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
