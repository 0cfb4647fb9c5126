package dev.stormwatch.ingest.poll;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Microsoft.ResourceHealth calls the pollers need, one page at a time. The management SDK is not available to this
 * build, so {@link RestResourceHealthApi} calls the REST API through azure-core; an SDK-based implementation can
 * replace it behind this interface.
 */
public interface ResourceHealthApi {

    /** One page of a list response and the link to the next ({@code null} on the last page). */
    record Page(JsonNode body, String nextLink) {}

    /** First page of the service health events of a subscription. */
    Page events(String subscriptionId);

    /** First page of the availability statuses of a subscription's resources. */
    Page availabilityStatuses(String subscriptionId);

    /** First page of the subscription's resources an event impacts ({@code events/{trackingId}/impactedResources}). */
    Page impactedResources(String subscriptionId, String trackingId);

    /** First page of Azure's emerging issues: tenant-wide, tied to no subscription. */
    Page emergingIssues();

    /** The page a {@code nextLink} points to. */
    Page next(String nextLink);
}
