package dev.stormwatch.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stormwatch.contracts.JsonCodec;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** REST bodies use the same JSON settings as the Kafka records (ISO instants, nulls left out). */
@Singleton
public class RestJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        JsonCodec.configure(mapper);
    }
}
