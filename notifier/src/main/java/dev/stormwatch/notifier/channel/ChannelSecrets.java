package dev.stormwatch.notifier.channel;

import dev.stormwatch.contracts.catalog.ContactChannel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The settings a catalog's channels may name: {@code secretRef} (a webhook's signing secret) and {@code addressRef} (a
 * Teams, Slack or webhook URL that is itself a credential). Only names that start with the channel-secret prefix
 * ({@code stormwatch.notifier.channel-secret-prefix}), and never a value the notifier itself signs or authenticates
 * with (the acknowledge-link key, the internal token): whoever may publish a catalog must not be able to make the
 * notifier sign pages with, or send to a receiver of their choice, a secret that is not meant for channels.
 */
public final class ChannelSecrets implements SecretSource {

    /** Environment-variable names: what Kubernetes and Compose can give, and no dotted property of another part. */
    private static final String NAME = "[A-Z][A-Z0-9_]*";

    private final String prefix;
    private final SecretSource source;
    private final List<String> reserved;

    /**
     * @param prefix what every name a channel gives must start with
     * @param source where the named settings are read
     * @param reserved values that are never handed to a channel, whatever name carries them
     */
    public ChannelSecrets(String prefix, SecretSource source, List<String> reserved) {
        if (prefix == null || !prefix.matches(NAME)) {
            throw new IllegalArgumentException("stormwatch.notifier.channel-secret-prefix: '" + prefix
                    + "' is not the start of an environment-variable name (A-Z, then A-Z, 0-9, _)");
        }
        this.prefix = prefix;
        this.source = source;
        this.reserved = reserved.stream()
                .filter(Objects::nonNull)
                .filter(v -> !v.isBlank())
                .toList();
    }

    /** Why a channel may not name {@code ref} in its {@code field}; empty when it may. */
    public Optional<String> refusal(String field, String ref) {
        if (ref == null || !ref.matches(NAME)) {
            return Optional.of(field + " '" + ref + "' is not an environment-variable name (A-Z, then A-Z, 0-9, _)");
        }
        if (!ref.startsWith(prefix) || ref.length() == prefix.length()) {
            return Optional.of(
                    field + " '" + ref + "' is not a channel secret: a catalog may name only settings that start"
                            + " with " + prefix + " (stormwatch.notifier.channel-secret-prefix)");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> refusal(String ref) {
        return refusal("secretRef", ref);
    }

    /** The value of an allowed name; empty when not allowed, not configured, or one of the notifier's own secrets. */
    @Override
    public Optional<String> secret(String ref) {
        if (refusal("secretRef", ref).isPresent()) {
            return Optional.empty();
        }
        return source.secret(ref).filter(value -> !reserved.contains(value));
    }

    /** Why {@code ref} cannot be used now (not allowed, not configured, a reserved value); empty when it can. */
    public Optional<String> unusable(String field, String ref) {
        Optional<String> refused = refusal(field, ref);
        if (refused.isPresent()) {
            return refused;
        }
        Optional<String> value = source.secret(ref);
        if (value.isEmpty()) {
            return Optional.of(field + " " + ref + " is not configured (environment or configuration)");
        }
        if (reserved.contains(value.get())) {
            return Optional.of(field + " " + ref + " holds a secret of the notifier itself, never given to a channel");
        }
        return Optional.empty();
    }

    /** The address a channel is sent to: its {@code address}, or the value its {@code addressRef} names. */
    public Optional<String> address(ContactChannel channel) {
        return channel.addressRef() == null ? Optional.ofNullable(channel.address()) : secret(channel.addressRef());
    }

    /**
     * {@code channel} sending to the address a channel names by {@code addressRef}, resolved at each attempt (so a
     * rotated URL is used at once); a name it may not use, or one not configured, is a refusal with the reason.
     */
    public Channel addressed(Channel channel) {
        return new Channel() {
            @Override
            public String type() {
                return channel.type();
            }

            @Override
            public CompletionStage<ChannelResult> send(OutgoingMessage m) {
                ContactChannel named = m.channel();
                if (named.addressRef() == null) {
                    return channel.send(m);
                }
                Optional<String> unusable = unusable("addressRef", named.addressRef());
                if (unusable.isPresent()) {
                    return CompletableFuture.completedFuture(ChannelResult.refused(unusable.get()));
                }
                ContactChannel resolved = new ContactChannel(
                        named.type(), secret(named.addressRef()).orElseThrow(), named.secretRef(), null);
                return channel.send(new OutgoingMessage(
                        m.deliveryId(), m.platformId(), m.contact(), resolved, m.message(), m.attempt(), m.at()));
            }
        };
    }
}
