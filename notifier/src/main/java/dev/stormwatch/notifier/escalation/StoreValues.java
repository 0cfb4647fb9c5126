package dev.stormwatch.notifier.escalation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stormwatch.contracts.JsonCodec;
import java.io.IOException;
import java.util.Collection;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The JSON of the {@code pages} and {@code outboxes} stores: the contracts' codec, without what reads back the same
 * when left out (empty lists, false, 0), so that a page or an outbox costs its changelog and every restore only what it
 * holds. Values written in full read back the same, so a changelog from before this encoding still restores.
 */
final class StoreValues {

    private static final ObjectMapper MAPPER = compact(JsonCodec.mapper().copy());

    private StoreValues() {}

    static <T> Serde<T> serde(Class<T> type) {
        return Serdes.serdeFrom(
                (topic, value) -> {
                    try {
                        return value == null ? null : MAPPER.writeValueAsBytes(value);
                    } catch (IOException e) {
                        throw new SerializationException("cannot write " + type.getSimpleName() + " to " + topic, e);
                    }
                },
                (topic, bytes) -> {
                    try {
                        return bytes == null ? null : MAPPER.readValue(bytes, type);
                    } catch (IOException e) {
                        throw new SerializationException(
                                "a value on " + topic + " is not a " + type.getSimpleName(), e);
                    }
                });
    }

    private static ObjectMapper compact(ObjectMapper mapper) {
        JsonInclude.Value nonEmpty = JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, null);
        JsonInclude.Value nonDefault = JsonInclude.Value.construct(JsonInclude.Include.NON_DEFAULT, null);
        mapper.configOverride(Collection.class).setInclude(nonEmpty);
        mapper.configOverride(java.util.List.class).setInclude(nonEmpty);
        mapper.configOverride(boolean.class).setInclude(nonDefault);
        mapper.configOverride(int.class).setInclude(nonDefault);
        mapper.configOverride(long.class).setInclude(nonDefault);
        return mapper;
    }
}
