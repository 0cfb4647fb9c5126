package dev.stormwatch.notifier;

import dev.stormwatch.notifier.escalation.NotifierSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** The notifier's configuration as the service reads it (defaults from the mapping), with test overrides. */
public final class TestConfigs {

    private TestConfigs() {}

    public static NotifierConfig with(Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(NotifierConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(overrides, "test", 500))
                .build();
        return config.getConfigMapping(NotifierConfig.class);
    }

    /** The escalation topology's settings with the mapping's defaults. */
    public static NotifierSettings settings() {
        return NotifierProducers.settings(with(Map.of()));
    }
}
