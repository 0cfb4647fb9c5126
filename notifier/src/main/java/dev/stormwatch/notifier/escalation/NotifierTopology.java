package dev.stormwatch.notifier.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.notifier.channel.Channel;
import dev.stormwatch.notifier.channel.ChannelSecrets;
import dev.stormwatch.notifier.delivery.Outbox;
import dev.stormwatch.notifier.message.MessageRenderer;
import dev.stormwatch.notifier.page.PageId;
import dev.stormwatch.notifier.page.PageLifecycle;
import dev.stormwatch.notifier.page.PageState;
import java.io.IOException;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The notifier's Kafka Streams topology:
 *
 * <pre>
 * catalog.v1 ─▶ screen (destination check) ─▶ global store "catalogs"
 * incidents.v1 ───────┐
 * dr-decisions.v1 ────┤
 * handovers.v1 ───────┼─▶ escalation [pages, outboxes] ─▶ notifications.v1 (key page id)
 * acks.v1 ─▶ by subject (repartition) ┘               └─▶ audit.v1 (key platform id)
 * </pre>
 *
 * Every node, store and the repartition topic is named, so that the topology can change without losing state.
 */
public final class NotifierTopology {

    private final NotifierSettings settings;
    private final MessageRenderer renderer;
    private final PageLinks links;
    private final Map<String, Channel> channels;
    private final DestinationPolicy destinations;
    private final ChannelSecrets secrets;
    private final RandomGenerator random;
    private final DeliveryListener listener;
    private final RecordedAcks recordedAcks;

    /**
     * @param recordedAcks the acknowledgements read straight from their topic, asked before a level escalates
     *     ({@link RecordedAcks#NONE} where there is nothing but the stream)
     */
    public NotifierTopology(
            NotifierSettings settings,
            MessageRenderer renderer,
            PageLinks links,
            Map<String, Channel> channels,
            DestinationPolicy destinations,
            ChannelSecrets secrets,
            RandomGenerator random,
            DeliveryListener listener,
            RecordedAcks recordedAcks) {
        this.settings = settings;
        this.renderer = renderer;
        this.links = links;
        this.channels = Map.copyOf(channels);
        this.destinations = destinations;
        this.secrets = secrets;
        this.random = random;
        this.listener = listener;
        this.recordedAcks = recordedAcks;
    }

    public Topology build() {
        Serde<String> keys = Serdes.String();
        Serde<byte[]> raw = Serdes.ByteArray();
        Serde<CloudEvent> events = JsonCodec.serde(CloudEvent.class);
        StreamsBuilder builder = new StreamsBuilder();

        // In memory and changelog-backed: the state is open pages and one outbox per contact, small enough to restore
        // from the changelog at every start, which exactly-once does after a crash anyway; and no disk write per page.
        // Cached: the changes of one key within a commit interval (queued, sent, delivered) reach the changelog as one
        // record, in the same transaction as before.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(StoreNames.PAGES), keys, StoreValues.serde(PageState.class))
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(StoreNames.OUTBOXES), keys, StoreValues.serde(Outbox.class))
                .withCachingEnabled());
        CatalogRefusals refusals = new CatalogRefusals();
        // The catalog of every platform on every instance: any task may page for any platform.
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.CATALOGS), keys, events)
                        .withLoggingDisabled(),
                Topics.CATALOG.name(),
                Consumed.with(keys, raw).withName("catalog-source"),
                () -> new CatalogScreen(destinations, secrets, refusals));

        KStream<String, byte[]> incidents =
                builder.stream(Topics.INCIDENTS.name(), Consumed.with(keys, raw).withName("incidents-source"));
        KStream<String, byte[]> decisions = builder.stream(
                Topics.DR_DECISIONS.name(), Consumed.with(keys, raw).withName("decisions-source"));
        KStream<String, byte[]> handovers =
                builder.stream(Topics.HANDOVERS.name(), Consumed.with(keys, raw).withName("handovers-source"));
        // Feasibility reports are keyed by platform id; a platform's readiness page lives under its own subject.
        KStream<String, byte[]> feasibility = builder.stream(
                        Topics.FEASIBILITY.name(), Consumed.with(keys, raw).withName("feasibility-source"))
                .selectKey((key, value) -> PageLifecycle.readinessSubject(key), Named.as("readiness-subject"))
                .repartition(Repartitioned.<String, byte[]>as(StoreNames.READINESS_BY_SUBJECT)
                        .withKeySerde(keys)
                        .withValueSerde(raw)
                        .withNumberOfPartitions(Topics.INCIDENTS.partitions()));
        // Acks are keyed by page id; the page lives with its subject.
        KStream<String, byte[]> acks = builder.stream(
                        Topics.ACKS.name(), Consumed.with(keys, raw).withName("acks-source"))
                .selectKey(NotifierTopology::subjectOfAck, Named.as("ack-subject"))
                .repartition(Repartitioned.<String, byte[]>as(StoreNames.ACKS_BY_SUBJECT)
                        .withKeySerde(keys)
                        .withValueSerde(raw)
                        .withNumberOfPartitions(Topics.INCIDENTS.partitions()));

        incidents
                .merge(decisions, Named.as("merge-decisions"))
                .merge(handovers, Named.as("merge-handovers"))
                .merge(acks, Named.as("merge-acks"))
                .merge(feasibility, Named.as("merge-feasibility"))
                .process(
                        () -> new EscalationProcessor(
                                settings, renderer, links, channels, random, listener, refusals, recordedAcks),
                        Named.as("escalation"),
                        StoreNames.PAGES,
                        StoreNames.OUTBOXES)
                .to(
                        (key, value, context) -> value.topic(),
                        Produced.with(keys, outputs()).withName("outputs"));
        return builder.build();
    }

    private static Serde<Output> outputs() {
        org.apache.kafka.common.serialization.Serializer<Output> writer = (topic, o) -> JsonCodec.toBytes(o.event());
        org.apache.kafka.common.serialization.Deserializer<Output> reader = (topic, bytes) -> {
            throw new UnsupportedOperationException("outputs are only written");
        };
        return Serdes.serdeFrom(writer, reader);
    }

    /** The subject (incident or decision id) an ack is about: its {@code subjectId}, else the one in its page id. */
    static String subjectOfAck(String key, byte[] value) {
        if (value == null) {
            return key;
        }
        try {
            JsonNode data = JsonCodec.mapper().readTree(value).path("data");
            String subject = data.path("subjectId").asText(null);
            if (subject != null && !subject.isBlank()) {
                return subject;
            }
            String page = data.path("pageId").asText(key);
            return PageId.parse(page).map(PageId::subjectId).orElse(page);
        } catch (IOException e) {
            return key; // refused with its reason by the escalation processor
        }
    }
}
