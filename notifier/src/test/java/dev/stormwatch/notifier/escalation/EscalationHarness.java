package dev.stormwatch.notifier.escalation;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.notifier.TestConfigs;
import dev.stormwatch.notifier.ack.AckLinks;
import dev.stormwatch.notifier.ack.AckTokens;
import dev.stormwatch.notifier.channel.Channel;
import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.channel.ChannelSecrets;
import dev.stormwatch.notifier.channel.OutgoingMessage;
import dev.stormwatch.notifier.message.MessageRenderer;
import dev.stormwatch.notifier.message.RenderedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The notifier topology in a {@link TopologyTestDriver}, whose mocked wall clock is the only clock: records, timers and
 * deliveries all see the driver's time. Channels are recording stand-ins answering at once (the real channels are
 * tested against real servers elsewhere); what they record is who got what at which instant.
 */
final class EscalationHarness implements AutoCloseable {

    static final String PLATFORM = "esc-platform";

    final TopologyTestDriver driver;
    final TestInputTopic<String, String> catalogs;
    final TestInputTopic<String, String> incidents;
    final TestInputTopic<String, String> decisions;
    final TestInputTopic<String, String> handovers;
    final TestInputTopic<String, String> acks;
    final TestOutputTopic<String, String> notifications;
    final TestOutputTopic<String, String> audit;
    final Map<String, RecordingChannel> channels = new HashMap<>();
    final List<Delivered> delivered = new ArrayList<>();
    /** The acknowledgements on their topic as the acknowledge service has read them; all read, none, unless set. */
    final Recorded recorded = new Recorded();

    private final Path stateDir;
    private Instant now;

    /** What a channel was handed: when, to whom, on which channel, which pages. */
    record Delivered(
            Instant at,
            String contactId,
            String channel,
            String deliveryId,
            int attempt,
            List<String> pageIds,
            List<String> kinds,
            RenderedMessage message) {}

    /** Acknowledgements written to their topic but not yet through the stream, as the test says. */
    static final class Recorded implements RecordedAcks {
        final Map<String, Ack> acks = new HashMap<>();
        boolean caughtUp = true;

        @Override
        public boolean caughtUp() {
            return caughtUp;
        }

        @Override
        public Optional<Ack> find(String pageId) {
            return Optional.ofNullable(acks.get(pageId));
        }
    }

    /** A channel that records and answers with whatever its script says (delivered by default). */
    final class RecordingChannel implements Channel {
        private final String type;
        Function<OutgoingMessage, ChannelResult> answer = m -> ChannelResult.delivered("HTTP 200");

        RecordingChannel(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public CompletionStage<ChannelResult> send(OutgoingMessage m) {
            delivered.add(new Delivered(
                    m.at(),
                    m.contact().id(),
                    type,
                    m.deliveryId(),
                    m.attempt(),
                    m.message().items().stream()
                            .map(RenderedMessage.RenderedItem::pageId)
                            .toList(),
                    m.message().items().stream()
                            .map(RenderedMessage.RenderedItem::kind)
                            .toList(),
                    m.message()));
            return CompletableFuture.completedFuture(answer.apply(m));
        }
    }

    EscalationHarness(Instant start) {
        this(start, TestConfigs.settings(), new DestinationPolicy(List.of("127.0.0.0/8"), true));
    }

    EscalationHarness(Instant start, NotifierSettings settings, DestinationPolicy destinations) {
        this(start, settings, destinations, Map.of());
    }

    /** {@code realChannels} replace the recording stand-ins of their types (to call real servers). */
    EscalationHarness(
            Instant start,
            NotifierSettings settings,
            DestinationPolicy destinations,
            Map<String, Channel> realChannels) {
        this(start, settings, destinations, realChannels, SECRETS);
    }

    /** The channel secrets of these tests: the default prefix, nothing configured. */
    static final ChannelSecrets SECRETS =
            new ChannelSecrets("STORMWATCH_WEBHOOK_", ref -> Optional.empty(), List.of("escalation-test-ack-secret"));

    EscalationHarness(
            Instant start,
            NotifierSettings settings,
            DestinationPolicy destinations,
            Map<String, Channel> realChannels,
            ChannelSecrets secrets) {
        try {
            stateDir = Files.createTempDirectory("notifier-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String type : List.of("webhook", "email", "teams", "slack")) {
            channels.put(type, new RecordingChannel(type));
        }
        Map<String, Channel> byType = new HashMap<>(channels);
        byType.putAll(realChannels);
        NotifierTopology topology = new NotifierTopology(
                settings,
                new MessageRenderer(),
                new AckLinks(new AckTokens("escalation-test-ack-secret"), "http://notifier.test", Duration.ofHours(24)),
                byType,
                destinations,
                secrets,
                new Random(42),
                DeliveryListener.NONE,
                recorded);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "notifier-ttd");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "ttd:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // Task-level metrics (punctuations among them) are recorded at DEBUG only.
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
        driver = new TopologyTestDriver(topology.build(), props, start);
        now = start;
        StringSerializer s = new StringSerializer();
        catalogs = driver.createInputTopic(Topics.CATALOG.name(), s, s);
        incidents = driver.createInputTopic(Topics.INCIDENTS.name(), s, s);
        decisions = driver.createInputTopic(Topics.DR_DECISIONS.name(), s, s);
        handovers = driver.createInputTopic(Topics.HANDOVERS.name(), s, s);
        acks = driver.createInputTopic(Topics.ACKS.name(), s, s);
        StringDeserializer d = new StringDeserializer();
        notifications = driver.createOutputTopic(Topics.NOTIFICATIONS.name(), d, d);
        audit = driver.createOutputTopic(Topics.AUDIT.name(), d, d);
    }

    Instant now() {
        return now;
    }

    /** Moves the driver's wall clock to {@code target} in steps, firing the punctuator at every step. */
    void advanceTo(Instant target, Duration step) {
        long stepMs = step.toMillis();
        while (now.isBefore(target)) {
            // Steps end on multiples of the step, so a timer due on a whole minute fires at that very minute.
            Instant aligned = Instant.ofEpochMilli((now.toEpochMilli() / stepMs + 1) * stepMs);
            Instant next = aligned.isAfter(target) ? target : aligned;
            driver.advanceWallClockTime(Duration.between(now, next));
            now = next;
        }
    }

    /**
     * Steps sized to the span: every level delay of the test catalogs is a multiple of 5 minutes and every rate-limit
     * window a whole minute, so aligned steps land on each due instant; short spans go by the second.
     */
    void advanceTo(Instant target) {
        Duration span = Duration.between(now, target);
        long seconds =
                span.compareTo(Duration.ofMinutes(2)) <= 0 ? 1 : span.compareTo(Duration.ofMinutes(10)) <= 0 ? 60 : 300;
        advanceTo(target, Duration.ofSeconds(seconds));
    }

    static Catalog catalog(String resource) {
        try (InputStream in = EscalationHarness.class.getResourceAsStream(resource)) {
            return CatalogLoader.parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void publishCatalog(Catalog catalog, String eventId) {
        CloudEvent ce =
                JsonCodec.envelope(eventId, EventTypes.CATALOG, "/test", catalog.platformId(), now, false, catalog);
        catalogs.pipeInput(catalog.platformId(), JsonCodec.toJson(ce), now);
    }

    void publish(Incident incident) {
        CloudEvent ce = JsonCodec.envelope(
                "incident/" + incident.id() + "/" + incident.version(),
                EventTypes.INCIDENT,
                "/stormwatch/incident-correlator",
                incident.id(),
                now,
                incident.drill(),
                incident);
        incidents.pipeInput(incident.id(), JsonCodec.toJson(ce), now);
    }

    void publish(Decision decision, String type) {
        CloudEvent ce = JsonCodec.envelope(
                "decision/" + decision.id() + "/" + decision.version() + "/" + type,
                type,
                "/stormwatch/incident-correlator",
                decision.id(),
                now,
                decision.drill(),
                decision);
        decisions.pipeInput(decision.id(), JsonCodec.toJson(ce), now);
    }

    void publish(Handover handover) {
        CloudEvent ce = JsonCodec.envelope(
                "handover/" + handover.id(),
                EventTypes.HANDOVER,
                "/stormwatch/incident-correlator",
                handover.id(),
                now,
                false,
                handover);
        handovers.pipeInput(handover.platformId() + "/" + handover.componentId(), JsonCodec.toJson(ce), now);
    }

    void ack(String pageId, String subjectId, String contactId, String by) {
        ack(new Ack(pageId, subjectId, contactId, by, "link", now));
    }

    /** {@code ack} through the stream now, whenever it was made. */
    void ack(Ack ack) {
        CloudEvent ce = JsonCodec.envelope(
                "ack/" + ack.pageId() + "/" + ack.by(),
                EventTypes.ACK,
                "/stormwatch/notifier",
                ack.pageId(),
                now,
                false,
                ack);
        acks.pipeInput(ack.pageId(), JsonCodec.toJson(ce), now);
    }

    static Incident incident(
            String id,
            IncidentState state,
            Severity severity,
            List<String> components,
            long version,
            Instant impactStart) {
        return new Incident(
                id,
                PLATFORM,
                "Storage outage in Australia East",
                state,
                severity,
                components,
                List.of("australiaeast"),
                List.of("TRK-1"),
                true,
                false,
                null,
                impactStart,
                impactStart,
                null,
                state == IncidentState.RESOLVED ? impactStart : null,
                null,
                impactStart,
                version,
                false,
                List.of());
    }

    static Decision decision(
            String id, DecisionState state, int reminders, long version, Instant raisedAt, Instant deadline) {
        return new Decision(
                id,
                PLATFORM,
                "inc-1",
                DecisionKind.INVOKE_DR,
                state,
                "Invoke DR for " + PLATFORM + "?",
                "Warm spare: start the runbook",
                List.of("fail over", "wait for Microsoft"),
                raisedAt,
                deadline,
                false,
                null,
                reminders,
                state == DecisionState.OPEN ? null : "priya",
                state == DecisionState.OPEN ? null : raisedAt,
                null,
                null,
                false,
                version);
    }

    List<Notification> readNotifications() {
        return notifications.readValuesToList().stream()
                .map(v -> JsonCodec.data(JsonCodec.fromJson(v, CloudEvent.class), Notification.class))
                .toList();
    }

    List<AuditRecord> readAudit() {
        return audit.readValuesToList().stream()
                .map(v -> JsonCodec.data(JsonCodec.fromJson(v, CloudEvent.class), AuditRecord.class))
                .toList();
    }

    /** "at contact page-ids" lines of what the channels were handed, for exact comparison. */
    List<String> deliveredLines() {
        return delivered.stream()
                .map(d -> d.at() + " " + d.contactId() + " " + d.channel() + " " + d.kinds() + " " + d.pageIds())
                .toList();
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
