package dev.stormwatch.contracts.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a channel's URL carries a secret in clear: a Microsoft Teams or Slack incoming-webhook URL is itself the
 * credential (whoever has it can post to the channel); any URL with a user and password, or with a query parameter that
 * Azure Functions, Logic Apps / Power Automate workflows or common APIs use for a key ({@code code}, {@code sig},
 * {@code token}, …), carries one too. Such a URL belongs in a setting the channel names by {@code addressRef}, not in a
 * catalog that is published on {@code catalog.v1} and shown to admins.
 */
final class ChannelAddresses {

    private static final Set<String> KEY_PARAMETERS = Set.of(
            "code",
            "sig",
            "signature",
            "token",
            "access_token",
            "key",
            "apikey",
            "api_key",
            "api-key",
            "secret",
            "password",
            "pwd",
            "auth");

    private ChannelAddresses() {}

    /** What secret {@code address} carries in clear, as a problem to report; empty when none. */
    static Optional<String> secretInClear(String address) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String carried = null;
        if (uri.getRawUserInfo() != null) {
            carried = "a user and password";
        } else if (host.endsWith(".webhook.office.com")
                || (host.startsWith("outlook.office") && path.startsWith("/webhook"))) {
            carried = "a Teams incoming-webhook URL is itself the credential";
        } else if (host.equals("hooks.slack.com")) {
            carried = "a Slack incoming-webhook URL is itself the credential";
        } else if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (KEY_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                    carried = "the query parameter '" + name + "'";
                    break;
                }
            }
        }
        return carried == null
                ? Optional.empty()
                : Optional.of("this URL carries a secret in clear (" + carried + "):"
                        + " anyone who can read the catalog could post with it. Put the URL in a setting whose name "
                        + "starts with the notifier's channel-secret prefix (STORMWATCH_WEBHOOK_ unless configured) "
                        + "and name that setting in addressRef instead of address");
    }
}
