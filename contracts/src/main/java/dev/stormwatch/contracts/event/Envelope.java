package dev.stormwatch.contracts.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.stormwatch.contracts.CloudEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode whose {@code data} is already the record its type promises: read
 * from bytes in one pass by {@link EventReader}, written by Jackson straight from the record. On the wire it is the
 * same JSON as {@link CloudEvent} (same fields, same order, nulls left out, {@code drill} only when true).
 *
 * <p>{@code data} is null when the event has none, or when the reader that read it was not asked for its type (the
 * caller skips or rejects such an event by its type).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = Envelope.Reading.class)
public record Envelope<T>(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        Boolean drill,
        T data) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        if (specversion == null) {
            specversion = CloudEvent.SPEC_VERSION;
        }
        if (datacontenttype == null && data != null) {
            datacontenttype = CloudEvent.JSON;
        }
        if (Boolean.FALSE.equals(drill)) {
            drill = null;
        }
    }

    /** Wraps {@code data} under its type. */
    public static <T> Envelope<T> of(
            String id, EventType<T> type, String source, String subject, Instant time, boolean drill, T data) {
        return new Envelope<>(
                CloudEvent.SPEC_VERSION, id, source, type.name(), time, subject, CloudEvent.JSON, drill, data);
    }

    @JsonIgnore
    public boolean isDrill() {
        return Boolean.TRUE.equals(drill);
    }

    /** True when this event is of {@code type}. */
    public boolean is(EventType<?> type) {
        return this.type.equals(type.name());
    }

    /** The data as the record of {@code type}; fails when the event is of another type. */
    public <D> D data(EventType<D> type) {
        if (!is(type)) {
            throw new IllegalStateException("CloudEvent " + id + " is a " + this.type + ", not a " + type.name());
        }
        return type.dataClass().cast(data);
    }

    /** Lets Jackson read an envelope nested in another record (a state store value) with every known type. */
    static final class Reading extends StdDeserializer<Envelope<?>> {

        Reading() {
            super(Envelope.class);
        }

        @Override
        public Envelope<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return EventReader.ALL.read(p);
        }
    }
}
