package dev.stormwatch.notifier.action;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.action.AutomationReadiness;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.kafka.KafkaConnection;
import dev.stormwatch.contracts.kafka.TopicFollower;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.notifier.NotifierConfig;
import dev.stormwatch.notifier.channel.SecretSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Tells the correlator's readiness check whether each platform's automated steps could be called by this notifier: on
 * every catalog on {@code catalog.v1} (all of them at start), the {@link AutomationReadinessCheck} of it goes to
 * {@code automation-readiness.v1} when it differs from what this instance published last. The notifier's secrets and
 * destination policy are fixed while it runs, so a catalog change is what can change the answer; the correlator looks
 * at the latest answer at each of its readiness checks.
 */
@ApplicationScoped
public class AutomationReadinessPublisher {

    private static final Logger LOG = Logger.getLogger(AutomationReadinessPublisher.class);
    static final String SOURCE = "/stormwatch/notifier/automation-readiness";

    private final AutomationReadinessCheck check;
    private final Clock clock;
    private final Map<String, Object> kafka;
    /** What was published last per platform, to publish only a changed answer; bounded by the platforms. */
    private final Map<String, List<AutomationReadiness.Problem>> last = new ConcurrentHashMap<>();

    private TopicFollower follower;
    private KafkaProducer<String, byte[]> producer;

    public AutomationReadinessPublisher(
            NotifierConfig config,
            DestinationPolicy destinations,
            Clock clock,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        SecretSource secrets = ref -> ref == null
                ? java.util.Optional.empty()
                : ConfigProvider.getConfig().getOptionalValue(ref, String.class).filter(s -> !s.isBlank());
        this.check = new AutomationReadinessCheck(
                secrets,
                destinations,
                config.actions().enabled(),
                config.actions().callbackSecret().filter(s -> !s.isBlank()).isPresent());
        this.clock = clock;
        this.kafka = KafkaConnection.of(kafkaConfig);
    }

    void start(@Observes StartupEvent e) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "notifier-automation-readiness");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        follower = TopicFollower.replay(
                "notifier-automation-readiness",
                kafka,
                List.of(Topics.CATALOG.name()),
                this::onCatalog,
                () -> LOG.infof("automation readiness checked for %d platforms", last.size()));
        follower.start();
    }

    void stop(@Observes ShutdownEvent e) {
        if (follower != null) {
            follower.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    private void onCatalog(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return; // a removed platform: its last answer no longer matters to anyone
        }
        CloudEvent event;
        Catalog catalog;
        try {
            event = JsonCodec.fromJson(record.value(), CloudEvent.class);
            catalog = JsonCodec.data(event, Catalog.class);
        } catch (RuntimeException ex) {
            // The escalation topology refuses such a catalog with its reason in the audit trail.
            return;
        }
        List<AutomationReadiness.Problem> problems = check.problems(catalog);
        if (problems.equals(last.get(record.key()))) {
            return;
        }
        AutomationReadiness readiness = new AutomationReadiness(record.key(), event.id(), clock.instant(), problems);
        String id = "automation-readiness-" + record.key() + "-" + ContentHash.hex(8, JsonCodec.toJson(problems));
        CloudEvent out = JsonCodec.envelope(
                id, EventTypes.AUTOMATION_READINESS, SOURCE, record.key(), clock.instant(), false, readiness);
        producer.send(
                new ProducerRecord<>(Topics.AUTOMATION_READINESS.name(), record.key(), JsonCodec.toBytes(out)),
                (meta, error) -> {
                    if (error != null) {
                        // Forgotten, so that the next catalog record or restart publishes it again.
                        last.remove(record.key(), problems);
                        LOG.warnf("automation readiness of %s not published: %s", record.key(), error.getMessage());
                    }
                });
        last.put(record.key(), problems);
    }
}
