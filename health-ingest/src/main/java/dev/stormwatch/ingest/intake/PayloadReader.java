package dev.stormwatch.ingest.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.ingest.normalize.PayloadException;
import java.io.IOException;

/**
 * Reads a request body as JSON with limits an untrusted sender cannot get around: a maximum nesting depth and no
 * trailing content after the document. Failures become a {@link PayloadException} that names the line and column.
 */
public final class PayloadReader {

    private final ObjectMapper mapper;
    private final int maxDepth;

    public PayloadReader(int maxDepth) {
        this.maxDepth = maxDepth;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .build())
                .build();
        this.mapper = JsonCodec.configure(JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build());
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public JsonNode read(byte[] body) {
        if (body == null || isBlank(body)) {
            throw new PayloadException("empty body; expected JSON");
        }
        try {
            return mapper.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new PayloadException("JSON nested deeper than " + maxDepth + " levels" + where(e.getLocation()));
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            int newline = message.indexOf('\n');
            throw new PayloadException("not valid JSON" + where(e.getLocation()) + ": "
                    + (newline > 0 ? message.substring(0, newline) : message));
        } catch (IOException e) {
            throw new PayloadException("could not read the body: " + e.getMessage());
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
