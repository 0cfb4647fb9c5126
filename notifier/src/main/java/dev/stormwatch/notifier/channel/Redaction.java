package dev.stormwatch.notifier.channel;

import dev.stormwatch.contracts.catalog.ContactChannel;
import java.net.URI;

/**
 * How a destination is shown in notifications, audit records and logs: an email address keeps its first two letters and
 * its domain; a webhook URL keeps only scheme, host and port, because Teams and Slack put their secret in the path.
 */
public final class Redaction {

    private Redaction() {}

    /** A channel that names its URL by addressRef is shown by that name, which is no secret. */
    public static String target(ContactChannel channel) {
        return channel.addressRef() != null
                ? "addressRef " + channel.addressRef()
                : target(channel.type(), channel.address());
    }

    public static String target(String type, String address) {
        if (address == null) {
            return null;
        }
        if ("email".equals(type)) {
            int at = address.indexOf('@');
            if (at < 0) {
                return "***";
            }
            return address.substring(0, Math.min(2, at)) + "***" + address.substring(at);
        }
        try {
            URI uri = URI.create(address);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/***";
        } catch (IllegalArgumentException e) {
            return "***";
        }
    }
}
