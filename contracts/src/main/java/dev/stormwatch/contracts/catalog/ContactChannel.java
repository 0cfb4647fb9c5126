package dev.stormwatch.contracts.catalog;

import java.util.List;

/**
 * A way to reach a contact: {@code email} (address), {@code teams} / {@code slack} (incoming-webhook URL) or
 * {@code webhook} (URL, signed with the secret named by {@code secretRef}, never the secret itself). A Teams, Slack or
 * webhook URL that is itself a credential is named by {@code addressRef} instead of given in {@code address}: the
 * notifier reads it from the setting of that name, so the catalog can be published and reviewed without it.
 */
public record ContactChannel(String type, String address, String secretRef, String addressRef) {

    public static final List<String> TYPES = List.of("email", "teams", "slack", "webhook");

    /** A channel whose address is given in clear. */
    public ContactChannel(String type, String address, String secretRef) {
        this(type, address, secretRef, null);
    }
}
