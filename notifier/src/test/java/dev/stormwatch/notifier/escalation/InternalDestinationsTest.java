package dev.stormwatch.notifier.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.notifier.channel.Channel;
import dev.stormwatch.notifier.channel.HttpSender;
import dev.stormwatch.notifier.channel.slack.SlackChannel;
import dev.stormwatch.notifier.channel.teams.TeamsChannel;
import dev.stormwatch.notifier.channel.webhook.WebhookChannel;
import dev.stormwatch.notifier.channel.webhook.WebhookReceiver;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A catalog that points channels at internal addresses (loopback, 169.254.169.254, 10.x) is refused when the
 * configuration does not allow them; the refusal is in {@code audit.v1}, and nobody is called — asserted on a real HTTP
 * server on loopback that the catalog names, with the real webhook, Teams and Slack channels wired in. Only the
 * loopback server exists: the other addresses are refused before any connection, and never contacted.
 */
class InternalDestinationsTest {

    static final Instant T0 = Instant.parse("2026-06-09T00:00:00Z");

    WebhookReceiver receiver;
    HttpSender http;
    EscalationHarness h;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver("test-webhook-secret");
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
        if (http != null) {
            http.close();
        }
        receiver.close();
    }

    Catalog catalog() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/catalogs/internal-destinations.yaml")) {
            return CatalogLoader.parse(
                    "internal-destinations.yaml",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("RECEIVER", receiver.url("")));
        }
    }

    void harness(DestinationPolicy policy) {
        http = new HttpSender(Duration.ofSeconds(5), policy);
        Map<String, Channel> real = Map.of(
                "webhook",
                new WebhookChannel(http, ref -> Optional.of("test-webhook-secret")),
                "teams",
                new TeamsChannel(http),
                "slack",
                new SlackChannel(http));
        h = new EscalationHarness(T0, NotifierSettings.defaults(), policy, real);
    }

    String port() {
        return receiver.url("").substring("http://127.0.0.1:".length());
    }

    @Test
    void noInternalAddressAllowed_theCatalogIsRefusedWithEveryOffenderAndNothingIsCalled() throws Exception {
        harness(new DestinationPolicy(List.of(), true));
        h.publishCatalog(catalog(), "catalog-internal");
        h.publish(EscalationHarness.incident("inc-1", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, T0));
        h.advanceTo(T0.plusSeconds(20 * 60));

        assertEquals(List.of(), receiver.received(), "the loopback server named by the catalog received nothing");
        assertEquals(List.of(), h.readNotifications(), "no delivery was attempted");
        List<AuditRecord> audit = h.readAudit();
        AuditRecord refused = audit.stream()
                .filter(a -> a.action().equals("catalog-refused"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "catalog event catalog-internal for esc-platform refused: it points the notifier at destinations the"
                        + " configuration does not allow: contacts[0].channels[0] (ann, webhook): 127.0.0.1 resolves "
                        + "to internal address 127.0.0.1, which the destination allow-list does not allow;"
                        + " contacts[0].channels[1] (ann, teams): 127.0.0.1 resolves to internal address 127.0.0.1, "
                        + "which the destination allow-list does not allow; contacts[1].channels[0] (meta, slack):"
                        + " 169.254.169.254 resolves to internal address 169.254.169.254, which"
                        + " the destination allow-list does not allow; contacts[2].channels[0] (intranet, webhook):"
                        + " 10.0.0.5 resolves to internal address 10.0.0.5, which the destination allow-list does not"
                        + " allow. The last accepted catalog stays in use.",
                refused.detail());
        assertEquals("esc-platform", refused.platformId());
        assertEquals(
                1,
                audit.stream().filter(a -> a.action().equals("page-waiting")).count(),
                "the incident waits for an acceptable catalog instead of paging anyone");
    }

    @Test
    void loopbackAllowedButNotTheOthers_theWholeCatalogIsRefusedSoEvenTheAllowedServerIsNotCalled() throws Exception {
        harness(new DestinationPolicy(List.of("127.0.0.0/8"), true));
        h.publishCatalog(catalog(), "catalog-mixed");
        h.publish(EscalationHarness.incident("inc-2", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, T0));
        h.advanceTo(T0.plusSeconds(20 * 60));

        assertEquals(List.of(), receiver.received());
        assertEquals(List.of(), h.readNotifications());
        AuditRecord refused = h.readAudit().stream()
                .filter(a -> a.action().equals("catalog-refused"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "catalog event catalog-mixed for esc-platform refused: it points the notifier at destinations the"
                        + " configuration does not allow: contacts[1].channels[0] (meta, slack): 169.254.169.254 "
                        + "resolves to internal address 169.254.169.254, which the destination allow-list does not "
                        + "allow; contacts[2].channels[0] (intranet, webhook): 10.0.0.5 resolves to internal address "
                        + "10.0.0.5, which the destination allow-list does not allow. The last accepted catalog stays "
                        + "in use.",
                refused.detail());
    }
}
