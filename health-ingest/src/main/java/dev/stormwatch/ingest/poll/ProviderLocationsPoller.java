package dev.stormwatch.ingest.poll;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.azure.ProviderLocations;
import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.azure.ServiceResourceTypes;
import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.Events;
import dev.stormwatch.ingest.publish.HealthEventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Asks each watched subscription's resource providers where the resource types the catalogs use are offered, and
 * publishes the answer per subscription on {@code provider-locations.v1} (compacted: the latest answer per subscription
 * stays). Only the types of {@link ServiceResourceTypes} are kept, so a record stays a few kilobytes where the full
 * list holds thousands of types. A subscription whose call fails keeps its last published answer until the next run.
 */
public final class ProviderLocationsPoller {

    private static final Logger LOG = Logger.getLogger(ProviderLocationsPoller.class);
    static final String SOURCE = HealthEventPublisher.SOURCE_PREFIX + "provider-locations";

    private final ResourceProvidersApi api;
    private final List<String> subscriptions;
    private final Producer<String, byte[]> producer;
    private final Clock clock;

    public ProviderLocationsPoller(
            ResourceProvidersApi api, List<String> subscriptions, Producer<String, byte[]> producer, Clock clock) {
        this.api = api;
        this.subscriptions = List.copyOf(subscriptions);
        this.producer = producer;
        this.clock = clock;
    }

    /** One run over every subscription; returns what was published, in subscription order. */
    public List<ProviderLocations> runOnce() {
        List<ProviderLocations> published = new ArrayList<>();
        for (String subscription : subscriptions) {
            try {
                ProviderLocations locations = read(subscription);
                send(locations);
                published.add(locations);
            } catch (RuntimeException e) {
                // The API (after the pipeline's retries) or Kafka failed: this subscription waits for the next run.
                LOG.warnf("provider locations of subscription %s not refreshed: %s", subscription, e.getMessage());
            }
        }
        LOG.infof("provider locations: %d of %d subscriptions published", published.size(), subscriptions.size());
        return published;
    }

    /** The subscription's providers, page by page, reduced to the watched types with canonical regions. */
    ProviderLocations read(String subscription) {
        Set<String> watched = ServiceResourceTypes.keys();
        Map<String, List<String>> regions = new TreeMap<>();
        ResourceHealthApi.Page page = api.providers(subscription);
        while (true) {
            for (JsonNode provider : page.body().path("value")) {
                String namespace = provider.path("namespace").asText("");
                for (JsonNode type : provider.path("resourceTypes")) {
                    String key = ServiceResourceTypes.key(
                            namespace + "/" + type.path("resourceType").asText(""));
                    if (!watched.contains(key)) {
                        continue;
                    }
                    Set<String> in = new TreeSet<>();
                    for (JsonNode location : type.path("locations")) {
                        String canonical = Regions.canonical(location.asText());
                        if (canonical != null) {
                            in.add(canonical);
                        }
                    }
                    regions.merge(key, List.copyOf(in), (a, b) -> {
                        Set<String> both = new TreeSet<>(a);
                        both.addAll(b);
                        return List.copyOf(both);
                    });
                }
            }
            if (page.nextLink() == null) {
                break;
            }
            page = api.next(page.nextLink());
        }
        return new ProviderLocations(subscription, clock.instant(), regions);
    }

    private void send(ProviderLocations locations) {
        Instant now = locations.fetchedAt();
        // One id per answer's content: an unchanged answer is the same event again, which consumers skip.
        String id = "provider-locations-" + locations.subscriptionId() + "-"
                + ContentHash.hex(8, JsonCodec.toJson(locations.regionsByType()));
        Envelope<ProviderLocations> event =
                Envelope.of(id, Events.PROVIDER_LOCATIONS, SOURCE, locations.subscriptionId(), now, false, locations);
        try {
            producer.send(new ProducerRecord<>(
                            Topics.PROVIDER_LOCATIONS.name(), locations.subscriptionId(), JsonCodec.toBytes(event)))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaSendException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaSendException(e);
        }
    }

    /** Kafka did not take a subscription's answer; the next run sends it again. */
    static final class KafkaSendException extends RuntimeException {
        KafkaSendException(Exception cause) {
            super("Kafka did not acknowledge the record: " + cause, cause);
        }
    }
}
