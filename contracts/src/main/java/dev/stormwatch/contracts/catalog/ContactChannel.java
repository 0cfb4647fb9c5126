package dev.stormwatch.contracts.catalog;

/**
 * A way to reach a contact: {@code email} (address), {@code teams} / {@code slack} (incoming-webhook URL) or
 * {@code webhook} (URL, signed with the secret named by {@code secretRef}, never the secret itself).
 */
public record ContactChannel(String type, String address, String secretRef) {

    public static final java.util.List<String> TYPES = java.util.List.of("email", "teams", "slack", "webhook");
}
