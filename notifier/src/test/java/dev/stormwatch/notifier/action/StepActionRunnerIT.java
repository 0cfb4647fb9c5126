package dev.stormwatch.notifier.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.action.StepActionEntry;
import dev.stormwatch.contracts.action.StepCallback;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.RecoveryStepRef;
import dev.stormwatch.contracts.decision.StepStarted;
import dev.stormwatch.contracts.kafka.KafkaConnection;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.contracts.outbound.OutboundHttp;
import dev.stormwatch.local.kafka.KafkaBroker;
import dev.stormwatch.local.kafka.TopicSetup;
import dev.stormwatch.notifier.channel.SecretSource;
import dev.stormwatch.testsupport.BrokerClient;
import dev.stormwatch.testsupport.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The automated-step runner on the real broker, with a clock the test moves: a step starts by itself once the steps
 * before it are done, is called once with its decision id as idempotency key and its callback key, and times out into
 * its failure process and escalation point; a ledger left by a crash is honoured (intended: called again with the same
 * key; called: never again); a GitHub workflow is dispatched once and its run polled to completion (WireMock answering
 * with GitHub's recorded response shapes); an approval-required step waits for a person's start.
 */
class StepActionRunnerIT {

    static final String HOOK_SECRET = "hook-secret";
    static final String SHARED = "shared-callback-secret";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    static KafkaBroker broker;
    static ActionReceiver receiver;
    static WireMockServer github;
    static BrokerClient kafka;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "step-actions-");
        broker = KafkaBroker.start(dir.resolve("kafka"));
        TopicSetup.apply(broker.bootstrapServers());
        receiver = new ActionReceiver(HOOK_SECRET);
        github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
        kafka = new BrokerClient(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (github != null) {
            github.stop();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static StepActionRunner runner(String group, MutableClock clock) {
        SecretSource secrets = ref -> Optional.ofNullable(
                Map.of("HOOK_SECRET", HOOK_SECRET, "GH_TOKEN", "gh-token").get(ref));
        DestinationPolicy loopback = new DestinationPolicy(List.of("127.0.0.0/8"), false);
        ActionTargets targets = new ActionTargets(
                new ActionHttp(new OutboundHttp(loopback, Duration.ofSeconds(5), ActionHttp.BODY_LIMIT)),
                secrets,
                Optional.of(SHARED),
                "http://status.test:8080",
                clock);
        StepActionRunner r = new StepActionRunner(
                KafkaConnection.bootstrap(broker.bootstrapServers()),
                new StepActionRunner.Settings(
                        Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1), group),
                targets,
                clock);
        r.start();
        return r;
    }

    static Catalog catalog(String platform, String vaultAction, String factoryAction) {
        return CatalogLoader.parse(
                platform + ".yaml",
                """
                platform: { id: PLATFORM, primaryRegion: westeurope, secondaryRegion: northeurope,\
                 strategy: warm-spare, rto: 8h, drLead: ann }
                roles:
                  dr-leads: [ann]
                contacts:
                  - id: ann
                    channels: [ { type: email, address: ann@example.test } ]
                  - id: raj
                    channels: [ { type: email, address: raj@example.test } ]
                components:
                  - id: key-vault
                    service: Key Vault
                    layer: foundation
                    recovery:
                      - name: Recover the vault
                        expected: 20m
                        contingency: 10m
                        onFailure: Restore from the vault backup
                        escalation: raj
                        action: VAULT
                  - id: data-factory
                    service: Data Factory
                    layer: ingest
                    dependsOn: [key-vault]
                    recovery:
                      - name: Trigger the factory
                        expected: 30m
                        escalation: ann
                        action: FACTORY
                """.replace("PLATFORM", platform).replace("VAULT", vaultAction).replace("FACTORY", factoryAction));
    }

    static Decision step(String platform, String id, String component, String name, int runOrder, String escalation) {
        return new Decision(
                id,
                platform,
                "inc-" + platform,
                DecisionKind.RECOVERY_STEP,
                DecisionState.OPEN,
                "Recovery step " + runOrder + ": " + name,
                "Run the step",
                List.of("approve", "decline"),
                T0,
                T0.plus(Duration.ofHours(1)),
                false,
                new RecoveryStepRef(
                        component,
                        name,
                        runOrder,
                        null,
                        Duration.ofMinutes(20),
                        Duration.ofMinutes(10),
                        null,
                        "Restore from the vault backup",
                        escalation),
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

    static List<CloudEvent> await(String topic, Predicate<CloudEvent> match, int count) {
        return kafka
                .readUntil(topic, events -> events.stream().filter(match).count() >= count, Duration.ofSeconds(30))
                .stream()
                .filter(match)
                .toList();
    }

    static Predicate<CloudEvent> of(String type, String subject) {
        return e -> type.equals(e.type()) && subject.equals(e.subject());
    }

    static void eventually(String what, java.util.function.BooleanSupplier ok) throws InterruptedException {
        // Liveness, not speed: on a loaded machine the runner's first call has taken over 30 s.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!ok.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 90 s: " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void aStepStartsByItselfIsCalledOnceAndTimesOutIntoItsFailureProcessAndEscalation() throws Exception {
        String p = "auto-1";
        String hook = "{ kind: webhook, url: \"" + receiver.url("/auto-1/vault")
                + "\", secretRef: HOOK_SECRET, timeout: 20m }";
        String later = "{ kind: webhook, url: \"" + receiver.url("/auto-1/factory") + "\", secretRef: HOOK_SECRET }";
        kafka.publishCatalog(catalog(p, hook, later), "catalog-auto-1");
        raise(step(p, "auto-1-step-01", "key-vault", "Recover the vault", 1, "raj"));
        raise(step(p, "auto-1-step-02", "data-factory", "Trigger the factory", 2, "ann"));
        MutableClock clock = new MutableClock(T0);
        try (StepActionRunner runner = runner("auto-1", clock)) {
            // Started as a person's start would be, then called once, with the step's context and the callback key.
            CloudEvent started = await(Topics.DR_DECISIONS.name(), of(EventTypes.STEP_STARTED, "auto-1-step-01"), 1)
                    .get(0);
            assertEquals(
                    new StepStarted("auto-1-step-01", p, "automation:notifier", T0, "automation"),
                    JsonCodec.data(started, StepStarted.class));
            eventually(
                    "the vault's action called",
                    () -> !receiver.at("/auto-1/vault").isEmpty());
            ActionReceiver.Request call = receiver.at("/auto-1/vault").get(0);
            assertTrue(call.verified(), "signed as the notifier's webhooks");
            assertEquals("auto-1-step-01", call.key());
            JsonNode body = JsonCodec.mapper().readTree(call.body());
            assertEquals("key-vault", body.path("componentId").asText());
            assertEquals("Recover the vault", body.path("step").asText());
            assertEquals("auto-1-step-01", body.path("idempotencyKey").asText());
            assertEquals(
                    "http://status.test:8080/api/v1/step-callbacks/auto-1-step-01",
                    body.path("callback").path("url").asText());
            assertEquals(
                    StepCallback.callbackKey(SHARED, "auto-1-step-01"),
                    body.path("callback").path("key").asText());
            List<StepActionEntry> ledger =
                    await(Topics.STEP_ACTIONS.name(), of(EventTypes.STEP_ACTION, "auto-1-step-01"), 2).stream()
                            .map(e -> JsonCodec.data(e, StepActionEntry.class))
                            .toList();
            assertEquals(
                    List.of(StepActionEntry.INTENDED, StepActionEntry.CALLED),
                    ledger.stream().map(StepActionEntry::phase).toList());
            assertEquals(T0, ledger.get(1).calledAt());
            // The factory depends on the vault: not started while the vault's step is open.
            assertEquals(0, receiver.at("/auto-1/factory").size());

            // No outcome within the catalog's 20 minutes: the step fails, as a person's decline, into its failure
            // process.
            clock.set(T0.plus(Duration.ofMinutes(20)));
            CloudEvent taken = await(Topics.DR_DECISIONS.name(), of(EventTypes.DECISION_TAKEN, "auto-1-step-01"), 1)
                    .get(0);
            Decision declined = JsonCodec.data(taken, Decision.class);
            assertEquals(DecisionState.DECLINED, declined.state());
            assertEquals("automation:notifier", declined.decidedBy());
            assertEquals(T0.plus(Duration.ofMinutes(20)), declined.decidedAt());
            assertEquals("the automated step timed out: no outcome within 20m of the call", declined.reason());
            assertEquals("automation:notifier", declined.startedBy());
            CloudEvent failed = await(
                            Topics.AUDIT.name(),
                            e -> "auto-1-step-01".equals(e.subject())
                                    && "step-action-failed"
                                            .equals(e.data().path("action").asText()),
                            1)
                    .get(0);
            assertEquals(
                    new AuditRecord(
                            p,
                            T0.plus(Duration.ofMinutes(20)),
                            "notifier",
                            "step-action-failed",
                            "auto-1-step-01",
                            "step 1 (Recover the vault) timed-out: no outcome within 20m of the call; failure "
                                    + "process: Restore from the vault backup; escalate to raj",
                            false),
                    JsonCodec.data(failed, AuditRecord.class));
            StepActionEntry outcome = JsonCodec.data(
                    await(
                                    Topics.STEP_ACTIONS.name(),
                                    e -> "auto-1-step-01".equals(e.subject())
                                            && StepActionEntry.OUTCOME.equals(
                                                    e.data().path("phase").asText()),
                                    1)
                            .get(0),
                    StepActionEntry.class);
            assertEquals(StepActionEntry.TIMED_OUT, outcome.result());

            // The correlator puts the step forward again: a failed automated step is the people's now, not called
            // again.
            Decision again = step(p, "auto-1-step-01-2", "key-vault", "Recover the vault", 1, "raj");
            raise(again);
            Thread.sleep(1500);
            assertEquals(1, receiver.at("/auto-1/vault").size());
            assertEquals(1, receiver.runs("auto-1-step-01"));
        }
    }

    @Test
    void aLedgerLeftByACrashIsHonouredIntendedIsCalledAgainWithTheSameKeyCalledIsNot() throws Exception {
        String p = "auto-2";
        String vault = "{ kind: webhook, url: \"" + receiver.url("/auto-2/vault") + "\", secretRef: HOOK_SECRET }";
        String factory = "{ kind: webhook, url: \"" + receiver.url("/auto-2/factory") + "\", secretRef: HOOK_SECRET }";
        kafka.publishCatalog(catalog(p, vault, factory), "catalog-auto-2");
        Decision intended = step(p, "auto-2-step-01", "key-vault", "Recover the vault", 1, "raj")
                .started("automation:notifier", T0);
        Decision called = step(p, "auto-2-step-02", "data-factory", "Trigger the factory", 2, "ann")
                .started("a-person", T0);
        raise(intended);
        raise(called);
        StepActionEntry i = new StepActionEntry(
                "auto-2-step-01",
                "auto-2-step-01",
                p,
                "inc-auto-2",
                "key-vault",
                "Recover the vault",
                "webhook",
                StepActionEntry.INTENDED,
                T0,
                null,
                null,
                null,
                null,
                false);
        StepActionEntry c = new StepActionEntry(
                        "auto-2-step-02",
                        "auto-2-step-02",
                        p,
                        "inc-auto-2",
                        "data-factory",
                        "Trigger the factory",
                        "webhook",
                        StepActionEntry.INTENDED,
                        T0,
                        null,
                        null,
                        null,
                        null,
                        false)
                .called(T0, null, "HTTP 202");
        for (StepActionEntry e : List.of(i, c)) {
            kafka.send(
                    Topics.STEP_ACTIONS.name(),
                    e.key(),
                    JsonCodec.envelope(
                            "step-action:" + e.key() + ":" + e.phase(),
                            EventTypes.STEP_ACTION,
                            "/stormwatch/notifier",
                            e.key(),
                            T0,
                            false,
                            e));
        }
        MutableClock clock = new MutableClock(T0);
        clock.set(T0.plusSeconds(30));
        try (StepActionRunner runner = runner("auto-2", clock)) {
            eventually(
                    "the intended call made",
                    () -> !receiver.at("/auto-2/vault").isEmpty());
            assertEquals("auto-2-step-01", receiver.at("/auto-2/vault").get(0).key());
            List<StepActionEntry> ledger =
                    await(Topics.STEP_ACTIONS.name(), of(EventTypes.STEP_ACTION, "auto-2-step-01"), 2).stream()
                            .map(e -> JsonCodec.data(e, StepActionEntry.class))
                            .toList();
            assertEquals(
                    List.of(StepActionEntry.INTENDED, StepActionEntry.CALLED),
                    ledger.stream().map(StepActionEntry::phase).toList());
            assertEquals(T0.plusSeconds(30), ledger.get(1).calledAt());
            Thread.sleep(1500);
            assertEquals(0, receiver.at("/auto-2/factory").size(), "a call recorded as made is not made again");
            assertEquals(1, receiver.at("/auto-2/vault").size());
        }
    }

    @Test
    void aGitHubWorkflowIsDispatchedOnceAndItsRunPolledToCompletion() throws Exception {
        String p = "auto-3";
        github.stubFor(post(urlEqualTo("/repos/contoso/dr-runbooks/actions/workflows/vault.yml/dispatches"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"workflow_run_id": 42, "run_url": "%s/repos/contoso/dr-runbooks/actions/runs/42",
                         "html_url": "https://github.com/contoso/dr-runbooks/actions/runs/\
                        42"}""".formatted(github.baseUrl()))));
        github.stubFor(get(urlEqualTo("/repos/contoso/dr-runbooks/actions/runs/42"))
                .inScenario("run")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"id": 42, "status": "in_progress", "conclusion": null,
                         "html_url": "https://github.com/contoso/dr-runbooks/actions/runs/42"}"""))
                .willSetStateTo("done"));
        github.stubFor(get(urlEqualTo("/repos/contoso/dr-runbooks/actions/runs/42"))
                .inScenario("run")
                .whenScenarioStateIs("done")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"id": 42, "status": "completed", "conclusion": "success",
                         "html_url": "https://github.com/contoso/dr-runbooks/actions/runs/42"}""")));
        String gh = "{ kind: github-workflow, owner: contoso, repo: dr-runbooks, workflow: vault.yml, ref: main,"
                + " tokenRef: GH_TOKEN, apiUrl: \""
                + github.baseUrl() + "\" }";
        String factory = "{ kind: webhook, url: \"" + receiver.url("/auto-3/factory") + "\", secretRef: HOOK_SECRET }";
        kafka.publishCatalog(catalog(p, gh, factory), "catalog-auto-3");
        raise(step(p, "auto-3-step-01", "key-vault", "Recover the vault", 1, "raj"));
        MutableClock clock = new MutableClock(T0);
        try (StepActionRunner runner = runner("auto-3", clock)) {
            eventually(
                    "dispatched",
                    () -> github.findAll(postRequestedFor(urlEqualTo(
                                            "/repos/contoso/dr-runbooks/actions/workflows/vault.yml/dispatches")))
                                    .size()
                            == 1);
            github.verify(
                    1,
                    postRequestedFor(urlEqualTo("/repos/contoso/dr-runbooks/actions/workflows/vault.yml/dispatches"))
                            .withHeader("Authorization", equalTo("Bearer gh-token"))
                            .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                            .withRequestBody(
                                    equalToJson("{\"ref\":\"main\",\"inputs\":{\"idempotency_key\":\"auto-3-step-01\"},"
                                            + "\"return_run_details\":true}")));
            // Polled every second of the runner's clock: in progress, then completed with success.
            for (int s = 1; s <= 3; s++) {
                Thread.sleep(400);
                clock.set(T0.plusSeconds(s));
            }
            CloudEvent taken = await(Topics.DR_DECISIONS.name(), of(EventTypes.DECISION_TAKEN, "auto-3-step-01"), 1)
                    .get(0);
            Decision approved = JsonCodec.data(taken, Decision.class);
            assertEquals(DecisionState.APPROVED, approved.state());
            assertEquals("the automated step succeeded (github-workflow)", approved.reason());
            assertEquals(
                    "GitHub Actions run 42 success: https://github.com/contoso/dr-runbooks/actions/runs/42",
                    approved.evidence());
            assertEquals(
                    2,
                    github.findAll(getRequestedFor(urlEqualTo("/repos/contoso/dr-runbooks/actions/runs/42")))
                            .size());
            github.verify(1, postRequestedFor(WireMock.anyUrl()));
            assertTrue(
                    github.findAll(WireMock.anyRequestedFor(WireMock.anyUrl())).stream()
                            .noneMatch(r -> r.getUrl().contains("gh-token")),
                    "the token never travels in a URL");
        }
    }

    @Test
    void anApprovalRequiredStepWaitsForAPersonsStart() throws Exception {
        String p = "auto-4";
        String vault = "{ kind: webhook, url: \"" + receiver.url("/auto-4/vault")
                + "\", secretRef: HOOK_SECRET, approval: required," + " approver: dr-leads }";
        String factory = "{ kind: webhook, url: \"" + receiver.url("/auto-4/factory") + "\", secretRef: HOOK_SECRET }";
        kafka.publishCatalog(catalog(p, vault, factory), "catalog-auto-4");
        Decision d = step(p, "auto-4-step-01", "key-vault", "Recover the vault", 1, "raj");
        raise(d);
        MutableClock clock = new MutableClock(T0);
        try (StepActionRunner runner = runner("auto-4", clock)) {
            eventually("runner active", runner::active);
            Thread.sleep(1000);
            assertEquals(0, receiver.at("/auto-4/vault").size(), "not called before a person approves by starting it");
            kafka.send(
                    Topics.DR_DECISIONS.name(),
                    d.id(),
                    JsonCodec.envelope(
                            "step-started:auto-4-step-01:1",
                            EventTypes.STEP_STARTED,
                            "/stormwatch/status-api",
                            d.id(),
                            T0,
                            false,
                            new StepStarted(d.id(), p, "dr-lead", T0, "dashboard")));
            eventually(
                    "called after the approval",
                    () -> !receiver.at("/auto-4/vault").isEmpty());
            List<StepActionEntry> ledger =
                    await(Topics.STEP_ACTIONS.name(), of(EventTypes.STEP_ACTION, "auto-4-step-01"), 2).stream()
                            .map(e -> JsonCodec.data(e, StepActionEntry.class))
                            .toList();
            assertEquals(
                    List.of(StepActionEntry.INTENDED, StepActionEntry.CALLED),
                    ledger.stream().map(StepActionEntry::phase).toList());
            assertEquals("approved by dr-lead", ledger.get(0).detail());
            // The runner reads its own intended and called entries back after the call: that is no reason to call
            // again.
            Thread.sleep(1500);
            assertEquals(1, receiver.at("/auto-4/vault").size(), "called once");
        }
    }
}
