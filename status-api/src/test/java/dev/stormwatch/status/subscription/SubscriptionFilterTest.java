package dev.stormwatch.status.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.status.Samples;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which subscription gets which event. */
class SubscriptionFilterTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    static Subscription sub(Set<String> types, List<String> platforms, List<String> components, boolean drills) {
        return new Subscription(
                "sub-1", "finance", "http://x", "v1:x", platforms, components, types, drills, "admin", AT, Map.of());
    }

    static CloudEvent handover(String platform, String component, boolean drill) {
        return JsonCodec.envelope(
                "h-1",
                EventTypes.HANDOVER,
                Samples.CORRELATOR,
                "s",
                AT,
                drill,
                Samples.handover("h-1", platform, component, "inc-1", AT, drill));
    }

    static CloudEvent incident(String platform, List<String> components) {
        return JsonCodec.envelope(
                "i-1",
                EventTypes.INCIDENT,
                Samples.CORRELATOR,
                "s",
                AT,
                false,
                Samples.incident("inc-1", platform, IncidentState.OPEN, Severity.SEV1, AT, 1, components, false));
    }

    static CloudEvent decision(String platform) {
        return JsonCodec.envelope(
                "d-1",
                EventTypes.DECISION,
                Samples.CORRELATOR,
                "s",
                AT,
                false,
                Samples.decision("dec-1", platform, "inc-1", DecisionState.OPEN, AT, AT.plusSeconds(60), false, 1));
    }

    static Stream<Arguments> cases() {
        Set<String> handovers = Set.of("handover");
        Set<String> all = Set.of("handover", "incident", "decision");
        return Stream.of(
                Arguments.of(
                        "handover, no filter",
                        sub(handovers, List.of(), List.of(), false),
                        handover("p", "storage", false),
                        true),
                Arguments.of(
                        "drill handover, drills not wanted",
                        sub(handovers, List.of(), List.of(), false),
                        handover("p", "storage", true),
                        false),
                Arguments.of(
                        "drill handover, drills wanted",
                        sub(handovers, List.of(), List.of(), true),
                        handover("p", "storage", true),
                        true),
                Arguments.of(
                        "other platform",
                        sub(handovers, List.of("q"), List.of(), false),
                        handover("p", "storage", false),
                        false),
                Arguments.of(
                        "same platform",
                        sub(handovers, List.of("p"), List.of(), false),
                        handover("p", "storage", false),
                        true),
                Arguments.of(
                        "other component",
                        sub(handovers, List.of(), List.of("power-bi"), false),
                        handover("p", "storage", false),
                        false),
                Arguments.of(
                        "same component",
                        sub(handovers, List.of(), List.of("storage"), false),
                        handover("p", "storage", false),
                        true),
                Arguments.of(
                        "incident, handovers only",
                        sub(handovers, List.of(), List.of(), false),
                        incident("p", List.of("storage")),
                        false),
                Arguments.of(
                        "incident touching the component",
                        sub(all, List.of(), List.of("storage"), false),
                        incident("p", List.of("key-vault", "storage")),
                        true),
                Arguments.of(
                        "incident not touching it",
                        sub(all, List.of(), List.of("power-bi"), false),
                        incident("p", List.of("storage")),
                        false),
                Arguments.of(
                        "platform-wide decision passes a component filter",
                        sub(all, List.of("p"), List.of("power-bi"), false),
                        decision("p"),
                        true),
                Arguments.of(
                        "decision of another platform",
                        sub(all, List.of("q"), List.of(), false),
                        decision("p"),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesDelivery(String name, Subscription subscription, CloudEvent event, boolean expected) {
        assertEquals(expected, SubscriptionFilter.matches(subscription, event));
    }
}
