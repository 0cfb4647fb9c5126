package dev.stormwatch.correlator;

import static dev.stormwatch.correlator.HealthEvents.PRIMARY;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.drill.DrillAction;
import dev.stormwatch.contracts.drill.DrillRequest;
import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The open-work gauges on /q/metrics, read as Prometheus scrapes them, after known input on the real broker: an outage
 * of the example platform's primary Storage (one sev1 incident, invoke-dr open with its deadline) and a drill started
 * beside it (one drill incident, one invoke-dr (drill)); the deadline gauges follow the service clock.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class OpenWorkMetricsIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PLATFORM = "contoso-metrics";
    static final String SUBSCRIPTION = "44444444-4444-4444-4444-444444444444";
    static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    static final Pattern SAMPLE =
            Pattern.compile("^(stormwatch_correlator_[a-z_]+)\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void openIncidentsDecisionsAndTheEarliestDeadlineAreGaugesPerPlatform() {
        MutableClock clock = TestClock.CLOCK;
        clock.set(T);
        given().when().get("/q/health/ready").then().statusCode(200);
        try (BrokerClient broker = new BrokerClient(
                bootstrap, List.of(Topics.DR_DECISIONS, Topics.INCIDENTS, Topics.FEASIBILITY), PLATFORM)) {
            broker.catalog(Catalogs.contoso(PLATFORM, SUBSCRIPTION), T);
            // A drill request takes a shorter path than the catalog (no routing hop): start it once the platform is
            // known.
            broker.await(
                    Topics.FEASIBILITY,
                    WAIT,
                    "the catalog's feasibility report",
                    w -> w.stream()
                            .anyMatch(x ->
                                    x.data(FeasibilityReport.class).platformId().equals(PLATFORM)));
            broker.health(
                    "he-metrics-stg-1",
                    HealthEvents.incident("STG-M1", "Storage", PRIMARY, T)
                            .subscription(SUBSCRIPTION)
                            .build(),
                    T);
            broker.drill(new DrillRequest("metrics-drill", PLATFORM, DrillAction.START, "priya", T, null));
            broker.await(
                    Topics.DR_DECISIONS,
                    WAIT,
                    "the real and the drill's invoke-dr",
                    w -> w.stream()
                                    .filter(x ->
                                            EventTypes.DECISION.equals(x.event().type()))
                                    .map(x -> x.data(Decision.class))
                                    .filter(d -> d.platformId().equals(PLATFORM) && d.kind() == DecisionKind.INVOKE_DR)
                                    .count()
                            == 2);
            broker.await(
                    Topics.INCIDENTS,
                    WAIT,
                    "both incidents",
                    w -> w.stream()
                                    .map(x -> x.data(Incident.class))
                                    .filter(i -> i.platformId().equals(PLATFORM))
                                    .map(Incident::id)
                                    .distinct()
                                    .count()
                            == 2);

            // 30 minutes later: both deadlines (10:00 + 8h − 6h25m = 11:35) are 65 minutes away.
            clock.set(T.plus(Duration.ofMinutes(30)));
            Map<String, String> m = scrape();
            assertEquals(
                    "1.0",
                    m.get("stormwatch_correlator_incidents_open{drill=false,platform=contoso-metrics,severity=sev1}"));
            for (String sev : List.of("sev2", "sev3", "sev4")) {
                assertEquals(
                        "0.0",
                        m.get("stormwatch_correlator_incidents_open{drill=false,platform=contoso-metrics,severity="
                                + sev + "}"),
                        sev);
            }
            assertEquals(
                    "1.0",
                    m.get("stormwatch_correlator_incidents_open{drill=true,platform=contoso-metrics,severity=sev4}"));
            assertEquals(
                    "1.0",
                    m.get("stormwatch_correlator_decisions_open{drill=false,kind=invoke-dr,platform=contoso-metrics}"));
            assertEquals(
                    "0.0",
                    m.get("stormwatch_correlator_decisions_open{drill=false,kind=recovery-step,platform=contoso-"
                            + "metrics}"));
            assertEquals(
                    "1.0",
                    m.get("stormwatch_correlator_decisions_open{drill=true,kind=invoke-dr,platform=contoso-metrics}"));
            assertEquals(
                    "3900.0",
                    m.get("stormwatch_correlator_decision_deadline_seconds{drill=false,kind=invoke-dr,platform="
                            + "contoso-metrics}"));
            assertEquals(
                    "3900.0",
                    m.get("stormwatch_correlator_decision_deadline_seconds{drill=true,kind=invoke-dr,platform="
                            + "contoso-metrics}"));
            assertEquals(
                    "NaN",
                    m.get("stormwatch_correlator_decision_deadline_seconds{drill=false,kind=recovery-step,platform="
                            + "contoso-metrics}"));
            assertTrue(m.containsKey("stormwatch_correlator_events_unmatched_total{}")
                    || scrapeText().contains("stormwatch_correlator_events_unmatched_total"));
        }
    }

    /** Every stormwatch_correlator sample: name{tags without quotes} → value as printed. */
    static Map<String, String> scrape() {
        Map<String, String> out = new HashMap<>();
        Matcher matcher = SAMPLE.matcher(scrapeText());
        while (matcher.find()) {
            out.put(matcher.group(1) + "{" + matcher.group(2).replace("\"", "") + "}", matcher.group(3));
        }
        return out;
    }

    static String scrapeText() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
