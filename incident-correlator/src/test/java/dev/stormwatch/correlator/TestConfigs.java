package dev.stormwatch.correlator;

import dev.stormwatch.correlator.config.CorrelatorConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The correlator's configuration as the service reads it (defaults from the mapping), with test overrides. */
public final class TestConfigs {

    private TestConfigs() {}

    public static CorrelatorConfig defaults() {
        return with(Map.of());
    }

    public static CorrelatorConfig with(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(overrides);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(CorrelatorConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build();
        return config.getConfigMapping(CorrelatorConfig.class);
    }
}
