package dev.stormwatch.ingest.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.ingest.SharedFixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Microsoft Graph service communications and the Azure status RSS feed of ../shared/fixtures, field by field. */
class M365AndStatusFeedNormalizersTest {

    private static final String ADMIN = "https://admin.microsoft.com/Adminportal/Home#/servicehealth/:/alerts/";

    @Test
    void graphServiceHealthIssueMo226784IsAResolvedAdvisoryWithTheLatestPostAsSummary() {
        Normalized n = GraphServiceHealthNormalizer.normalize(
                SharedFixtures.json("graph-service-health/graph-v1-servicehealthissue-get-MO226784.json"),
                Sources.M365);

        assertEquals(
                List.of(new HealthEvent(
                        "m365",
                        HealthEventKind.HEALTH_ADVISORY,
                        "MO226784",
                        "Intermittently unable to access some Microsoft 365 services",
                        "Title: Intermittently unable to invite partners to meetings using some Microsoft 365 "
                                + "services\nUser Impact: Users may have been intermittently unable to invite "
                                + "partners to meetings using some Microsoft 365 services.",
                        HealthStage.RESOLVED,
                        "informational",
                        List.of(new ImpactedService("Microsoft 365 suite", "global")),
                        List.of(),
                        null,
                        Instant.parse("2020-11-14T08:15:00Z"),
                        Instant.parse("2020-11-14T09:45:00Z"),
                        Instant.parse("2020-11-14T11:06:53.353Z"),
                        ADMIN + "MO226784",
                        null,
                        false)),
                n.events());
    }

    @Test
    void graphIssuesCollectionIncidentEx226792() {
        Normalized n = GraphServiceHealthNormalizer.normalize(
                SharedFixtures.json("graph-service-health/graph-v1-serviceannouncement-list-issues.json"),
                Sources.M365);

        assertEquals(
                List.of(new HealthEvent(
                        "m365",
                        HealthEventKind.SERVICE_INCIDENT,
                        "EX226792",
                        "Limited number of users unable to send or receive email through the Exchange Online service",
                        "Title: Limited number of users unable to send or receive email through the Exchange Online "
                                + "service\nUser Impact: Users may be unable to send or receive email through the "
                                + "Exchange Online service.",
                        HealthStage.RESOLVED,
                        "warning",
                        List.of(new ImpactedService("Exchange Online", "global")),
                        List.of(),
                        null,
                        Instant.parse("2020-11-13T21:00:00Z"),
                        Instant.parse("2020-11-14T17:15:00Z"),
                        Instant.parse("2020-11-14T18:20:24.767Z"),
                        ADMIN + "EX226792",
                        null,
                        false)),
                n.events());
    }

    @Test
    void graphServiceHealthExpandIssuesKeepsTheIssuesOwnService() {
        Normalized n = GraphServiceHealthNormalizer.normalize(
                SharedFixtures.json("graph-service-health/graph-v1-servicehealth-get-expand-issues.json"),
                Sources.M365);

        assertEquals(
                List.of(new HealthEvent(
                        "m365",
                        HealthEventKind.HEALTH_ADVISORY,
                        "MO226574",
                        "Intermittently unable to access some Microsoft 365 services",
                        "Users may have been intermittently unable to access some Microsoft 365 services. We'll "
                                + "provide an update within 30 minutes.",
                        HealthStage.RESOLVED,
                        "informational",
                        List.of(new ImpactedService("Exchange Online", "global")),
                        List.of(),
                        null,
                        Instant.parse("2020-11-04T00:00:00Z"),
                        Instant.parse("2020-11-20T17:00:00Z"),
                        Instant.parse("2020-11-20T17:56:31.39Z"),
                        ADMIN + "MO226574",
                        null,
                        false)),
                n.events());
    }

    @Test
    void graphHealthOverviewsExpandIssuesYieldTheNestedIssue() {
        Normalized n = GraphServiceHealthNormalizer.normalize(
                SharedFixtures.json(
                        "graph-service-health/graph-v1-serviceannouncement-list-healthoverviews-expand-issues.json"),
                Sources.M365);

        assertEquals(
                List.of(new HealthEvent(
                        "m365",
                        HealthEventKind.HEALTH_ADVISORY,
                        "EX226574",
                        "Admins are unable to migrate some user mailboxes from IMAP using the Exchange admin center "
                                + "or PowerShell",
                        "Title: Exchange Online service has login issue. We'll provide an update within 30 minutes.",
                        HealthStage.RESOLVED,
                        "informational",
                        List.of(new ImpactedService("Exchange Online", "global")),
                        List.of(),
                        null,
                        Instant.parse("2020-11-04T00:00:00Z"),
                        Instant.parse("2020-11-20T17:00:00Z"),
                        Instant.parse("2020-11-20T17:56:31.39Z"),
                        ADMIN + "EX226574",
                        null,
                        false)),
                n.events());
    }

    @Test
    void graphServiceHealthOverviewWithoutIssuesIsReportedNotInvented() {
        Normalized n = GraphServiceHealthNormalizer.normalize(
                SharedFixtures.json("graph-service-health/graph-v1-servicehealth-get.json"), Sources.M365);

        assertEquals(List.of(), n.events());
        assertEquals(
                List.of("health overview 'OSDPPlatform' (Microsoft 365 suite, status RestoringService) carries no "
                        + "issues"),
                n.unsupported());
    }

    @Test
    void graphHealthOverviewsListWithoutIssues() {
        Normalized n = GraphServiceHealthNormalizer.normalize(
                SharedFixtures.json("graph-service-health/graph-v1-serviceannouncement-list-healthoverviews.json"),
                Sources.M365);

        assertEquals(List.of(), n.events());
        assertEquals(
                List.of(
                        "health overview 'Exchange' (Exchange Online, status ServiceOperational) carries no issues",
                        "health overview 'OrgLiveID' (Identity Service, status ServiceRestored) carries no issues",
                        "health overview 'OSDPPlatform' (Microsoft 365 suite, status ServiceOperational) carries no "
                                + "issues"),
                n.unsupported());
    }

    @Test
    void graphMessageCenterPostIsUnsupported() {
        Normalized n = GraphServiceHealthNormalizer.normalize(
                SharedFixtures.json("graph-service-health/graph-v1-serviceupdatemessage-get-MC172851.json"),
                Sources.M365);

        assertEquals(List.of(), n.events());
        assertEquals(
                List.of("Message center posts (serviceUpdateMessage) are change announcements, not health signals"),
                n.unsupported());
    }

    @Test
    void azureStatusRss2018MalformedExcerptIsRefusedWithWhereItBreaks() {
        PayloadException e = assertThrows(
                PayloadException.class,
                () -> StatusFeedNormalizer.normalize(
                        SharedFixtures.text("status-feed/azure-status-rss-2018-11-12.js-comment-excerpt.txt"),
                        Sources.STATUS_FEED));

        assertTrue(e.getMessage().startsWith("line 2, column 1: the feed is not well-formed XML: "), e.getMessage());
    }

    @Test
    void azureStatusRss2018ItemMadeWellFormedIsOneEventPerServiceWithTheStatedImpactWindow() {
        // The published excerpt closes </channel> before its item and never closes the item: put right, nothing else
        // changed.
        String excerpt = SharedFixtures.text("status-feed/azure-status-rss-2018-11-12.js-comment-excerpt.txt")
                .trim();
        String feed = excerpt.replace("</channel><item>", "<item>") + "</item></channel></rss>";

        Normalized n = StatusFeedNormalizer.normalize(feed, Sources.STATUS_FEED);

        String summary =
                "Summary of impact: Between 02:50 and 10:37 UTC on 27 Oct 2018, a subset of customers using Virtual "
                        + "Machines and/or Virtual Machine Scale Sets in East US 2 may have received failure "
                        + "notifications when performing service management operations - such as create, update, "
                        + "delete - for resources hosted in this region.Preliminary root cause: Engineers determined "
                        + "that some instances of a backend service responsible for interservice communication became "
                        + "unhealthy which in turn, caused requests between Storage and dependent resources to "
                        + "fail.Mitigation: Engineers performed a change to the backend service to achieve "
                        + "mitigation. Platform telemetry was then observed and service team engineers from affected "
                        + "services confirmed all requests completed successfully.Next steps: Engineers will continue "
                        + "to investigate to establish the full root cause to prevent future occurrences.";
        List<HealthEvent> expected = new java.util.ArrayList<>();
        for (String service : List.of("Virtual Machines", "VM Scale Sets")) {
            expected.add(new HealthEvent(
                    "status-feed",
                    HealthEventKind.SERVICE_INCIDENT,
                    "virtual-machines-vm-scale-sets-east-us-2",
                    "Virtual Machines/VM Scale Sets - East US 2",
                    summary,
                    HealthStage.RESOLVED,
                    "warning",
                    List.of(new ImpactedService(service, "eastus2")),
                    List.of(),
                    null,
                    Instant.parse("2018-10-27T02:50:00Z"),
                    Instant.parse("2018-10-27T10:37:00Z"),
                    Instant.parse("2018-11-12T16:25:40Z"),
                    "https://azure.microsoft.com/en-us/status/",
                    null,
                    false));
        }
        assertEquals(expected, n.events());
    }

    @Test
    void rssItemStartingAtGivesTheImpactStart() {
        String feed = """
                <rss version="2.0"><channel><title>Azure \
                Status</title><link>https://azure.status.microsoft/en-us/status/</link>
                <lastBuildDate>Wed, 19 Nov 2025 23:40:00 Z</lastBuildDate>
                <item><guid isPermaLink="false">azure-front-door-multiple-regions</guid><title>Azure Front Door - \
                Multiple regions</title>
                <category>Azure Front Door</category><category>West Europe</category><category>North Europe</category>
                <description>&lt;p&gt;&lt;strong&gt;Impact Statement&lt;/strong&gt;: Starting at 22:07 UTC on 19 \
                November 2025, customers using
                Azure Front Door may experience latency and timeouts.&lt;/p&gt;&lt;p&gt;&lt;strong&gt;Current \
                Status&lt;/strong&gt;:
                We are investigating.&lt;/p&gt;</description>
                </item></channel></rss>
                """;

        HealthEvent e = StatusFeedNormalizer.normalize(feed, Sources.STATUS_FEED)
                .events()
                .get(0);

        assertEquals(Instant.parse("2025-11-19T22:07:00Z"), e.impactStart());
        assertEquals(null, e.impactMitigation());
        assertEquals(Instant.parse("2025-11-19T23:40:00Z"), e.lastUpdate(), "no pubDate: the channel's build date");
        assertEquals(HealthStage.ACTIVE, e.stage());
        assertEquals(
                List.of(
                        new ImpactedService("Azure Front Door", "westeurope"),
                        new ImpactedService("Azure Front Door", "northeurope")),
                e.impacted());
        assertEquals(
                Instant.parse("2018-11-12T22:07:00Z"),
                StatusFeedNormalizer.statedImpact("Starting at 22:07 UTC on 12 Nov 2018, customers")[0]);
        assertEquals(
                Instant.parse("2018-11-13T03:25:00Z"),
                StatusFeedNormalizer.statedImpact(
                        "Between 22:07 UTC on 12 Nov 2018 and 03:25 UTC on 13 Nov 2018, customers")[1]);
    }

    @Test
    void rssItemWithCategoriesGuidAndPubDate() {
        String feed = """
                <rss version="2.0"><channel><title>Azure \
                Status</title><link>https://azure.status.microsoft/en-us/status/</link>
                <lastBuildDate>Tue, 15 Jun 2021 04:09:45 Z</lastBuildDate>
                <item><guid isPermaLink="false">key-vault-west-europe</guid><title>Key Vault - West Europe</title>
                <category>Key Vault</category><category>West Europe</category><category>North Europe</category>
                <pubDate>Tue, 15 Jun 2021 03:50:00 Z</pubDate>
                <description>&lt;p&gt;&lt;strong&gt;Impact Statement&lt;/strong&gt;: Starting at 02:00 \
                UTC&amp;nbsp;customers may see errors.&lt;/p&gt;</description>
                </item></channel></rss>
                """;

        HealthEvent e = StatusFeedNormalizer.normalize(feed, Sources.STATUS_FEED)
                .events()
                .get(0);

        assertEquals("key-vault-west-europe", e.trackingId());
        assertEquals(HealthStage.ACTIVE, e.stage());
        assertEquals(Instant.parse("2021-06-15T03:50:00Z"), e.lastUpdate());
        assertEquals("Impact Statement: Starting at 02:00 UTC customers may see errors.", e.summary());
        assertEquals(
                List.of(
                        new ImpactedService("Key Vault", "westeurope"),
                        new ImpactedService("Key Vault", "northeurope")),
                e.impacted());
    }

    @Test
    void emptyFeedHasNoEventsAndNotAFeedIsRefused() {
        assertEquals(
                List.of(),
                StatusFeedNormalizer.normalize(
                                "<rss><channel><title>Azure Status</title></channel></rss>", Sources.STATUS_FEED)
                        .events());
        PayloadException e = assertThrows(
                PayloadException.class,
                () -> StatusFeedNormalizer.normalize("<html><body>maintenance</body></html>", Sources.STATUS_FEED));
        assertEquals("$: not an RSS feed; expected <rss><channel>…, got <html>", e.getMessage());
    }
}
