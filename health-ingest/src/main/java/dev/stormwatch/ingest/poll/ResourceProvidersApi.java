package dev.stormwatch.ingest.poll;

/**
 * The Azure Resource Manager resource providers of a subscription ({@code GET /subscriptions/{id}/providers}), one page
 * at a time: each provider's resource types with the regions that offer them. Behind this interface so that the
 * resources management SDK can replace the REST call when the build has it.
 */
public interface ResourceProvidersApi {

    /** First page of the subscription's resource providers. */
    ResourceHealthApi.Page providers(String subscriptionId);

    /** The page a {@code nextLink} points to. */
    ResourceHealthApi.Page next(String nextLink);
}
