package dev.stormwatch.notifier.ack;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.kafka.KafkaConnection;
import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.notifier.NotifierConfig;
import dev.stormwatch.notifier.escalation.RecordedAcks;
import dev.stormwatch.notifier.escalation.StoreNames;
import dev.stormwatch.notifier.page.PageId;
import dev.stormwatch.notifier.page.PageState;
import dev.stormwatch.notifier.page.Paged;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jboss.logging.Logger;

/**
 * Acknowledges pages, for the acknowledge link and for status-api: refuses unknown pages, pages acknowledged already
 * and links used already; writes the acknowledgement to {@code acks.v1} (key page id, which the escalation topology
 * reads to stop the page) and the evidence to {@code audit.v1}, and waits for the broker to confirm both before it
 * answers. Refusals of links (forged, expired, replayed) reach the audit trail in aggregate, through
 * {@link AckLinkRefusals}. The escalation asks its ledger of acknowledgements before a level goes out
 * ({@link RecordedAcks}): an acknowledgement written here is known there at once, before it comes through the stream.
 */
@ApplicationScoped
public class Acknowledgements implements RecordedAcks {

    private static final Logger LOG = Logger.getLogger(Acknowledgements.class);
    private static final String SOURCE = "/stormwatch/notifier";

    private final Map<String, Object> kafka;
    private final Clock clock;
    private final Instance<KafkaStreams> streams;
    private final NotifierConfig config;
    private final UsedLinks usedLinks;
    private PageLedger ledger;
    private KafkaProducer<String, String> producer;

    /** The outcome of an acknowledgement. */
    public sealed interface Outcome permits Acknowledged, AlreadyAcknowledged, Replayed, UnknownPage, NotReady {}

    public record Acknowledged(Ack ack) implements Outcome {}

    public record AlreadyAcknowledged(Ack first) implements Outcome {}

    public record Replayed(Ack first) implements Outcome {}

    public record UnknownPage(String pageId) implements Outcome {}

    public record NotReady(String reason) implements Outcome {}

    /** A page as a person is shown it before acknowledging. */
    public record PageView(
            String pageId,
            String platformId,
            String subjectId,
            String kind,
            int level,
            String title,
            String severity,
            String state,
            Optional<Ack> ack) {}

    public Acknowledgements(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            Clock clock,
            Instance<KafkaStreams> streams,
            NotifierConfig config) {
        this.kafka = KafkaConnection.of(kafkaConfig);
        this.clock = clock;
        this.streams = streams;
        this.config = config;
        this.usedLinks = new UsedLinks(config.ack().ttl(), config.ack().maxUsedLinks(), clock);
    }

    void start(@Observes StartupEvent event) {
        ledger = new PageLedger(
                kafka,
                config.ledger().retention().orElse(Topics.NOTIFICATIONS.retention()),
                config.ledger().maxPages(),
                clock);
        ledger.start();
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "notifier-acks");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    void stop(@Observes ShutdownEvent event) {
        if (ledger != null) {
            ledger.close();
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    public boolean ready() {
        return ledger != null && ledger.ready();
    }

    @Override
    public boolean caughtUp() {
        return ready();
    }

    @Override
    public Optional<Ack> find(String pageId) {
        return ledger == null ? Optional.empty() : ledger.ack(pageId);
    }

    public Instant now() {
        return clock.instant();
    }

    /** What a page is, for the page a link opens; empty when this notifier never sent it. */
    public Optional<PageView> view(String pageId) {
        Optional<PageLedger.PageEntry> entry = ledger == null ? Optional.empty() : ledger.page(pageId);
        Optional<PageState> state = localState(pageId);
        if (entry.isEmpty() && state.isEmpty()) {
            return Optional.empty();
        }
        Optional<Ack> ack = ledger.ack(pageId);
        String platform = entry.map(PageLedger.PageEntry::platformId)
                .orElseGet(() -> state.get().platformId());
        String subject = entry.map(PageLedger.PageEntry::subjectId)
                .orElseGet(() -> state.get().subjectId());
        int level = entry.map(PageLedger.PageEntry::level)
                .orElseGet(() -> PageId.parse(pageId).map(PageId::level).orElse(0));
        String kind = entry.map(PageLedger.PageEntry::kind)
                .orElse(state.map(s -> s.kind().name().toLowerCase()).orElse("page"));
        String title = state.map(s -> s.incident() != null
                        ? s.incident().title()
                        : s.decision() != null ? s.decision().title() : null)
                .orElse(subject);
        String severity = state.map(s -> s.incident() != null && s.incident().severity() != null
                        ? s.incident().severity().wire()
                        : s.decision() != null && s.decision().kind() != null
                                ? s.decision().kind().wire()
                                : null)
                .orElse(null);
        String st = state.map(s -> s.incident() != null
                        ? s.incident().state().wire()
                        : s.decision() != null ? s.decision().state().wire() : null)
                .orElse(null);
        return Optional.of(new PageView(pageId, platform, subject, kind, level, title, severity, st, ack));
    }

    /**
     * @param contactId the contact the link was sent to, or null for status-api's responders
     * @param nonce the link's nonce, or null for the internal API
     */
    public synchronized Outcome acknowledge(String pageId, String contactId, String by, String via, String nonce) {
        if (!ready()) {
            return new NotReady("the notifier is still reading its page ledger from Kafka");
        }
        Optional<Ack> first = ledger.ack(pageId);
        if (nonce != null && usedLinks.used(nonce)) {
            return new Replayed(first.orElse(null));
        }
        if (first.isPresent()) {
            return new AlreadyAcknowledged(first.get());
        }
        Optional<PageView> page = view(pageId);
        if (page.isEmpty()) {
            return new UnknownPage(pageId);
        }
        Instant at = clock.instant();
        Ack ack = new Ack(pageId, page.get().subjectId(), contactId, by, via, at);
        String platform = page.get().platformId();
        // Each acknowledgement its own id: two people acknowledging one page on two instances are both kept, the first
        // on acks.v1 stops the page and the escalation records the other as ignored, naming the first.
        String ackId = pageId + "/" + UUID.randomUUID();
        CloudEvent ackEvent = JsonCodec.envelope("ack/" + ackId, EventTypes.ACK, SOURCE, pageId, at, false, ack);
        AuditRecord audit = new AuditRecord(
                platform,
                at,
                by,
                "page-acknowledged",
                page.get().subjectId(),
                "page " + pageId + " acknowledged by " + by + " via " + via
                        + (nonce == null ? "" : " (link " + nonce + ")"),
                false);
        CloudEvent auditEvent = JsonCodec.envelope(
                "audit/ack/" + ackId, EventTypes.AUDIT, SOURCE, page.get().subjectId(), at, false, audit);
        try {
            var a = producer.send(new ProducerRecord<>(Topics.ACKS.name(), pageId, JsonCodec.toJson(ackEvent)));
            var b = producer.send(new ProducerRecord<>(Topics.AUDIT.name(), platform, JsonCodec.toJson(auditEvent)));
            a.get(10, TimeUnit.SECONDS);
            b.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NotReady("interrupted while writing the acknowledgement");
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf("acknowledgement of %s could not be written: %s", pageId, e.getMessage());
            return new NotReady("Kafka did not confirm the acknowledgement; try again");
        }
        if (nonce != null) {
            usedLinks.use(nonce);
        }
        ledger.recordLocal(ack);
        return new Acknowledged(ack);
    }

    /**
     * Writes refused links to the audit trail: evidence someone should see; {@link AckLinkRefusals} aggregates them.
     */
    public void auditRefusal(String platformId, String subjectId, String reason) {
        if (producer == null) {
            return;
        }
        Instant at = clock.instant();
        AuditRecord audit = new AuditRecord(
                platformId == null ? "unknown" : platformId, at, "anonymous", "ack-refused", subjectId, reason, false);
        CloudEvent event = JsonCodec.envelope(
                "audit/ack-refused/" + at.toEpochMilli() + "/" + Integer.toHexString(reason.hashCode()),
                EventTypes.AUDIT,
                SOURCE,
                subjectId,
                at,
                false,
                audit);
        producer.send(new ProducerRecord<>(Topics.AUDIT.name(), audit.platformId(), JsonCodec.toJson(event)));
    }

    /** The page in this instance's own stream tasks, if it owns the page's subject. */
    private Optional<PageState> localState(String pageId) {
        Optional<PageId> id = PageId.parse(pageId);
        if (id.isEmpty() || !streams.isResolvable()) {
            return Optional.empty();
        }
        try {
            KafkaStreams ks = streams.get();
            if (ks.state() != KafkaStreams.State.RUNNING) {
                return Optional.empty();
            }
            ReadOnlyKeyValueStore<String, PageState> store = ks.store(StoreQueryParameters.fromNameAndType(
                    StoreNames.PAGES, QueryableStoreTypes.<String, PageState>keyValueStore()));
            PageState state = store.get(id.get().subjectId());
            if (state == null || state.paged().stream().map(Paged::pageId).noneMatch(pageId::equals)) {
                return Optional.empty();
            }
            return Optional.of(state);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
