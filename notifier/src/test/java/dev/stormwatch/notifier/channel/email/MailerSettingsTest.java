package dev.stormwatch.notifier.channel.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The notifier's own application.properties, read per profile as the packaged service reads it: pages (with their
 * acknowledge links) go only to a relay that speaks STARTTLS, except in the local run, dev mode and the tests, whose
 * SMTP sink listens on loopback.
 */
class MailerSettingsTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"prod, REQUIRED", "local, OPTIONAL", "dev, OPTIONAL", "test, OPTIONAL"})
    void startTlsIsRequiredOutsideLocalRuns(String profile, String startTls) throws IOException {
        URL properties = getClass().getResource("/application.properties");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, 250))
                .build();
        assertEquals(startTls, config.getValue("quarkus.mailer.start-tls", String.class));
    }
}
