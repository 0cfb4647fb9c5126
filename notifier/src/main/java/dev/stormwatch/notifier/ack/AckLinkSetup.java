package dev.stormwatch.notifier.ack;

import dev.stormwatch.notifier.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.security.SecureRandom;
import java.util.Base64;
import org.jboss.logging.Logger;

/** Builds the acknowledge-link signer and the links messages carry from {@link NotifierConfig}. */
@ApplicationScoped
public class AckLinkSetup {

    private static final Logger LOG = Logger.getLogger(AckLinkSetup.class);

    @Produces
    @ApplicationScoped
    AckTokens ackTokens(NotifierConfig config) {
        String secret = config.ack().secret().orElseGet(() -> {
            LOG.warn(
                    "stormwatch.notifier.ack.secret is not set: acknowledge links are signed with a random key and stop"
                            + " working after a restart or on another instance. Set STORMWATCH_NOTIFIER_ACK_SECRET.");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        });
        return new AckTokens(secret);
    }

    @Produces
    @ApplicationScoped
    AckLinks ackLinks(NotifierConfig config, AckTokens tokens) {
        return new AckLinks(tokens, config.publicUrl(), config.ack().ttl());
    }
}
