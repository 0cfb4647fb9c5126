package dev.stormwatch.notifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stormwatch.contracts.JsonCodec;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** REST bodies are written like every Kafka record: the contracts' one JSON codec (ISO instants, nulls left out). */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        JsonCodec.configure(mapper);
    }
}
