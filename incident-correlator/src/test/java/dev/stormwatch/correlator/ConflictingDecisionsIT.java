package dev.stormwatch.correlator;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Two DR leads act on the same version of a decision at once, one approving on one status-api instance and one
 * declining on another: both takings reach the correlator on the real broker (each has its own CloudEvent id), the
 * first is applied and the second is recorded as ignored, naming who decided first and when.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ConflictingDecisionsIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String PLATFORM = "conflict-platform";
    static final String SUBSCRIPTION = "33333333-3333-3333-3333-333333333333";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void anApprovalAndADeclineOfOneVersion_theFirstIsAppliedAndTheSecondIsRecordedAsIgnoredNamingTheWinner() {
        MutableClock clock = TestClock.CLOCK;
        clock.set(T0);
        given().when().get("/q/health/ready").then().statusCode(200);
        try (BrokerClient broker = new BrokerClient(bootstrap, List.of(Topics.DR_DECISIONS, Topics.AUDIT), PLATFORM)) {
            broker.catalog(Catalogs.contoso(PLATFORM, SUBSCRIPTION), clock.instant());
            broker.health(
                    "he-conflict-stg-1",
                    HealthEvents.incident("CONFLICT-1", "Storage", PRIMARY, T0)
                            .subscription(SUBSCRIPTION)
                            .build(),
                    clock.instant());
            Decision invoke = RegionalOutageScenarioIT.decisions(
                            broker.await(
                                    Topics.DR_DECISIONS,
                                    WAIT,
                                    "invoke-dr",
                                    w -> !RegionalOutageScenarioIT.decisions(w, DecisionKind.INVOKE_DR)
                                            .isEmpty()),
                            DecisionKind.INVOKE_DR)
                    .get(0);

            Instant approvedAt = Instant.parse("2026-11-22T10:05:00Z");
            Instant declinedAt = Instant.parse("2026-11-22T10:05:01Z");
            broker.decide(
                    "decision-taken:" + invoke.id() + ":" + invoke.version() + ":request-a",
                    invoke,
                    DecisionState.APPROVED,
                    "priya",
                    "bridge call",
                    approvedAt);
            broker.decide(
                    "decision-taken:" + invoke.id() + ":" + invoke.version() + ":request-b",
                    invoke,
                    DecisionState.DECLINED,
                    "tom",
                    null,
                    declinedAt);

            List<BrokerClient.Written> trail = broker.await(
                    Topics.AUDIT,
                    WAIT,
                    "both takings in the audit trail",
                    w -> about(w, invoke.id()).stream()
                                    .filter(a -> a.action().startsWith("decision-taken"))
                                    .count()
                            == 2);
            List<AuditRecord> takings = about(trail, invoke.id()).stream()
                    .filter(a -> a.action().startsWith("decision-taken"))
                    .toList();
            assertEquals(
                    List.of("decision-taken", "decision-taken-ignored"),
                    takings.stream().map(AuditRecord::action).toList());
            assertEquals(
                    "invoke-dr approved by priya; evidence: bridge call",
                    takings.get(0).detail());
            assertEquals(
                    "declined by tom ignored: already approved by priya at " + approvedAt,
                    takings.get(1).detail());

            Decision latest = RegionalOutageScenarioIT.latest(broker.written(Topics.DR_DECISIONS), invoke.id());
            assertEquals(DecisionState.APPROVED, latest.state());
            assertEquals("priya", latest.decidedBy());
            assertEquals(invoke.version() + 1, latest.version(), "exactly one taking applied");
        }
    }

    static List<AuditRecord> about(List<BrokerClient.Written> written, String subjectId) {
        return written.stream()
                .map(w -> w.data(AuditRecord.class))
                .filter(a -> subjectId.equals(a.subjectId()))
                .toList();
    }
}
