package dev.stormwatch.contracts.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.stormwatch.contracts.JsonCodec;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads a CloudEvent in structured JSON mode from bytes to an {@link Envelope} whose data is the record of its type, in
 * one pass: when {@code id} and {@code type} come before {@code data} (as every Stormwatch writer puts them) the data
 * is decoded straight from the stream; when a producer puts {@code data} first, it is buffered as tokens and decoded
 * once the type is known. A type the reader was not built for is read with its data skipped, so that the caller can
 * skip or reject it by its type.
 */
public final class EventReader {

    /** Every event type of the contracts. */
    public static final EventReader ALL = new EventReader(Events.all());

    private static final String NOT_A_CLOUD_EVENT = "not a CloudEvent in structured JSON mode: ";

    /** Readers resolved once: looking the deserializer up per record costs as much as a small record's fields. */
    private static final ObjectReader INSTANT = mapper().readerFor(Instant.class);

    private static final ObjectReader BOOLEAN = mapper().readerFor(Boolean.class);

    private final Map<String, EventType<?>> types;
    private final Map<String, ObjectReader> readers;

    private EventReader(Collection<EventType<?>> types) {
        Map<String, EventType<?>> byName = new LinkedHashMap<>();
        Map<String, ObjectReader> readers = new LinkedHashMap<>();
        for (EventType<?> type : types) {
            byName.put(type.name(), type);
            readers.put(type.name(), mapper().readerFor(type.dataClass()));
        }
        this.types = Map.copyOf(byName);
        this.readers = Map.copyOf(readers);
    }

    /** A reader that decodes the data of these types and skips the data of any other. */
    public static EventReader of(EventType<?>... types) {
        return new EventReader(java.util.List.of(types));
    }

    /** True when this reader decodes the data of events of {@code type}. */
    public boolean reads(String type) {
        return types.containsKey(type);
    }

    /** The type names this reader decodes, sorted. */
    public Set<String> typeNames() {
        return types.keySet().stream().sorted().collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Reads one event; an unreadable one fails with the whole reason. */
    public Envelope<?> read(byte[] json) {
        try (JsonParser p = mapper().createParser(json)) {
            p.nextToken();
            return read(p);
        } catch (IOException e) {
            throw new InvalidEventException(NOT_A_CLOUD_EVENT + firstLine(e), false, e);
        }
    }

    /** Reads the event that starts at the parser's current token and leaves the parser on its closing brace. */
    Envelope<?> read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidEventException(
                    NOT_A_CLOUD_EVENT + "expected a JSON object, found " + p.currentToken(), false, null);
        }
        String specversion = null;
        String id = null;
        String source = null;
        String type = null;
        Instant time = null;
        String subject = null;
        String datacontenttype = null;
        Boolean drill = null;
        Object data = null;
        TokenBuffer buffered = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "specversion" -> specversion = text(p, field);
                case "id" -> id = text(p, field);
                case "source" -> source = text(p, field);
                case "type" -> type = text(p, field);
                case "subject" -> subject = text(p, field);
                case "datacontenttype" -> datacontenttype = text(p, field);
                case "time" -> time = value == JsonToken.VALUE_NULL ? null : INSTANT.readValue(p);
                case "drill" -> drill = value == JsonToken.VALUE_NULL ? null : BOOLEAN.readValue(p);
                case "data" -> {
                    if (value == JsonToken.VALUE_NULL) {
                        data = null;
                        buffered = null;
                    } else if (id != null && type != null) {
                        data = data(p, id, type);
                        buffered = null;
                    } else {
                        // Written before its type (or id): keep the tokens, decode once the type is known.
                        buffered = new TokenBuffer(p);
                        buffered.copyCurrentStructure(p);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new InvalidEventException(NOT_A_CLOUD_EVENT + "the JSON object is not closed", false, null);
        }
        for (String[] required : new String[][] {{"id", id}, {"source", source}, {"type", type}}) {
            if (required[1] == null) {
                throw new InvalidEventException(NOT_A_CLOUD_EVENT + required[0] + " is missing", false, null);
            }
        }
        if (buffered != null) {
            try (JsonParser again = buffered.asParser(mapper())) {
                again.nextToken();
                data = data(again, id, type);
            }
        }
        return new Envelope<>(specversion, id, source, type, time, subject, datacontenttype, drill, data);
    }

    private Object data(JsonParser p, String id, String type) throws IOException {
        EventType<?> known = types.get(type);
        if (known == null) {
            p.skipChildren();
            return null;
        }
        try {
            return readers.get(type).readValue(p);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(
                    "CloudEvent " + id + ": data is not a valid "
                            + known.dataClass().getSimpleName() + " (" + type + ")" + field(e) + ": " + firstLine(e),
                    true,
                    e);
        }
    }

    private static String text(JsonParser p, String field) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new InvalidEventException(NOT_A_CLOUD_EVENT + field + " is not a string", false, null);
        }
        return p.getText();
    }

    /** Where in the data the problem is: {@code , field data.impacted[0].region}. */
    private static String field(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder("data");
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return ", field " + path;
    }

    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static ObjectMapper mapper() {
        return JsonCodec.mapper();
    }

    /**
     * Kafka serde of events of this reader's types: written straight from the record, read in one pass. A record that
     * cannot be read fails loudly with the reason.
     */
    public Serde<Envelope<?>> serde() {
        Serializer<Envelope<?>> serializer = (topic, value) -> value == null ? null : JsonCodec.toBytes(value);
        Deserializer<Envelope<?>> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return read(bytes);
            } catch (InvalidEventException e) {
                throw new SerializationException("record on " + topic + ": " + e.getMessage(), e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
