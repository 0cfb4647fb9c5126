package dev.stormwatch.ingest.poll;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import dev.stormwatch.contracts.kafka.KafkaConnection;
import dev.stormwatch.ingest.intake.Ingestion;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/**
 * Starts the pollers that are configured (subscriptions for Resource Health and Resource Graph, a feed URL, Microsoft
 * 365 enabled) with {@code DefaultAzureCredential}, their cursors loaded from Kafka, and runs each on its interval.
 */
@Singleton
public class PollSchedule {

    private static final Logger LOG = Logger.getLogger(PollSchedule.class);

    private final PollConfig config;
    private final Ingestion ingestion;
    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final Map<String, Object> kafka;
    private final List<Poller> resourceHealth = new ArrayList<>();
    private final List<Poller> resourceGraph = new ArrayList<>();
    private final List<Poller> emergingIssues = new ArrayList<>();
    private final List<Poller> statusFeed = new ArrayList<>();
    private final List<Poller> m365 = new ArrayList<>();
    private final List<ProviderLocationsPoller> providerLocations = new ArrayList<>();

    public PollSchedule(
            PollConfig config,
            Ingestion ingestion,
            Producer<String, byte[]> producer,
            Clock clock,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        this.ingestion = ingestion;
        this.producer = producer;
        this.clock = clock;
        this.kafka = KafkaConnection.of(kafkaConfig);
    }

    void start(@Observes StartupEvent event) {
        List<String> subscriptions = config.subscriptions().orElse(List.of()).stream()
                .filter(s -> !s.isBlank())
                .toList();
        boolean azure = !subscriptions.isEmpty()
                && (config.resourceHealth().enabled()
                        || config.resourceGraph().enabled()
                        || config.providerLocations().enabled());
        boolean feed = config.statusFeed().url().filter(s -> !s.isBlank()).isPresent();
        if (!azure && !feed && !config.m365().enabled()) {
            LOG.info("pollers off: no stormwatch.ingest.poll.subscriptions, status-feed.url or m365.enabled");
            return;
        }
        PolledEvents events =
                new PolledEvents(ingestion, PollCursors.load(kafka, producer, clock, Duration.ofSeconds(60)));
        HttpClient http = HttpClient.createDefault();
        TokenCredential credential =
                azure || config.m365().enabled() ? new DefaultAzureCredentialBuilder().build() : null;
        Duration retryDelay = Duration.ofSeconds(2);
        if (azure) {
            HttpPipeline arm = AzurePipelines.build(
                    http,
                    credential,
                    AzurePipelines.scopeOf(config.armEndpoint()),
                    config.maxRetries(),
                    retryDelay,
                    clock);
            RestResourceHealthApi api = new RestResourceHealthApi(
                    arm, config.armEndpoint(), config.resourceHealth().lookback(), clock);
            if (config.resourceHealth().enabled()) {
                resourceHealth.add(new ResourceHealthPoller(api, subscriptions, events, retry(), clock));
            }
            if (config.emergingIssues().enabled()) {
                emergingIssues.add(new EmergingIssuesPoller(api, events, retry()));
            }
            if (config.providerLocations().enabled()) {
                providerLocations.add(new ProviderLocationsPoller(
                        new RestResourceProvidersApi(arm, config.armEndpoint(), clock),
                        subscriptions,
                        producer,
                        clock));
            }
            if (config.resourceGraph().enabled()) {
                AzureEnvironment environment =
                        new AzureEnvironment(Map.of("resourceManagerEndpointUrl", config.armEndpoint()));
                resourceGraph.add(new ResourceGraphPoller(
                        ResourceGraphManager.authenticate(arm, new AzureProfile(null, null, environment)),
                        subscriptions,
                        events,
                        retry(),
                        clock));
            }
        }
        if (feed) {
            statusFeed.add(new StatusFeedPoller(
                    AzurePipelines.build(http, null, null, config.maxRetries(), retryDelay, clock),
                    config.statusFeed().url().get(),
                    events,
                    retry(),
                    clock));
        }
        if (config.m365().enabled()) {
            m365.add(new M365ServiceHealthPoller(
                    AzurePipelines.build(
                            http,
                            credential,
                            AzurePipelines.scopeOf(config.graphEndpoint()),
                            config.maxRetries(),
                            retryDelay,
                            clock),
                    config.graphEndpoint(),
                    config.m365().services(),
                    events,
                    retry(),
                    clock));
        }
        LOG.infof(
                "pollers on: resource-health=%s emerging-issues=%s resource-graph=%s status-feed=%s m365=%s"
                        + " provider-locations=%s (ARM %s, Graph %s, look-back %s)",
                !resourceHealth.isEmpty(),
                !emergingIssues.isEmpty(),
                !resourceGraph.isEmpty(),
                !statusFeed.isEmpty(),
                !m365.isEmpty(),
                !providerLocations.isEmpty(),
                config.armEndpoint(),
                config.graphEndpoint(),
                config.resourceHealth().lookback());
    }

    private PollRetry retry() {
        return new PollRetry(config.maxRetries(), config.backoff(), config.maxBackoff());
    }

    // Each interval is read from the poller's setting, whose default PollConfig gives (and nothing else repeats).
    @Scheduled(
            every = "${stormwatch.ingest.poll.resource-health.every}",
            delay = 5,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollResourceHealth() {
        run(resourceHealth);
    }

    @Scheduled(
            every = "${stormwatch.ingest.poll.emerging-issues.every}",
            delay = 8,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollEmergingIssues() {
        run(emergingIssues);
    }

    @Scheduled(
            every = "${stormwatch.ingest.poll.resource-graph.every}",
            delay = 10,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollResourceGraph() {
        run(resourceGraph);
    }

    @Scheduled(
            every = "${stormwatch.ingest.poll.status-feed.every}",
            delay = 15,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollStatusFeed() {
        run(statusFeed);
    }

    @Scheduled(
            every = "${stormwatch.ingest.poll.m365.every}",
            delay = 20,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollM365() {
        run(m365);
    }

    @Scheduled(
            every = "${stormwatch.ingest.poll.provider-locations.every:6h}",
            delay = 25,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollProviderLocations() {
        providerLocations.forEach(ProviderLocationsPoller::runOnce);
    }

    /** Each poller logs what its run did. */
    private static void run(List<Poller> pollers) {
        for (Poller p : pollers) {
            p.runOnce();
        }
    }
}
