package dev.stormwatch.notifier.channel;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where a channel's {@code secretRef} is looked up: the environment or the configuration, never the catalog, so that
 * the DR plan can be published and reviewed without its secrets.
 */
@FunctionalInterface
public interface SecretSource {

    Optional<String> secret(String ref);

    /** Why a channel may not name {@code ref} at all; empty when the source has no rule of its own. */
    default Optional<String> refusal(String ref) {
        return Optional.empty();
    }

    /**
     * The service's configuration (environment, system properties, application.properties). Read by name at each
     * look-up, not through the notifier's mapping: the names are the ones catalogs give.
     */
    static SecretSource of(Config config) {
        return ref -> config.getOptionalValue(ref, String.class).filter(s -> !s.isBlank());
    }

    /** Environment variables, then system properties: for running without Quarkus. */
    static SecretSource environment() {
        return ref -> Optional.ofNullable(System.getenv(ref))
                .or(() -> Optional.ofNullable(System.getProperty(ref)))
                .filter(s -> !s.isBlank());
    }
}
