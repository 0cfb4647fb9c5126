package dev.stormwatch.ingest.normalize;

/** The {@code source} values health-ingest writes into {@code HealthEvent.source} and the CloudEvent source path. */
public final class Sources {

    /** Azure Monitor action-group webhook (common alert schema or the older activity-log alert schema). */
    public static final String AZURE_MONITOR = "azure-monitor";
    /** Activity Log exported by diagnostic settings to Event Hubs ({@code {"records":[…]}}). */
    public static final String EVENT_HUBS = "event-hubs";
    /** Activity Log REST API / portal JSON. */
    public static final String ACTIVITY_LOG = "activity-log";
    /** Microsoft.ResourceHealth REST API (events and availability statuses). */
    public static final String RESOURCE_HEALTH = "resource-health";
    /** Azure Resource Graph (ServiceHealthResources, HealthResources). */
    public static final String RESOURCE_GRAPH = "resource-graph";
    /** Event Grid system topic Microsoft.ResourceNotifications.HealthResources. */
    public static final String EVENT_GRID = "event-grid";
    /** Azure Service Health emerging issues (Microsoft.ResourceHealth/emergingIssues), tied to no subscription. */
    public static final String EMERGING_ISSUES = "emerging-issues";
    /** The public Azure status RSS feed. */
    public static final String STATUS_FEED = "status-feed";
    /** Microsoft 365 service health through Microsoft Graph service communications. */
    public static final String M365 = "m365";
    /** Canonical HealthEvent JSON posted by other tools and load tests. */
    public static final String CANONICAL = "canonical";

    private Sources() {}
}
