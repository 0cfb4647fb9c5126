package dev.stormwatch.contracts.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;
import org.junit.jupiter.api.Test;

import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLogFormatTest {

    @Test
    void printfStyleMessagesAreFormattedAsJBossLoggingWritesThem() throws Exception {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "%s started in %ss", ExtLogRecord.FormatStyle.PRINTF,
                JsonLogFormatTest.class.getName());
        record.setParameters(new Object[] {"notifier", "1.2"});
        JsonNode line = new ObjectMapper().readTree(new JsonLogFormat("notifier").format(record));
        assertEquals("notifier started in 1.2s", line.path("message").asText());
    }

    @Test
    void aLogLineIsOneJsonObjectWithTheIncidentAndTraceIdsFromTheMdc() throws Exception {
        MDC.put("incidentId", "inc-7");
        MDC.put("eventId", "ce-42");
        try {
            ExtLogRecord record = new ExtLogRecord(Level.WARNING, "Page {0} retried", ExtLogRecord.FormatStyle.MESSAGE_FORMAT,
                    JsonLogFormatTest.class.getName());
            record.setParameters(new Object[] {"inc-7.l1.r0"});
            record.setLoggerName("dev.stormwatch.notifier");
            record.setMillis(1_700_000_000_000L);
            record.copyMdc();
            record.setThrown(new IllegalStateException("SMTP 451"));

            String text = new JsonLogFormat("notifier").format(record);

            assertTrue(text.endsWith(System.lineSeparator()) && text.indexOf('\n') == text.length() - 1, text);
            JsonNode line = new ObjectMapper().readTree(text);
            assertEquals("2023-11-14T22:13:20Z", line.path("time").asText());
            assertEquals("WARNING", line.path("level").asText());
            assertEquals("notifier", line.path("service").asText());
            assertEquals("dev.stormwatch.notifier", line.path("logger").asText());
            assertEquals("Page inc-7.l1.r0 retried", line.path("message").asText());
            assertEquals("inc-7", line.path("incidentId").asText());
            assertEquals("ce-42", line.path("eventId").asText());
            assertEquals("java.lang.IllegalStateException: SMTP 451", line.path("error").asText());
            assertTrue(line.path("stackTrace").asText().contains("JsonLogFormatTest"), line.toString());
        } finally {
            MDC.remove("incidentId");
            MDC.remove("eventId");
        }
    }
}
