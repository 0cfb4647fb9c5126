package dev.stormwatch.contracts.event;

import java.util.Objects;

/**
 * A CloudEvent {@code type} and the record its {@code data} carries, so that a reader decodes the data straight to that
 * record and a writer cannot put another record under the type.
 */
public record EventType<T>(String name, Class<T> dataClass) {

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataClass, "dataClass");
    }

    public static <T> EventType<T> of(String name, Class<T> dataClass) {
        return new EventType<>(name, dataClass);
    }

    @Override
    public String toString() {
        return name;
    }
}
