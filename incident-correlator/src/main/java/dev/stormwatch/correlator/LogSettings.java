package dev.stormwatch.correlator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the service writes its log lines (prefix {@code stormwatch.log}, shared by every Stormwatch service). */
@ConfigMapping(prefix = "stormwatch.log")
public interface LogSettings {

    /**
     * {@code text} (Quarkus's console format) or {@code json} (one JSON object per line with the MDC: incidentId,
     * eventId, for log pipelines). Defaults to {@code text}.
     */
    @WithDefault("text")
    String format();
}
