package dev.stormwatch.notifier.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import dev.stormwatch.notifier.channel.Channel;
import dev.stormwatch.notifier.channel.ChannelSecrets;
import dev.stormwatch.notifier.channel.HttpSender;
import dev.stormwatch.notifier.channel.teams.TeamsChannel;
import dev.stormwatch.notifier.channel.webhook.WebhookChannel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A channel that names its URL by addressRef is sent to the URL that setting holds, and the URL appears nowhere in what
 * the notifier records (notifications show the setting's name); a name not configured is a refusal with the reason.
 * Real Teams and webhook channels, a real HTTP server on loopback that records every call and answers 200.
 */
class ChannelAddressRefTest {

    static final Instant T0 = Instant.parse("2026-06-09T00:00:00Z");
    static final String CATALOG = """
            platform:
              id: esc-platform
              name: Address reference test platform
              primaryRegion: Australia East
              secondaryRegion: Australia Southeast
              strategy: warm-spare
              rto: 8h
              escalationPolicy: default
              workingHours: always
            components:
              - { id: storage, name: ADLS raw zone, service: Storage, layer: store, priority: 1 }
            contacts:
              - id: ann
                timeZone: Australia/Sydney
                channels: [{ type: teams, addressRef: STORMWATCH_WEBHOOK_TEAMS_ANN }]
              - id: bob
                timeZone: Australia/Sydney
                channels: [{ type: webhook, addressRef: STORMWATCH_WEBHOOK_HOOK_BOB,\
             secretRef: STORMWATCH_WEBHOOK_TEST_SECRET }]
              - id: carl
                timeZone: Australia/Sydney
                channels: [{ type: teams, addressRef: STORMWATCH_WEBHOOK_NOT_SET }]
            escalationPolicies:
              - id: default
                levels:
                  - after: 5m
                    notify: [contact:ann, contact:bob, contact:carl]
            """;

    /** One call the server got: its path, its body and the webhook signature headers (absent for Teams). */
    record Call(String path, String body, String timestamp, String signature) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    HttpServer server;
    HttpSender http;
    EscalationHarness h;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.add(new Call(
                    exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER)));
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        DestinationPolicy loopback = new DestinationPolicy(List.of("127.0.0.0/8"), false);
        http = new HttpSender(Duration.ofSeconds(5), loopback);
        Map<String, String> settings = Map.of(
                "STORMWATCH_WEBHOOK_TEAMS_ANN",
                base + "/teams/ann-a1b2c3",
                "STORMWATCH_WEBHOOK_HOOK_BOB",
                base + "/inbox/bob-d4e5f6",
                "STORMWATCH_WEBHOOK_TEST_SECRET",
                "test-webhook-secret");
        ChannelSecrets secrets = new ChannelSecrets(
                "STORMWATCH_WEBHOOK_",
                ref -> Optional.ofNullable(settings.get(ref)),
                List.of("escalation-test-ack-secret"));
        Map<String, Channel> real = Map.of(
                "teams",
                secrets.addressed(new TeamsChannel(http)),
                "webhook",
                secrets.addressed(new WebhookChannel(http, secrets)));
        h = new EscalationHarness(T0, NotifierSettings.defaults(), loopback, real, secrets);
    }

    @AfterEach
    void stop() {
        h.close();
        http.close();
        server.stop(0);
    }

    @Test
    void aUrlNamedByAddressRefIsCalledAndRecordedOnlyByItsSettingsName() throws Exception {
        h.publishCatalog(CatalogLoader.parse("address-ref.yaml", CATALOG), "catalog-address-ref");
        h.publish(EscalationHarness.incident("inc-ref", IncidentState.OPEN, Severity.SEV1, List.of("storage"), 1, T0));
        h.advanceTo(T0.plusSeconds(5 * 60));

        List<Notification> notifications = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (notifications.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50); // the HTTP answers arrive on the sender's threads; the next tick records them
            h.advanceTo(h.now().plusSeconds(1));
            notifications.addAll(h.readNotifications());
        }
        notifications.sort(Comparator.comparing(Notification::contactId));

        assertEquals(
                List.of(
                        "ann teams addressRef STORMWATCH_WEBHOOK_TEAMS_ANN DELIVERED null",
                        "bob webhook addressRef STORMWATCH_WEBHOOK_HOOK_BOB DELIVERED null",
                        "carl teams addressRef STORMWATCH_WEBHOOK_NOT_SET FAILED addressRef "
                                + "STORMWATCH_WEBHOOK_NOT_SET is not configured (environment or configuration)"),
                notifications.stream()
                        .map(n -> n.contactId() + " " + n.channel() + " " + n.target() + " " + n.result() + " "
                                + n.error())
                        .toList());
        assertEquals(
                List.of("/inbox/bob-d4e5f6", "/teams/ann-a1b2c3"),
                calls.stream().map(Call::path).sorted().toList(),
                "each setting's URL called once; the unset one never");
        Call bob = calls.stream()
                .filter(c -> c.path().equals("/inbox/bob-d4e5f6"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                WebhookSignature.verify("test-webhook-secret", bob.timestamp(), bob.body(), bob.signature()),
                "bob's page is signed with the channel secret its secretRef names");
    }
}
