package dev.stormwatch.notifier.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.action.StepActionEntry;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.RecoveryStepRef;
import dev.stormwatch.contracts.kafka.KafkaConnection;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.contracts.outbound.OutboundHttp;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.local.kafka.KafkaBroker;
import dev.stormwatch.local.kafka.TopicSetup;
import dev.stormwatch.notifier.TestConfigs;
import dev.stormwatch.notifier.ack.AckLinks;
import dev.stormwatch.notifier.ack.AckTokens;
import dev.stormwatch.notifier.channel.Channel;
import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.channel.ChannelSecrets;
import dev.stormwatch.notifier.channel.OutgoingMessage;
import dev.stormwatch.notifier.channel.SecretSource;
import dev.stormwatch.notifier.escalation.DeliveryListener;
import dev.stormwatch.notifier.escalation.NotifierTopology;
import dev.stormwatch.notifier.escalation.RecordedAcks;
import dev.stormwatch.notifier.message.MessageRenderer;
import dev.stormwatch.notifier.message.RenderedMessage;
import dev.stormwatch.testsupport.BrokerClient;
import dev.stormwatch.testsupport.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An automated step that never reports back, on the real broker: at exactly its timeout on the runner's clock it fails
 * (the ledger's outcome, the decline with its reason, the audit naming the failure process and escalation point), and
 * when the step is put forward again after that failure the notifier's own paging (its escalation topology, running on
 * the same broker) pages the decision policy's first level and the step's escalation contact, and nobody else.
 *
 * <p>The correlator is another service: here the test puts the step forward as it does (the same step, its failure
 * attached by {@link RecoveryStepRef#afterFailure}); the correlator's side is its own flow test.
 */
class StepTimeoutEscalationIT {

    static final String HOOK_SECRET = "hook-secret";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String P = "timeout-escalation";

    static KafkaBroker broker;
    static ActionReceiver receiver;
    static BrokerClient kafka;
    static KafkaStreams paging;
    static final List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "step-timeout-");
        broker = KafkaBroker.start(dir.resolve("kafka"));
        TopicSetup.apply(broker.bootstrapServers());
        receiver = new ActionReceiver(HOOK_SECRET);
        kafka = new BrokerClient(broker.bootstrapServers());
        Channel email = new Channel() {
            @Override
            public String type() {
                return "email";
            }

            @Override
            public CompletionStage<ChannelResult> send(OutgoingMessage m) {
                sent.add(m);
                return CompletableFuture.completedFuture(ChannelResult.delivered("accepted by the SMTP server"));
            }
        };
        NotifierTopology topology = new NotifierTopology(
                TestConfigs.settings(),
                new MessageRenderer(),
                new AckLinks(new AckTokens("timeout-test-ack-secret"), "http://notifier.test", Duration.ofHours(24)),
                Map.of("email", email),
                new DestinationPolicy(List.of(), true),
                new ChannelSecrets("STORMWATCH_WEBHOOK_", ref -> Optional.empty(), List.of("timeout-test-ack-secret")),
                new Random(42),
                DeliveryListener.NONE,
                RecordedAcks.NONE);
        Properties props = new Properties();
        props.putAll(KafkaConnection.bootstrap(broker.bootstrapServers()));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "step-timeout-paging");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put("auto.offset.reset", "earliest");
        paging = new KafkaStreams(topology.build(), props);
        paging.start();
    }

    @AfterAll
    static void stop() {
        if (paging != null) {
            paging.close(Duration.ofSeconds(10));
        }
        if (kafka != null) {
            kafka.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static Catalog catalog() {
        return CatalogLoader.parse(
                P + ".yaml", """
                platform:
                  id: PLATFORM
                  primaryRegion: westeurope
                  secondaryRegion: northeurope
                  strategy: warm-spare
                  rto: 8h
                  drLead: ann
                roles:
                  dr-lead: [ann]
                  technical-approver: [raj]
                contacts:
                  - id: ann
                    channels: [ { type: email, address: ann@example.test } ]
                  - id: raj
                    channels: [ { type: email, address: raj@example.test } ]
                  - id: tom
                    channels: [ { type: email, address: tom@example.test } ]
                escalationPolicies:
                  - id: dr-decisions
                    levels:
                      - { after: 10m, notify: [role:dr-lead] }
                      - { after: 10m, notify: [role:technical-approver] }
                components:
                  - id: key-vault
                    service: Key Vault
                    layer: foundation
                    recovery:
                      - name: Recover the vault
                        expected: 20m
                        contingency: 10m
                        onFailure: Restore from the vault backup
                        escalation: tom
                        action: { kind: webhook, url: "URL", secretRef: HOOK_SECRET, timeout: 20m }
                """.replace("PLATFORM", P).replace("URL", receiver.url("/silent/vault")));
    }

    static final RecoveryStepRef VAULT = new RecoveryStepRef(
            "key-vault",
            "Recover the vault",
            1,
            null,
            Duration.ofMinutes(20),
            Duration.ofMinutes(10),
            null,
            "Restore from the vault backup",
            "tom");

    static Decision step(String id, RecoveryStepRef ref) {
        return new Decision(
                id,
                P,
                "inc-" + P,
                DecisionKind.RECOVERY_STEP,
                DecisionState.OPEN,
                "Recovery step 1 of 1: Key Vault — Recover the vault",
                "Run the step",
                List.of("approve", "decline"),
                T0,
                T0.plus(Duration.ofMinutes(30)),
                false,
                ref,
                0,
                null,
                null,
                null,
                null,
                false,
                1);
    }

    static void raise(Decision d) {
        kafka.send(
                Topics.DR_DECISIONS.name(),
                d.id(),
                JsonCodec.envelope(
                        "decision/" + d.id() + "/" + d.version(),
                        EventTypes.DECISION,
                        "/stormwatch/incident-correlator",
                        d.id(),
                        T0,
                        false,
                        d));
    }

    static List<CloudEvent> await(String topic, java.util.function.Predicate<CloudEvent> match, int count) {
        return kafka
                .readUntil(topic, events -> events.stream().filter(match).count() >= count, Duration.ofSeconds(90))
                .stream()
                .filter(match)
                .toList();
    }

    static List<String> pagedFor(String pageId) {
        return sent.stream()
                .filter(m -> m.message().items().stream()
                        .map(RenderedMessage.RenderedItem::pageId)
                        .anyMatch(pageId::equals))
                .map(m -> m.contact().id())
                .sorted()
                .toList();
    }

    @Test
    void aSilentAutomatedStepFailsAtItsTimeoutAndItsEscalationContactIsPaged() throws Exception {
        kafka.publishCatalog(catalog(), "catalog-" + P);
        raise(step(P + "-step-01", VAULT));
        MutableClock clock = new MutableClock(T0);
        SecretSource secrets =
                ref -> Optional.ofNullable(Map.of("HOOK_SECRET", HOOK_SECRET).get(ref));
        DestinationPolicy loopback = new DestinationPolicy(List.of("127.0.0.0/8"), false);
        try (OutboundHttp http = new OutboundHttp(loopback, Duration.ofSeconds(5), ActionHttp.BODY_LIMIT);
                StepActionRunner runner = new StepActionRunner(
                        KafkaConnection.bootstrap(broker.bootstrapServers()),
                        new StepActionRunner.Settings(
                                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1), P),
                        new ActionTargets(
                                new ActionHttp(http),
                                secrets,
                                Optional.of("shared-callback-secret"),
                                "http://status.test:8080",
                                clock),
                        clock)) {
            runner.start();
            // Called once at T0; the target answers 202 and never calls back.
            List<StepActionEntry> called = await(
                            Topics.STEP_ACTIONS.name(),
                            e -> (P + "-step-01").equals(e.subject())
                                    && StepActionEntry.CALLED.equals(
                                            e.data().path("phase").asText()),
                            1)
                    .stream()
                    .map(e -> JsonCodec.data(e, StepActionEntry.class))
                    .toList();
            assertEquals(T0, called.get(0).calledAt());
            assertEquals(1, receiver.at("/silent/vault").size());

            // One second before the timeout nothing happens; at exactly 20 minutes after the call the step fails.
            clock.set(T0.plus(Duration.ofMinutes(20)).minusSeconds(1));
            Thread.sleep(1500);
            assertTrue(
                    kafka
                            .readUntil(
                                    Topics.DR_DECISIONS.name(),
                                    events -> events.stream().anyMatch(e -> EventTypes.STEP_STARTED.equals(e.type())),
                                    Duration.ofSeconds(30))
                            .stream()
                            .noneMatch(e -> EventTypes.DECISION_TAKEN.equals(e.type())),
                    "no outcome before the timeout");
            Instant timeout = T0.plus(Duration.ofMinutes(20));
            clock.set(timeout);

            StepActionEntry outcome = JsonCodec.data(
                    await(
                                    Topics.STEP_ACTIONS.name(),
                                    e -> (P + "-step-01").equals(e.subject())
                                            && StepActionEntry.OUTCOME.equals(
                                                    e.data().path("phase").asText()),
                                    1)
                            .get(0),
                    StepActionEntry.class);
            assertEquals(StepActionEntry.TIMED_OUT, outcome.result());
            assertEquals(timeout, outcome.at());
            assertEquals("no outcome within 20m of the call", outcome.detail());

            Decision declined = JsonCodec.data(
                    await(
                                    Topics.DR_DECISIONS.name(),
                                    e -> EventTypes.DECISION_TAKEN.equals(e.type())
                                            && (P + "-step-01").equals(e.subject()),
                                    1)
                            .get(0),
                    Decision.class);
            assertEquals(DecisionState.DECLINED, declined.state());
            assertEquals("automation:notifier", declined.decidedBy());
            assertEquals(timeout, declined.decidedAt());
            assertEquals("the automated step timed out: no outcome within 20m of the call", declined.reason());
            assertEquals(null, declined.evidence());

            AuditRecord failed = JsonCodec.data(
                    await(
                                    Topics.AUDIT.name(),
                                    e -> (P + "-step-01").equals(e.subject())
                                            && "step-action-failed"
                                                    .equals(e.data()
                                                            .path("action")
                                                            .asText()),
                                    1)
                            .get(0),
                    AuditRecord.class);
            assertEquals(
                    new AuditRecord(
                            P,
                            timeout,
                            "notifier",
                            "step-action-failed",
                            P + "-step-01",
                            "step 1 (Recover the vault) timed-out: no outcome within 20m of the call; failure"
                                    + " process: Restore from the vault backup; escalate to tom",
                            false),
                    failed);

            // Put forward again as the correlator does: the same step with the failure attached.
            String why = "declined by " + declined.decidedBy() + ": " + declined.reason();
            raise(step(P + "-step-01-2", VAULT.afterFailure(why)));

            // Level 1 of the decision policy (ann, the DR lead) and the step's escalation contact (tom); not raj.
            String pageId = P + "-step-01-2.l1.r0";
            List<Notification> delivered =
                    await(
                                    Topics.NOTIFICATIONS.name(),
                                    e -> pageId.equals(e.data().path("pageId").asText()),
                                    2)
                            .stream()
                            .map(e -> JsonCodec.data(e, Notification.class))
                            .toList();
            assertEquals(
                    List.of("ann delivered", "tom delivered"),
                    delivered.stream()
                            .map(n -> n.contactId() + " " + n.result().wire())
                            .sorted()
                            .toList());
            assertTrue(delivered.stream().allMatch(n -> n.result() == DeliveryResult.DELIVERED));
            assertEquals(List.of("ann", "tom"), pagedFor(pageId));
            AuditRecord paged = JsonCodec.data(
                    await(
                                    Topics.AUDIT.name(),
                                    e -> (P + "-step-01-2").equals(e.subject())
                                            && "page-level-paged"
                                                    .equals(e.data()
                                                            .path("action")
                                                            .asText()),
                                    1)
                            .get(0),
                    AuditRecord.class);
            assertTrue(
                    paged.detail()
                            .startsWith("page " + pageId + ": level 1 of dr-decisions (pass 0) → ann [role:dr-lead →"
                                    + " ann]; tom [escalation point of step 1 (Recover the vault), which failed:"
                                    + " declined by automation:notifier: the automated step timed out: no outcome"
                                    + " within 20m of the call; contact:tom → tom]; next level at "),
                    paged.detail());
            // The silent target was called once, and not again after the failure: the step is the people's now.
            assertEquals(1, receiver.at("/silent/vault").size());
        }
    }
}
