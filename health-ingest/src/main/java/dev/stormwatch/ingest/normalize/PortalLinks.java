package dev.stormwatch.ingest.normalize;

import java.util.regex.Pattern;

/** Links a person can follow from a page or the dashboard to the provider's own view of an event. */
final class PortalLinks {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PortalLinks() {}

    /**
     * The documented Service Health short link {@code https://app.azure.com/h/{trackingId}/{xxxyyy}}, where xxxyyy are
     * the first and last three characters of the subscription id; without a real subscription id (public samples carry
     * placeholders) the link names the tracking id only.
     */
    static String serviceHealth(String trackingId, String subscriptionId) {
        if (trackingId == null) {
            return null;
        }
        if (subscriptionId != null && GUID.matcher(subscriptionId).matches()) {
            String s = subscriptionId.toLowerCase(java.util.Locale.ROOT);
            return "https://app.azure.com/h/" + trackingId + "/" + s.substring(0, 3) + s.substring(s.length() - 3);
        }
        return "https://app.azure.com/h/" + trackingId;
    }

    /** The portal's Resource Health blade of a resource. */
    static String resourceHealth(String resourceId) {
        if (resourceId == null || !resourceId.regionMatches(true, 0, "/subscriptions/", 0, 15)) {
            return null;
        }
        return "https://portal.azure.com/#resource" + resourceId + "/resourceHealth";
    }

    /** The Microsoft 365 admin center page of a service health issue. */
    static String m365Issue(String id) {
        return id == null ? null : "https://admin.microsoft.com/Adminportal/Home#/servicehealth/:/alerts/" + id;
    }
}
