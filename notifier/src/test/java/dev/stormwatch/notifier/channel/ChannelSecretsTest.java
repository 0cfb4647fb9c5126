package dev.stormwatch.notifier.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which settings a catalog's channels may name, and that the notifier's own secrets never reach a channel. */
class ChannelSecretsTest {

    static final Map<String, String> SETTINGS = Map.of(
            "STORMWATCH_WEBHOOK_SECRET", "a-channel-secret",
            "STORMWATCH_WEBHOOK_ALIAS", "the-ack-key-0123456789",
            "STORMWATCH_NOTIFIER_ACK_SECRET", "the-ack-key-0123456789",
            "stormwatch.internal-token", "the-internal-token");
    static final ChannelSecrets SECRETS = new ChannelSecrets(
            "STORMWATCH_WEBHOOK_",
            ref -> Optional.ofNullable(SETTINGS.get(ref)),
            List.of("the-ack-key-0123456789", "the-internal-token"));

    @Test
    void onlyNamesWithThePrefixAreChannelSecrets() {
        assertEquals(Optional.empty(), SECRETS.refusal("secretRef", "STORMWATCH_WEBHOOK_SECRET"));
        assertEquals(
                Optional.of(
                        "secretRef 'STORMWATCH_NOTIFIER_ACK_SECRET' is not a channel secret: a catalog may name only"
                                + " settings that start with STORMWATCH_WEBHOOK_ "
                                + "(stormwatch.notifier.channel-secret-prefix)"),
                SECRETS.refusal("secretRef", "STORMWATCH_NOTIFIER_ACK_SECRET"));
        assertEquals(
                Optional.of("addressRef 'stormwatch.internal-token' is not an environment-variable name (A-Z, then"
                        + " A-Z, 0-9, _)"),
                SECRETS.refusal("addressRef", "stormwatch.internal-token"));
        assertEquals(
                Optional.of("secretRef 'STORMWATCH_WEBHOOK_' is not a channel secret: a catalog may name only settings"
                        + " that start with STORMWATCH_WEBHOOK_ (stormwatch.notifier.channel-secret-prefix)"),
                SECRETS.refusal("secretRef", "STORMWATCH_WEBHOOK_"));
    }

    @Test
    void theNotifiersOwnSecretsAreNeverHandedOutWhateverNameCarriesThem() {
        assertEquals(Optional.of("a-channel-secret"), SECRETS.secret("STORMWATCH_WEBHOOK_SECRET"));
        assertEquals(Optional.empty(), SECRETS.secret("STORMWATCH_NOTIFIER_ACK_SECRET"));
        assertEquals(Optional.empty(), SECRETS.secret("stormwatch.internal-token"));
        assertEquals(Optional.empty(), SECRETS.secret("STORMWATCH_WEBHOOK_ALIAS"));
        assertEquals(
                Optional.of("secretRef STORMWATCH_WEBHOOK_ALIAS holds a secret of the notifier itself, never given to a"
                        + " channel"),
                SECRETS.unusable("secretRef", "STORMWATCH_WEBHOOK_ALIAS"));
        assertEquals(
                Optional.of("addressRef STORMWATCH_WEBHOOK_GONE is not configured (environment or configuration)"),
                SECRETS.unusable("addressRef", "STORMWATCH_WEBHOOK_GONE"));
    }

    @Test
    void aPrefixThatIsNoEnvironmentVariableNameStopsTheStart() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new ChannelSecrets("stormwatch.", ref -> Optional.empty(), List.of()));
        assertEquals(
                "stormwatch.notifier.channel-secret-prefix: 'stormwatch.' is not the start of an environment-variable"
                        + " name (A-Z, then A-Z, 0-9, _)",
                e.getMessage());
    }
}
