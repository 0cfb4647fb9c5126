package dev.stormwatch.notifier.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Component;
import dev.stormwatch.contracts.catalog.Contact;
import dev.stormwatch.contracts.catalog.ContactChannel;
import dev.stormwatch.contracts.catalog.EscalationLevel;
import dev.stormwatch.contracts.catalog.EscalationPolicy;
import dev.stormwatch.contracts.catalog.Platform;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import dev.stormwatch.local.kafka.KafkaBroker;
import dev.stormwatch.local.kafka.TopicSetup;
import dev.stormwatch.notifier.TestConfigs;
import dev.stormwatch.notifier.ack.AckLinks;
import dev.stormwatch.notifier.ack.AckTokens;
import dev.stormwatch.notifier.channel.Channel;
import dev.stormwatch.notifier.channel.ChannelSecrets;
import dev.stormwatch.notifier.channel.HttpSender;
import dev.stormwatch.notifier.channel.webhook.WebhookChannel;
import dev.stormwatch.notifier.escalation.DeliveryListener;
import dev.stormwatch.notifier.escalation.NotifierSettings;
import dev.stormwatch.notifier.escalation.NotifierTopology;
import dev.stormwatch.notifier.escalation.RecordedAcks;
import dev.stormwatch.notifier.message.MessageRenderer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: prints figures, asserts only that every page arrived. Run with {@code ./mvnw -B -o -pl
 * notifier test -Dbenchmark -Dtest=NotifierBenchmark}.
 *
 * <p>The notifier's topology (the one the service runs) in Kafka Streams with exactly-once v2 on the real in-JVM
 * broker, delivering on the signed webhook channel to a receiver on loopback that verifies every signature. Measures
 * (1) pages dispatched per second for a burst of incidents, each paging one of 500 contacts, and (2) the delay from
 * writing an incident record to its first page arriving at the receiver, at a steady 100 incidents/s. Broker, streams,
 * channel and receiver share this machine's cores.
 */
class NotifierBenchmark {

    static final int CONTACTS = 500;
    static final String SECRET = "benchmark-webhook-secret";
    static final Pattern PAGE = Pattern.compile("\"pageId\":\"([^\"]+)\"");

    final Map<String, Long> arrivedNanos = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> arrivedPerRun = new ConcurrentHashMap<>();
    final AtomicInteger badSignatures = new AtomicInteger();

    @Test
    void pagesPerSecondAndDelayToFirstDelivery() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-");
        HttpServer receiver = receiver();
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"));
                HttpSender http =
                        new HttpSender(Duration.ofSeconds(5), new DestinationPolicy(List.of("127.0.0.0/8"), true))) {
            TopicSetup.apply(broker.bootstrapServers());
            String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
            NotifierSettings settings = TestConfigs.settings();
            Map<String, Channel> channels = Map.of("webhook", new WebhookChannel(http, ref -> Optional.of(SECRET)));
            NotifierTopology topology = new NotifierTopology(
                    settings,
                    new MessageRenderer(),
                    new AckLinks(
                            new AckTokens("benchmark-ack-secret-0123456789"),
                            "http://localhost:8083",
                            Duration.ofHours(24)),
                    channels,
                    new DestinationPolicy(List.of("127.0.0.0/8"), true),
                    new ChannelSecrets("STORMWATCH_WEBHOOK_", ref -> Optional.of(SECRET), List.of()),
                    new Random(),
                    DeliveryListener.NONE,
                    RecordedAcks.NONE);
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "notifier-benchmark");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve("state").toString());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            props.put("auto.offset.reset", "earliest");
            try (KafkaStreams streams = new KafkaStreams(topology.build(), props);
                    KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
                streams.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Catalog catalog = catalog(base);
                producer.send(new ProducerRecord<>(
                                Topics.CATALOG.name(),
                                catalog.platformId(),
                                JsonCodec.toJson(JsonCodec.envelope(
                                        "bench-catalog",
                                        EventTypes.CATALOG,
                                        "/bench",
                                        "bench",
                                        Instant.now(),
                                        false,
                                        catalog))))
                        .get();
                Thread.sleep(1000);

                burst(producer, "warm", 2000);
                List<Double> rates = new ArrayList<>();
                for (int run = 1; run <= 3; run++) {
                    rates.add(burst(producer, "burst" + run, 5000));
                }
                List<Long> delays = steady(producer, "steady", 100, 1500);
                long[] sorted =
                        delays.stream().mapToLong(Long::longValue).sorted().toArray();
                rates.sort(Double::compare);
                System.out.println();
                System.out.println(
                        "notifier benchmark (2 cores shared by broker, Kafka Streams EOS v2, channel and receiver)");
                System.out.printf(
                        "  pages dispatched per second, burst of 5000 incidents → 500 contacts, 3 runs:"
                                + " min %.0f, median %.0f, max %.0f pages/s%n",
                        rates.get(0), rates.get(1), rates.get(2));
                System.out.printf(
                        "  incident record → first delivery at 100 incidents/s, %d incidents:"
                                + " p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        sorted.length, pct(sorted, 50) / 1e6, pct(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);
                System.out.println("  signatures that did not verify at the receiver: " + badSignatures.get());
                assertEquals(0, badSignatures.get());
            }
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * Writes {@code n} incidents as fast as the producer takes them; returns pages per second until the last arrived.
     */
    double burst(KafkaProducer<String, String> producer, String prefix, int n) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            producer.send(record(prefix + "-" + i, i));
        }
        producer.flush();
        long last = awaitAll(prefix, n);
        double rate = n / ((last - start) / 1e9);
        System.out.printf("  %s: %d pages in %d ms = %.0f pages/s%n", prefix, n, (last - start) / 1_000_000, rate);
        return rate;
    }

    /** Writes incidents at {@code perSecond} and returns, per incident, the nanoseconds from send to first page. */
    List<Long> steady(KafkaProducer<String, String> producer, String prefix, int perSecond, int n) throws Exception {
        long[] sent = new long[n];
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long at = start + i * interval;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait); // no spinning: the cores are the system's
            }
            sent[i] = System.nanoTime();
            producer.send(record(prefix + "-" + i, i));
        }
        awaitAll(prefix, n);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            delays.add(arrivedNanos.get(prefix + "-" + i + ".l1.r0") - sent[i]);
        }
        return delays;
    }

    long awaitAll(String prefix, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            AtomicInteger count = arrivedPerRun.get(prefix);
            if (count != null && count.get() >= n) {
                long last = Long.MIN_VALUE;
                for (int i = 0; i < n; i++) {
                    last = Math.max(last, arrivedNanos.get(prefix + "-" + i + ".l1.r0"));
                }
                return last;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("not every page of " + prefix + " arrived in 120 s");
    }

    ProducerRecord<String, String> record(String id, int i) {
        Instant now = Instant.now();
        Incident incident = new Incident(
                id,
                "bench",
                "Storage outage " + id,
                IncidentState.OPEN,
                Severity.SEV1,
                List.of("c" + (i % CONTACTS)),
                List.of("australiaeast"),
                List.of("TRK-" + id),
                true,
                false,
                null,
                now,
                now,
                null,
                null,
                null,
                now,
                1,
                false,
                List.of());
        CloudEvent event =
                JsonCodec.envelope("incident/" + id + "/1", EventTypes.INCIDENT, "/bench", id, now, false, incident);
        return new ProducerRecord<>(Topics.INCIDENTS.name(), id, JsonCodec.toJson(event));
    }

    HttpServer receiver() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            long at = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!WebhookSignature.verify(
                    SECRET,
                    exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    body,
                    exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER))) {
                badSignatures.incrementAndGet();
            }
            Matcher m = PAGE.matcher(body);
            while (m.find()) {
                String page = m.group(1);
                if (arrivedNanos.putIfAbsent(page, at) == null) {
                    arrivedPerRun
                            .computeIfAbsent(page.substring(0, page.indexOf('-')), k -> new AtomicInteger())
                            .incrementAndGet();
                }
            }
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        return server;
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static Catalog catalog(String base) {
        List<Component> components = new ArrayList<>();
        List<Contact> contacts = new ArrayList<>();
        List<EscalationPolicy> policies = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            components.add(new Component(
                    "c" + i,
                    "Component " + i,
                    "Storage",
                    List.of(),
                    "store",
                    null,
                    null,
                    1,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    null,
                    "p" + i,
                    List.of()));
            contacts.add(new Contact(
                    "u" + i,
                    "User " + i,
                    "on-call",
                    "Australia/Sydney",
                    List.of(new ContactChannel("webhook", base + "/inbox/u" + i, "STORMWATCH_WEBHOOK_BENCH_SECRET")),
                    null,
                    List.of()));
            policies.add(
                    new EscalationPolicy("p" + i, 0, List.of(new EscalationLevel("1h", List.of("contact:u" + i)))));
        }
        Platform platform = new Platform(
                "bench",
                "Benchmark platform",
                "Australia East",
                "Australia Southeast",
                "warm-spare",
                "8h",
                "4h",
                List.of(),
                "u0",
                "p0",
                null);
        return new Catalog(platform, components, contacts, Map.of(), List.of(), policies, List.of());
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
