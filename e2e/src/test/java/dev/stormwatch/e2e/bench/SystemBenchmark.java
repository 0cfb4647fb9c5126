package dev.stormwatch.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.contracts.health.ImpactedService;
import dev.stormwatch.e2e.support.CaughtUp;
import dev.stormwatch.e2e.support.HealthEventFeed;
import dev.stormwatch.e2e.support.PlatformFleet;
import dev.stormwatch.e2e.support.RunningSystem;
import dev.stormwatch.local.launch.CatalogPublisher;
import dev.stormwatch.local.launch.LocalInbox;
import dev.stormwatch.local.launch.ServiceLayout;
import dev.stormwatch.local.launch.ServiceProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmark command ({@code ./mvnw -B verify -Pbenchmark}, tag {@code benchmark}): the packaged services on the
 * real broker, every figure measured in this one run, each at least {@link #RUNS} times, printed as one table (min /
 * median / max, units, ratios to the raw producer ceiling and to the peer) and written to
 * {@code e2e/results/<date>-<short sha>.md} with the machine's facts. Durations scale with {@code -Dbench.scale} (1 =
 * the documented run) so that the command itself can be tried quickly.
 */
@Tag("benchmark")
class SystemBenchmark {

    static final int RUNS = Integer.getInteger("bench.runs", 3);
    static final double SCALE = Double.parseDouble(System.getProperty("bench.scale", "1"));
    static final int MAX_RECORD = 32 * 1024 * 1024;
    static final String CANONICAL_SOURCE = "/stormwatch/health-ingest/canonical";
    static final Pattern LATENCY_SUBJECT = Pattern.compile("^inc-lat-0-(lat-\\d+-\\d+)-\\d{8}-\\d{4}$");

    private final FigureTable table = new FigureTable();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String> profile = new ArrayList<>();
    /** Settings given for this run with -Dbench.set. (none: the services' own). */
    private final List<String> trials = new ArrayList<>();

    private RunningSystem system;
    private int inboxSeen;
    /**
     * Events the ingest stages got accepted that hit no platform: the router keeps them for its grace, then
     * dead-letters them.
     */
    private final AtomicLong unmatched = new AtomicLong();

    private KafkaProducer<String, byte[]> producer;

    @Test
    void oneTableOfEveryFigure() throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        Instant began = Instant.now();
        Map<String, String> overrides = Map.of(
                "broker:message.max.bytes",
                String.valueOf(MAX_RECORD),
                "broker:replica.fetch.max.bytes",
                String.valueOf(MAX_RECORD),
                "incident-correlator:kafka-streams.producer.max.request.size",
                String.valueOf(MAX_RECORD),
                // Every catalog that arrives makes the router look again at each kept unmatched event (the ingest
                // stages leave tens of thousands): with the default 10 min grace the 1 000-platform stage would
                // measure that re-scan instead of correlation. 30 s releases them to the DLQ long before.
                "incident-correlator:stormwatch.correlator.routing.unmatched-grace",
                "30s",
                // A second instance gets its share of the stateful tasks once its warm-up copies of their stores have
                // caught up, at the next probing rebalance: 10 min by default, 1 min at least. The scale stage waits
                // 3 min for the split, so the benchmark probes every minute.
                "incident-correlator:kafka-streams.probing.rebalance.interval.ms",
                "60000");
        overrides = withTrials(overrides);
        long starting = System.nanoTime();
        try (RunningSystem running = RunningSystem.start("benchmark", overrides)) {
            system = running;
            table.add("start: broker and four services ready", "s", seconds(starting));
            table.note(
                    "start: broker and four services ready",
                    "once per command: the broker, the topics, then the four services started together until each "
                            + "answers /q/health/ready");
            producer = producer(system.bootstrapServers());
            try {
                measure("raw", "raw ceiling: Kafka producer, health-event-sized records", this::rawCeiling);
                measure(
                        "rawhop",
                        "raw floor: one hop with nothing of ours in it",
                        () -> new RawHop(
                                        system.bootstrapServers(),
                                        table,
                                        record(
                                                event("HOP-0", "westus", Instant.now(), Instant.now(), "Storage"),
                                                "hop"),
                                        SCALE)
                                .measure());
                // Before any load: the first page as an on-call engineer feels it, hop by hop.
                measure("idle", "idle: webhook POST → first page", this::idle);
                measure(
                        "burst",
                        "regional-outage burst",
                        () -> new RegionalOutageBurst(system, table, this::awaitCatalogs, unmatched, SCALE, RUNS)
                                .run());
                measure("canonical", "ingest: POST /api/v1/ingest/events (batches of 500)", this::ingestCanonical);
                measure("webhook", "ingest: POST /api/v1/ingest/azure-monitor (one alert each)", this::ingestWebhook);
                measure("pipeline", "pipeline: health events → status and incidents, 60 s sustained", this::pipeline);
                measure(
                        "scale",
                        "pipeline with 1 and 2 correlator instances",
                        () -> new CorrelatorInstances(system, table, producer, this::awaitCatalogs).measure());
                measure("status", "status-api", this::statusApi);
                measure("latency", "webhook POST → first page", this::latency);
                measure("peer", "Alertmanager", this::peer);
                measure("cost", "correlation", this::correlationCost);
                measure(
                        "cost",
                        "correlation with open incidents",
                        () -> new OpenIncidentCost(system, table, producer, this::awaitCatalogs).measure());
            } finally {
                producer.close();
            }
        }
        table.ratio(
                "pipeline / raw producer ceiling",
                "pipeline: health events → status and incidents, 60 s sustained",
                "raw ceiling: Kafka producer, health-event-sized records");
        table.ratio(
                "canonical ingest / raw producer ceiling",
                "ingest: POST /api/v1/ingest/events (batches of 500)",
                "raw ceiling: Kafka producer, health-event-sized records");
        for (String rate : new String[] {"100", "1000"}) {
            table.ratio(
                    "ours / Alertmanager, p50 at " + rate + "/s",
                    "webhook POST → first page p50 at " + rate + " alerts/s",
                    "Alertmanager POST → webhook p50 at " + rate + " alerts/s");
            table.ratio(
                    "ours / Alertmanager, p99 at " + rate + "/s",
                    "webhook POST → first page p99 at " + rate + " alerts/s",
                    "Alertmanager POST → webhook p99 at " + rate + " alerts/s");
        }
        OpenIncidentCost.flatness(table);
        table.ratio(
                "webhook ingest / Alertmanager accepted alerts/s",
                "ingest: POST /api/v1/ingest/azure-monitor (one alert each)",
                "Alertmanager: POST /api/v2/alerts accepted (one alert each)");
        write(load, began);
    }

    /**
     * Settings to try, given as {@code -Dbench.set.<module>:<property>=<value>} (e.g. a shorter commit interval), so a
     * setting is chosen from a measurement of the same run; each is printed with the table.
     */
    private Map<String, String> withTrials(Map<String, String> base) {
        Map<String, String> all = new HashMap<>(base);
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("bench.set."))
                .sorted()
                .forEach(k -> {
                    all.put(k.substring("bench.set.".length()), System.getProperty(k));
                    trials.add(k.substring("bench.set.".length()) + "=" + System.getProperty(k));
                });
        return all;
    }

    interface Stage {
        void run() throws Exception;
    }

    /** Waits until status-api shows each platform's status: its catalog reached the correlator and status-api. */
    interface CatalogWait {
        void await(List<String> platformIds) throws Exception;
    }

    /**
     * Runs one stage when {@code -Dbench.stages} (comma-separated, default all) names it; a stage that fails leaves a
     * row saying why instead of ending the run, so that the other figures are still measured.
     */
    private void measure(String id, String figure, Stage stage) {
        String only = System.getProperty("bench.stages", "all");
        if (!only.equals("all") && !List.of(only.split(",")).contains(id)) {
            return;
        }
        try {
            stage.run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            table.skipped(
                    figure + " (stage " + id + ")",
                    "–",
                    "failed: "
                            + String.valueOf(e.getMessage()).replace('|', '/').replace('\n', ' '));
        }
    }

    // ---------------------------------------------------------------- raw ceiling

    private void rawCeiling() throws Exception {
        stage("rawCeiling");
        String topic = "bench-raw-ceiling";
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, Topics.HEALTH_EVENTS.partitions(), (short) 1)))
                    .all()
                    .get();
        }
        byte[] record = record(event("RAW-0", "westus", Instant.now(), Instant.now(), "Virtual Machines"), "raw-0");
        int records = (int) (200_000 * SCALE);
        for (int i = 0; i < 20_000; i++) {
            producer.send(new ProducerRecord<>(topic, "warm-" + i, record));
        }
        producer.flush();
        for (int run = 0; run < RUNS; run++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "raw-" + (i % 5000), record));
            }
            producer.flush();
            table.add("raw ceiling: Kafka producer, health-event-sized records", "records/s", records / seconds(t0));
        }
        table.note(
                "raw ceiling: Kafka producer, health-event-sized records",
                record.length + "-byte CloudEvents, acks=all, "
                        + "idempotent, linger 5 ms, 256 KiB batches (health-ingest's producer, batching at its best), "
                        + records
                        + " per run");
    }

    // ---------------------------------------------------------------- ingest

    private void ingestCanonical() throws Exception {
        stage("ingestCanonical");
        int batches = Math.max(4, (int) (40 * SCALE));
        int clients = 4;
        String name = "ingest: POST /api/v1/ingest/events (batches of 500)";
        URI uri = URI.create(system.url(ServiceLayout.HEALTH_INGEST) + "/api/v1/ingest/events");
        for (int run = -1; run < RUNS; run++) {
            List<byte[]> bodies = new ArrayList<>();
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (int b = 0; b < (run < 0 ? 2 : batches); b++) {
                List<HealthEvent> batch = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    batch.add(event("CANON-" + run + "-" + b + "-" + i, "westus", at, at, "Virtual Machines"));
                }
                bodies.add(JsonCodec.toBytes(batch));
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            AtomicLong accepted = new AtomicLong();
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (byte[] body : bodies) {
                done.add(pool.submit(() -> {
                    HttpResponse<String> r = send(HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .header("X-Stormwatch-Token", RunningSystem.INGEST_TOKEN)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
                    if (r.statusCode() != 202) {
                        throw new IllegalStateException(
                                "canonical ingest answered " + r.statusCode() + ": " + r.body());
                    }
                    long n = JsonCodec.fromJson(r.body(), JsonNode.class)
                            .path("accepted")
                            .asLong();
                    accepted.addAndGet(n);
                    unmatched.addAndGet(n);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double s = seconds(t0);
            pool.shutdown();
            if (run >= 0) {
                table.add(name, "events/s", accepted.get() / s);
            }
        }
        table.note(
                name,
                clients + " clients, " + batches * 500
                        + " new events per run, each acknowledged by Kafka (acks=all) before the 202");
    }

    private void ingestWebhook() throws Exception {
        stage("ingestWebhook");
        String name = "ingest: POST /api/v1/ingest/azure-monitor (one alert each)";
        URI uri = URI.create(system.url(ServiceLayout.HEALTH_INGEST) + "/api/v1/ingest/azure-monitor?token="
                + RunningSystem.INGEST_TOKEN);
        int clients = 8;
        long window = (long) (10_000 * SCALE);
        for (int run = -1; run < RUNS; run++) {
            String prefix = "HOOK-" + run + "-";
            AtomicLong accepted = new AtomicLong();
            AtomicLong counter = new AtomicLong();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(run < 0 ? 2000 : window);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        String id = prefix + counter.incrementAndGet();
                        HttpResponse<String> r = post(
                                uri,
                                alert(
                                        id,
                                        "West US",
                                        "westus",
                                        "Virtual Machines",
                                        Instant.now().truncatedTo(ChronoUnit.SECONDS)));
                        if (r.statusCode() != 202) {
                            throw new IllegalStateException(
                                    "webhook ingest answered " + r.statusCode() + ": " + r.body());
                        }
                        long n = JsonCodec.fromJson(r.body(), JsonNode.class)
                                .path("accepted")
                                .asLong();
                        accepted.addAndGet(n);
                        unmatched.addAndGet(n);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double s = seconds(t0);
            pool.shutdown();
            if (run >= 0) {
                table.add(name, "events/s", accepted.get() / s);
            }
        }
        table.note(name, clients + " clients, common alert schema (ServiceHealth), " + window / 1000 + " s per run");
    }

    // ---------------------------------------------------------------- pipeline

    private void pipeline() throws Exception {
        stage("pipeline");
        String name = "pipeline: health events → status and incidents, 60 s sustained";
        PlatformFleet fleet = new PlatformFleet("pipe", 0, 10, system.inbox().url());
        fleet.catalogs().forEach(system::publish);
        awaitCatalogs(fleet.platformIds());
        long window = (long) (60_000 * SCALE);
        try (CorrelatorProgress progress = new CorrelatorProgress(system.bootstrapServers())) {
            // Let the ingest stages' events drain first, so that the window measures these events only: routed, kept
            // for the grace period and dead-lettered as matching no platform.
            awaitDrained(progress, Duration.ofMinutes(5));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            long last = -1;
            while (System.nanoTime() < deadline) {
                long now = progress.deadLettered();
                if (now >= unmatched.get() && now == last) {
                    break;
                }
                last = now;
                Thread.sleep(3000);
            }
            // Keep a backlog of matching updates in front of the correlator for the whole measurement.
            String breakdown = "";
            try (BacklogFeeder feeder = new BacklogFeeder(producer, progress, fleet, "pipe");
                    BrokerWrites writes = new BrokerWrites(system.bootstrapServers())) {
                Thread.sleep(Math.min(10_000, window / 4));
                for (int run = 0; run < RUNS; run++) {
                    CorrelatorProgress.Snapshot a = progress.now();
                    writes.mark();
                    if (run == RUNS / 2) {
                        startProfile(window);
                    }
                    Thread.sleep(window);
                    CorrelatorProgress.Snapshot b = progress.now();
                    table.add(name, "events/s", CorrelatorProgress.rate(a, b));
                    Map<String, Long> grown = writes.since();
                    grown.remove(Topics.HEALTH_EVENTS.name());
                    double through = b.lastStageCommitted() - a.lastStageCommitted();
                    if (through > 0) {
                        table.add(
                                PIPELINE_APPENDS,
                                "records",
                                grown.values().stream()
                                                .mapToLong(Long::longValue)
                                                .sum()
                                        / through);
                        breakdown = BrokerWrites.perAlert(grown, through, 8);
                    }
                }
            }
            table.note(
                    PIPELINE_APPENDS,
                    "growth of every topic's log end offsets but the input's during a window (records and "
                            + "transaction markers), per event through; the largest in the last run: " + breakdown);
            stopProfile();
            table.note(
                    name,
                    "10 platforms, 1 000 tracking ids, updates produced ahead of the correlator (backlog kept ≥ 20 "
                            + "000); through = what the per-platform stage committed (after routing); " + window / 1000
                            + " s windows");
            awaitDrained(progress, Duration.ofMinutes(3));
        }
    }

    // ---------------------------------------------------------------- latency

    private void latency() throws Exception {
        stage("latency");
        // Start on a drained system: behind the pipeline stage's backlog this would time the backlog, not the path.
        try (CorrelatorProgress progress = new CorrelatorProgress(system.bootstrapServers())) {
            awaitDrained(progress, Duration.ofMinutes(5));
        }
        PlatformFleet fleet = new PlatformFleet("lat", 10, 1, system.inbox().url());
        fleet.catalogs().forEach(system::publish);
        awaitCatalogs(fleet.platformIds());
        URI uri = URI.create(system.url(ServiceLayout.HEALTH_INGEST) + "/api/v1/ingest/azure-monitor?token="
                + RunningSystem.INGEST_TOKEN);
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS);
        AtomicLong incident = new AtomicLong();
        // Where the time goes under load: when each alert's record became readable on each hop's output topic.
        try (HopWatch watch = new HopWatch(
                system.bootstrapServers(),
                List.of(Topics.HEALTH_EVENTS, Topics.INCIDENTS),
                Pattern.compile("lat-\\d+-\\d+"))) {
            latency(fleet, uri, base, incident, watch);
        }
    }

    private void latency(PlatformFleet fleet, URI uri, Instant base, AtomicLong incident, HopWatch watch)
            throws Exception {
        for (int rate : new int[] {100, 1000}) {
            long millis = (long) ((rate == 100 ? 10_000 : 2_000) * SCALE);
            int count = (int) (rate * millis / 1000);
            for (int run = 0; run < RUNS; run++) {
                Map<String, Instant> sent = new ConcurrentHashMap<>();
                List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                ServiceMetrics notifierBefore = ServiceMetrics.read(http, system.url(ServiceLayout.NOTIFIER));
                CpuUse cpuBefore = CpuUse.read(system);
                long t0 = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    pace(t0 + (long) (i * 1e9 / rate));
                    String trackingId = "LAT-" + rate + run + "-" + i;
                    watch.watch(trackingId);
                    // Each alert its own incident: impact starts more than the grouping window (2 h) apart.
                    String body = alert(
                            trackingId,
                            "East Asia",
                            "eastasia",
                            "Storage",
                            base.minus(3 * incident.incrementAndGet(), ChronoUnit.HOURS));
                    sent.put(trackingId.toLowerCase(Locale.ROOT), Instant.now());
                    answers.add(postAsync(uri, body));
                }
                double offered = count / seconds(t0);
                awaitAccepted(answers, "webhook");
                List<Double> latencies = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                Map<String, Instant> arrived = new HashMap<>();
                while (arrived.size() < count && System.nanoTime() < deadline) {
                    List<LocalInbox.Message> messages = system.inbox().messages();
                    // Only the messages not looked at yet: parsing thousands again every poll would load the machine.
                    for (LocalInbox.Message m : messages.subList(inboxSeen, messages.size())) {
                        if (!m.path().equals(fleet.inboxPath(0))) {
                            continue;
                        }
                        for (JsonNode item : JsonCodec.fromJson(m.body(), JsonNode.class)
                                .path("data")
                                .path("items")) {
                            Matcher match = LATENCY_SUBJECT.matcher(
                                    item.path("subjectId").asText());
                            if (item.path("kind").asText().equals("incident-opened")
                                    && match.matches()
                                    && sent.containsKey(match.group(1))) {
                                arrived.putIfAbsent(match.group(1), m.at());
                            }
                        }
                    }
                    inboxSeen = messages.size();
                    Thread.sleep(500);
                }
                // Whether the cores ran out: every process's CPU for these alerts against what the cores offer.
                CpuUse.read(system)
                        .addTo(
                                table,
                                cpuBefore,
                                " at " + rate + " alerts/s",
                                "alert",
                                count,
                                1000.0 * Runtime.getRuntime().availableProcessors() / rate);
                arrived.forEach((id, at) ->
                        latencies.add(Duration.between(sent.get(id), at).toNanos() / 1e6));
                String suffix = " at " + rate + " alerts/s";
                List<List<Double>> hops = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                arrived.forEach((id, at) -> {
                    Instant health = watch.seen(id, Topics.HEALTH_EVENTS);
                    Instant incidentAt = watch.seen(id, Topics.INCIDENTS);
                    if (health != null && incidentAt != null) {
                        hops.get(0).add(Duration.between(sent.get(id), health).toNanos() / 1e6);
                        hops.get(1).add(Duration.between(health, incidentAt).toNanos() / 1e6);
                        hops.get(2).add(Duration.between(incidentAt, at).toNanos() / 1e6);
                    }
                });
                String[] hopNames = {
                    "POST → health-events.v1 (ingest)",
                    "→ incidents.v1 (correlator)",
                    "→ page at the receiver (notifier)"
                };
                for (int h = 0; h < hopNames.length; h++) {
                    table.add("hop " + hopNames[h] + " p50" + suffix, "ms", FigureTable.quantile(hops.get(h), 0.50));
                    table.add("hop " + hopNames[h] + " p99" + suffix, "ms", FigureTable.quantile(hops.get(h), 0.99));
                }
                insideServices(notifierBefore, suffix);
                table.add("webhook POST → first page p50" + suffix, "ms", FigureTable.quantile(latencies, 0.50));
                table.add("webhook POST → first page p95" + suffix, "ms", FigureTable.quantile(latencies, 0.95));
                table.add("webhook POST → first page p99" + suffix, "ms", FigureTable.quantile(latencies, 0.99));
                table.add("pages delivered within 90 s" + suffix, "% of alerts", 100.0 * arrived.size() / count);
                table.add("offered webhook rate" + suffix, "alerts/s", offered);
            }
            table.note(
                    "webhook POST → first page p50 at " + rate + " alerts/s",
                    count + " alerts per run, each a new incident "
                            + "paging one contact on the signed webhook; time from the POST to the page's arrival at "
                            + "the receiver");
        }
    }

    /**
     * Waits until {@code due} (a {@link System#nanoTime()} instant) without spinning: a sender that spun between sends
     * took a core of this 2-core machine from the services it was timing (JFR: the sending thread was a third of this
     * JVM's samples during the 100 alerts/s run). Parking wakes within tens of microseconds on Linux.
     */
    private static void pace(long due) {
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    /**
     * Where a load run's time went inside the services, from their metrics: how many pages each message carried and how
     * long the channel took to answer (the notifier sends one message per contact at a time), and how long each
     * exactly-once commit of the correlator and the notifier took (flush, offsets, end of transaction).
     */
    private void insideServices(ServiceMetrics before, String suffix) throws Exception {
        ServiceMetrics after = ServiceMetrics.read(http, system.url(ServiceLayout.NOTIFIER));
        Predicate<String> delivered = labels -> labels.contains("result=\"delivered\"");
        double messages = after.sum("stormwatch_notifier_deliveries_total", delivered)
                - before.sum("stormwatch_notifier_deliveries_total", delivered);
        double pages = after.sum("stormwatch_notifier_pages_total", delivered)
                - before.sum("stormwatch_notifier_pages_total", delivered);
        double answered = after.sum("stormwatch_notifier_delivery_seconds_count", labels -> true)
                - before.sum("stormwatch_notifier_delivery_seconds_count", labels -> true);
        double answerSeconds = after.sum("stormwatch_notifier_delivery_seconds_sum", labels -> true)
                - before.sum("stormwatch_notifier_delivery_seconds_sum", labels -> true);
        if (messages > 0) {
            table.add("notifier: pages per message" + suffix, "pages", pages / messages);
        }
        if (answered > 0) {
            table.add("notifier: channel answer time mean" + suffix, "ms", 1000 * answerSeconds / answered);
        }
        for (ServiceLayout service : List.of(ServiceLayout.CORRELATOR, ServiceLayout.NOTIFIER)) {
            ServiceMetrics now =
                    service == ServiceLayout.NOTIFIER ? after : ServiceMetrics.read(http, system.url(service));
            now.max("kafka_stream_thread_commit_latency_avg")
                    .ifPresent(ms ->
                            table.add(service.module() + ": exactly-once commit mean (last 30 s)" + suffix, "ms", ms));
            now.max("kafka_producer_request_latency_avg")
                    .ifPresent(ms ->
                            table.add(service.module() + ": produce request mean (last 30 s)" + suffix, "ms", ms));
        }
    }

    // ---------------------------------------------------------------- idle latency, hop by hop

    /**
     * Single alerts at most one a second on a drained system, each a new incident paging one contact: the true
     * first-page latency, and where it goes. A read-committed watch on the page path notes when each hop's output
     * became readable; the inbox notes when the page arrived.
     */
    static final String COLD = "cold: the first alert after start → its page";

    /**
     * Sends alerts through the whole page path at 100/s on a platform of their own (region 48, which no other stage
     * uses), and waits until each has paged and the correlator has drained: the code the idle stage times has been
     * compiled, and nothing is queued ahead of it. Returns how many were sent.
     */
    private int warmUp(URI uri, Instant base) throws Exception {
        PlatformFleet fleet = new PlatformFleet("warm", 48, 1, system.inbox().url());
        fleet.catalogs().forEach(system::publish);
        awaitCatalogs(fleet.platformIds());
        int count = Math.max(200, (int) (2_000 * SCALE));
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            pace(t0 + i * 10_000_000L);
            String body = alert(
                    "WARM-" + i, "Denmark East", "denmarkeast", "Storage", base.minus(3L * (i + 1), ChronoUnit.HOURS));
            answers.add(postAsync(uri, body));
        }
        awaitAccepted(answers, "warm-up: webhook");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int paged = 0;
        while (paged < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("warm-up: " + paged + " of " + count + " pages within 120 s");
            }
            Thread.sleep(500);
            paged = 0;
            for (LocalInbox.Message m : system.inbox().messages()) {
                if (m.path().equals(fleet.inboxPath(0))) {
                    for (JsonNode item : JsonCodec.fromJson(m.body(), JsonNode.class)
                            .path("data")
                            .path("items")) {
                        paged += item.path("kind").asText().equals("incident-opened") ? 1 : 0;
                    }
                }
            }
        }
        inboxSeen = system.inbox().messages().size();
        try (CorrelatorProgress progress = new CorrelatorProgress(system.bootstrapServers())) {
            awaitDrained(progress, Duration.ofMinutes(2));
        }
        Thread.sleep(2_000);
        return count;
    }

    /** POSTs one alert to the webhook without waiting for the answer. */
    private CompletableFuture<HttpResponse<String>> postAsync(URI uri, String body) {
        return http.sendAsync(jsonPost(uri, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, String body) throws Exception {
        return send(jsonPost(uri, body));
    }

    private static HttpRequest.Builder jsonPost(URI uri, String body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** Waits for every answer; one that is not 202 Accepted fails the stage, naming {@code what} answered it. */
    private static void awaitAccepted(List<CompletableFuture<HttpResponse<String>>> answers, String what)
            throws Exception {
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            HttpResponse<String> r = a.get(120, TimeUnit.SECONDS);
            if (r.statusCode() != 202) {
                throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
            }
        }
    }

    static final String PIPELINE_APPENDS = "pipeline: broker appends per event through, every topic but the input";
    static final String BROKER_APPENDS = "idle: broker appends per alert, every topic";
    static final String INGEST_SERVER_TIME = "idle: health-ingest's own time per webhook POST (server timer), mean";

    private void idle() throws Exception {
        stage("idle");
        PlatformFleet fleet = new PlatformFleet("idle", 11, 1, system.inbox().url());
        fleet.catalogs().forEach(system::publish);
        awaitCatalogs(fleet.platformIds());
        URI uri = URI.create(system.url(ServiceLayout.HEALTH_INGEST) + "/api/v1/ingest/azure-monitor?token="
                + RunningSystem.INGEST_TOKEN);
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS);
        int count = Math.max(5, (int) (30 * SCALE));
        int incident = 0;
        // The first alert the services ever see runs code the JIT has not compiled yet: timed once, apart.
        String first = "IDLE-FIRST-" + System.nanoTime() % 100_000;
        try (HopWatch coldWatch =
                new HopWatch(system.bootstrapServers(), List.of(Topics.HEALTH_EVENTS, Topics.INCIDENTS))) {
            coldWatch.watch(first);
            Instant firstSent = Instant.now();
            HttpResponse<String> answer = post(
                    uri,
                    alert(first, "Japan East", "japaneast", "Storage", base.minus(3L * ++incident, ChronoUnit.HOURS)));
            Instant firstPaged =
                    answer.statusCode() == 202 ? awaitPage(fleet.inboxPath(0), first, Duration.ofSeconds(30)) : null;
            if (firstPaged == null) {
                table.skipped(
                        COLD, "ms", "the first alert (answered " + answer.statusCode() + ") paged nobody within 30 s");
            } else {
                table.add(COLD, "ms", Duration.between(firstSent, firstPaged).toNanos() / 1e6);
                // Which service the first alert waits on: each hop's share of the cold time.
                Instant health = coldWatch.seen(first, Topics.HEALTH_EVENTS);
                Instant incidentAt = coldWatch.seen(first, Topics.INCIDENTS);
                if (health != null && incidentAt != null) {
                    table.add(
                            COLD + ", in health-ingest",
                            "ms",
                            Duration.between(firstSent, health).toNanos() / 1e6);
                    table.add(
                            COLD + ", in incident-correlator",
                            "ms",
                            Duration.between(health, incidentAt).toNanos() / 1e6);
                    table.add(
                            COLD + ", in notifier",
                            "ms",
                            Duration.between(incidentAt, firstPaged).toNanos() / 1e6);
                }
            }
        }
        int warm = warmUp(uri, base);
        String[] hopNames = {
            "idle hop: POST → health-events.v1 readable (ingest)",
            "idle hop: health-events.v1 → incidents.v1 readable (correlator)",
            "idle hop: incidents.v1 → page at the receiver (notifier)",
            "idle: page delivered → its notifications.v1 record readable"
        };
        // Inside the correlator: its internal repartition topics (those this build has), so the correlator's time
        // splits into its exactly-once hops.
        List<Topic> inner = correlatorRepartitionTopics();
        List<Topic> watched = new ArrayList<>(List.of(Topics.HEALTH_EVENTS, Topics.INCIDENTS, Topics.NOTIFICATIONS));
        watched.addAll(inner);
        String breakdown = "";
        try (HopWatch watch = new HopWatch(system.bootstrapServers(), watched);
                BrokerWrites writes = new BrokerWrites(system.bootstrapServers())) {
            for (int run = 0; run < RUNS; run++) {
                writes.mark();
                List<Double> total = new ArrayList<>();
                List<List<Double>> hops =
                        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                List<List<Double>> innerHops = new ArrayList<>();
                for (int h = 0; h <= inner.size(); h++) {
                    innerHops.add(new ArrayList<>());
                }
                List<String> pending = new ArrayList<>();
                List<Instant[]> times = new ArrayList<>();
                ServiceMetrics ingestBefore = ServiceMetrics.read(http, system.url(ServiceLayout.HEALTH_INGEST));
                for (int i = 0; i < count; i++) {
                    String trackingId = "IDLE-" + run + "-" + i + "-" + System.nanoTime() % 100_000;
                    watch.watch(trackingId);
                    String body = alert(
                            trackingId,
                            "Japan East",
                            "japaneast",
                            "Storage",
                            base.minus(3L * ++incident, ChronoUnit.HOURS));
                    long t0 = System.nanoTime();
                    Instant sent = Instant.now();
                    HttpResponse<String> r = post(uri, body);
                    if (r.statusCode() != 202) {
                        throw new IllegalStateException("webhook answered " + r.statusCode() + ": " + r.body());
                    }
                    Instant paged = awaitPage(fleet.inboxPath(0), trackingId, Duration.ofSeconds(10));
                    if (paged != null) {
                        pending.add(trackingId);
                        times.add(new Instant[] {sent, paged});
                        total.add(Duration.between(sent, paged).toNanos() / 1e6);
                    }
                    // One a second at most, each after the last one's page: nothing queued behind anything.
                    long rest = 1_000 - (System.nanoTime() - t0) / 1_000_000;
                    if (rest > 0) {
                        Thread.sleep(rest);
                    }
                }
                Thread.sleep(1_000); // the last delivery records commit after the page went out
                Map<String, Long> grown = writes.since();
                table.add(
                        BROKER_APPENDS,
                        "records",
                        grown.values().stream().mapToLong(Long::longValue).sum() / (double) count);
                breakdown = BrokerWrites.perAlert(grown, count, 8);
                ServiceMetrics ingestAfter = ServiceMetrics.read(http, system.url(ServiceLayout.HEALTH_INGEST));
                // The part of the ingest hop spent inside health-ingest (Quarkus' HTTP server timer: from the request
                // read to the answer written, which waits for Kafka's acknowledgement); the rest is the network,
                // the client and the record becoming readable.
                Predicate<String> webhook = labels -> labels.contains("uri=\"/api/v1/ingest/azure-monitor\"");
                double requests = ingestAfter.sum("http_server_requests_seconds_count", webhook)
                        - ingestBefore.sum("http_server_requests_seconds_count", webhook);
                double seconds = ingestAfter.sum("http_server_requests_seconds_sum", webhook)
                        - ingestBefore.sum("http_server_requests_seconds_sum", webhook);
                if (requests > 0) {
                    table.add(INGEST_SERVER_TIME, "ms", seconds * 1_000 / requests);
                }
                for (int i = 0; i < pending.size(); i++) {
                    String id = pending.get(i);
                    Instant health = watch.seen(id, Topics.HEALTH_EVENTS);
                    Instant incidentAt = watch.seen(id, Topics.INCIDENTS);
                    Instant delivered = watch.seen(id, Topics.NOTIFICATIONS);
                    Instant sent = times.get(i)[0];
                    Instant paged = times.get(i)[1];
                    if (health != null && incidentAt != null) {
                        hops.get(0).add(Duration.between(sent, health).toNanos() / 1e6);
                        hops.get(1).add(Duration.between(health, incidentAt).toNanos() / 1e6);
                        hops.get(2).add(Duration.between(incidentAt, paged).toNanos() / 1e6);
                    }
                    if (delivered != null) {
                        hops.get(3).add(Duration.between(paged, delivered).toNanos() / 1e6);
                    }
                    Instant from = health;
                    for (int h = 0; h <= inner.size() && from != null; h++) {
                        Instant to = h < inner.size() ? watch.seen(id, inner.get(h)) : incidentAt;
                        if (to != null) {
                            innerHops.get(h).add(Duration.between(from, to).toNanos() / 1e6);
                        }
                        from = to;
                    }
                }
                table.add("idle: webhook POST → first page p50", "ms", FigureTable.quantile(total, 0.50));
                table.add("idle: webhook POST → first page p99", "ms", FigureTable.quantile(total, 0.99));
                table.add("idle: pages delivered within 10 s", "% of alerts", 100.0 * total.size() / count);
                for (int h = 0; h < hopNames.length; h++) {
                    table.add(hopNames[h] + " p50", "ms", FigureTable.quantile(hops.get(h), 0.50));
                }
                for (int h = 0; h <= inner.size(); h++) {
                    String from = h == 0
                            ? Topics.HEALTH_EVENTS.name()
                            : inner.get(h - 1).name();
                    String to = h < inner.size() ? inner.get(h).name() : Topics.INCIDENTS.name();
                    table.add(
                            "idle correlator hop: " + from + " → " + to + " readable p50",
                            "ms",
                            FigureTable.quantile(innerHops.get(h), 0.50));
                }
            }
        }
        table.note(
                "idle: webhook POST → first page p50",
                count
                        + " alerts per run, one at a time at most 1/s, each waiting for the previous page: a new "
                        + "incident paging one contact on the signed webhook; measured after " + warm
                        + " alerts warmed the "
                        + "path (another platform, 100/s, every page delivered, the correlator drained), as in a "
                        + "service that has been running");
        table.note(
                BROKER_APPENDS,
                "growth of every topic's log end offsets during a run (records and transaction markers, each one "
                        + "append the broker makes and replicates), per alert; the largest in the last run: "
                        + breakdown);
        table.note(
                COLD,
                "once per command, before the warm-up: code the JIT has not compiled yet, as right after a deploy");
        table.note(
                "idle hop: POST → health-events.v1 readable (ingest) p50",
                "instants seen by a read_committed"
                        + " consumer (fetch.max.wait.ms 1) on the same machine; outputs of exactly-once hops become "
                        + "readable when their transaction commits");
    }

    /**
     * The correlator's internal repartition topics on the page path, in flow order (routing before platform), as this
     * build's topology created them.
     */
    private List<Topic> correlatorRepartitionTopics() throws Exception {
        String prefix = "stormwatch-incident-correlator-";
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()))) {
            List<Topic> inner = new ArrayList<>();
            for (String name : List.of("routing", "platform")) {
                String topic = prefix + name + "-repartition";
                var found =
                        admin.describeTopics(List.of(topic)).topicNameValues().get(topic);
                try {
                    int partitions = found.get().partitions().size();
                    inner.add(new Topic(topic, partitions, false, null, "internal"));
                } catch (java.util.concurrent.ExecutionException absent) {
                    // This build's topology has no such hop.
                }
            }
            return inner;
        }
    }

    /**
     * When the inbox got the page opening the incident of {@code trackingId} on {@code path}, or null after
     * {@code within}.
     */
    private Instant awaitPage(String path, String trackingId, Duration within) throws Exception {
        String id = trackingId.toLowerCase(Locale.ROOT);
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            List<LocalInbox.Message> messages = system.inbox().messages();
            for (LocalInbox.Message m : messages.subList(inboxSeen, messages.size())) {
                if (m.path().equals(path) && m.body().toLowerCase(Locale.ROOT).contains(id)) {
                    for (JsonNode item : JsonCodec.fromJson(m.body(), JsonNode.class)
                            .path("data")
                            .path("items")) {
                        if (item.path("kind").asText().equals("incident-opened")
                                && item.path("subjectId").asText().contains(id)) {
                            inboxSeen = messages.size();
                            return m.at();
                        }
                    }
                }
            }
            Thread.sleep(2);
        }
        return null;
    }

    // ---------------------------------------------------------------- status-api

    private void statusApi() throws Exception {
        stage("statusApi");
        Path wrk = Path.of("/usr/bin/wrk");
        String[][] endpoints = {
            {"status-api GET /api/v1/incidents", "/api/v1/incidents"},
            {"status-api GET /api/v1/platforms/{id}/status", "/api/v1/platforms/pipe-0/status"}
        };
        for (String[] e : endpoints) {
            if (!Files.isExecutable(wrk)) {
                table.skipped(e[0] + " requests/s", "requests/s", "wrk is not installed (/usr/bin/wrk)");
                continue;
            }
            String url = system.url(ServiceLayout.STATUS_API) + e[1];
            String key = "X-API-Key: " + RunningSystem.API_KEYS.get("viewer");
            run(List.of(wrk.toString(), "-t2", "-c16", "-d2s", "-H", key, url));
            int secs = Math.max(2, (int) (10 * SCALE));
            for (int r = 0; r < RUNS; r++) {
                List<String> out =
                        run(List.of(wrk.toString(), "-t2", "-c16", "-d" + secs + "s", "--latency", "-H", key, url));
                double rps = Double.NaN;
                double p99 = Double.NaN;
                double transfer = Double.NaN;
                boolean errors = false;
                for (String line : out) {
                    String l = line.strip();
                    if (l.startsWith("Requests/sec:")) {
                        rps = Double.parseDouble(
                                l.substring("Requests/sec:".length()).strip());
                    } else if (l.startsWith("99%")) {
                        p99 = millis(l.substring(3).strip());
                    } else if (l.startsWith("Transfer/sec:")) {
                        transfer = bytes(l.substring("Transfer/sec:".length()).strip());
                    } else if (l.startsWith("Non-2xx") || l.startsWith("Socket errors")) {
                        errors = true;
                    }
                }
                if (errors) {
                    throw new IllegalStateException("wrk saw errors on " + url + ": " + out);
                }
                table.add(e[0] + " requests/s", "requests/s", rps);
                table.add(e[0] + " p99", "ms", p99);
                // What a response weighs (headers included): the list's cost follows its size.
                table.add(e[0] + " bytes per response", "bytes", transfer / rps);
            }
            table.note(
                    e[0] + " requests/s",
                    "wrk -t2 -c16 -d" + secs
                            + "s, viewer API key, after the pipeline stage (10 platforms, their incidents)");
        }
    }

    // ---------------------------------------------------------------- the peer

    private void peer() throws Exception {
        stage("peer");
        String why = AlertmanagerPeer.unavailable();
        String accepted = "Alertmanager: POST /api/v2/alerts accepted (one alert each)";
        if (why != null) {
            table.skipped(accepted, "alerts/s", "peer skipped: " + why);
            for (String rate : new String[] {"100", "1000"}) {
                table.skipped("Alertmanager POST → webhook p50 at " + rate + " alerts/s", "ms", "peer skipped: " + why);
                table.skipped("Alertmanager POST → webhook p99 at " + rate + " alerts/s", "ms", "peer skipped: " + why);
            }
            return;
        }
        // Its own HTTP/1.1 client: one run lost the stage to a request on a connection the peer had not answered.
        HttpClient peerHttp =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (AlertmanagerPeer am = AlertmanagerPeer.start(system.dir().resolve("alertmanager"))) {
            URI alerts = URI.create(am.url() + "/api/v2/alerts");
            int clients = 8;
            long window = (long) (10_000 * SCALE);
            for (int run = -1; run < RUNS; run++) {
                String prefix = "AMT-" + run + "-";
                AtomicLong ok = new AtomicLong();
                AtomicLong counter = new AtomicLong();
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(run < 0 ? 2000 : window);
                ExecutorService pool = Executors.newFixedThreadPool(clients);
                long t0 = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    done.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            HttpResponse<String> r = sendAgainOnIoError(
                                    peerHttp,
                                    HttpRequest.newBuilder(alerts)
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofByteArray(AlertmanagerPeer.alert(
                                                    prefix + counter.incrementAndGet(), "westus"))));
                            if (r.statusCode() != 200) {
                                throw new IllegalStateException(
                                        "alertmanager answered " + r.statusCode() + ": " + r.body());
                            }
                            ok.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                double s = seconds(t0);
                pool.shutdown();
                if (run >= 0) {
                    table.add(accepted, "alerts/s", ok.get() / s);
                }
            }
            table.note(accepted, clients + " clients, " + window / 1000 + " s per run, every alert a new group");
            for (int rate : new int[] {100, 1000}) {
                long millis = (long) ((rate == 100 ? 10_000 : 2_000) * SCALE);
                int count = (int) (rate * millis / 1000);
                for (int run = 0; run < RUNS; run++) {
                    Map<String, Long> sent = new ConcurrentHashMap<>();
                    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < count; i++) {
                        pace(t0 + (long) (i * 1e9 / rate));
                        String trackingId = "AML-" + rate + "-" + run + "-" + i;
                        sent.put(trackingId, System.nanoTime());
                        answers.add(peerHttp.sendAsync(
                                HttpRequest.newBuilder(alerts)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                                AlertmanagerPeer.alert(trackingId, "eastasia")))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()));
                    }
                    for (CompletableFuture<HttpResponse<String>> a : answers) {
                        a.get(120, TimeUnit.SECONDS);
                    }
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    List<Double> latencies = new ArrayList<>();
                    while (System.nanoTime() < deadline) {
                        latencies.clear();
                        sent.forEach((id, at) -> {
                            Long arrived = am.arrival(id);
                            if (arrived != null) {
                                latencies.add((arrived - at) / 1e6);
                            }
                        });
                        if (latencies.size() == count) {
                            break;
                        }
                        Thread.sleep(200);
                    }
                    String suffix = " at " + rate + " alerts/s";
                    table.add("Alertmanager POST → webhook p50" + suffix, "ms", FigureTable.quantile(latencies, 0.50));
                    table.add("Alertmanager POST → webhook p95" + suffix, "ms", FigureTable.quantile(latencies, 0.95));
                    table.add("Alertmanager POST → webhook p99" + suffix, "ms", FigureTable.quantile(latencies, 0.99));
                    table.add(
                            "Alertmanager notifications within 60 s" + suffix,
                            "% of alerts",
                            100.0 * latencies.size() / count);
                }
            }
            table.note(
                    "Alertmanager POST → webhook p50 at 100 alerts/s",
                    "prometheus-alertmanager " + version()
                            + ", group_wait 0s, group_by ['...'] (each alert its own group), webhook receiver in the "
                            + "benchmark JVM; keeps nothing durable across a crash");
        }
    }

    // ---------------------------------------------------------------- correlation cost

    private void correlationCost() throws Exception {
        int events = Math.max(300, (int) (2_000 * SCALE));
        try (CorrelatorProgress progress = new CorrelatorProgress(system.bootstrapServers())) {
            cost(
                    progress,
                    "correlation: catalog of 10 components",
                    List.of(catalog("cost-10", 11, 10)),
                    "cost-10",
                    11,
                    events);
            cost(
                    progress,
                    "correlation: catalog of 1 000 components",
                    List.of(catalog("cost-1000", 12, 1_000)),
                    "cost-1000",
                    12,
                    events);
            List<Catalog> many = new ArrayList<>();
            many.add(catalog("many-0", 14, 10));
            for (int i = 1; i < 1_000; i++) {
                many.add(catalogWithout("many-" + i, 14 + i % 30, 10));
            }
            cost(progress, "correlation: 1 000 platforms of 10 components", many, "many-0", 14, events);
            try {
                cost(
                        progress,
                        "correlation: catalog of 10 000 components",
                        List.of(catalog("cost-10000", 13, 10_000)),
                        "cost-10000",
                        13,
                        events);
            } catch (RuntimeException e) {
                table.skipped("correlation: catalog of 10 000 components", "events/s", "failed: " + e.getMessage());
            }
        }
    }

    private void cost(
            CorrelatorProgress progress, String name, List<Catalog> catalogs, String target, int region, int events)
            throws Exception {
        stage(name);
        Map<String, Object> big = Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD);
        try (KafkaProducer<String, byte[]> catalogProducer = producer(system.bootstrapServers(), big)) {
            for (Catalog c : catalogs) {
                CloudEvent e = CatalogPublisher.event(c, Instant.now());
                catalogProducer.send(new ProducerRecord<>(Topics.CATALOG.name(), c.platformId(), JsonCodec.toBytes(e)));
            }
            catalogProducer.flush();
        }
        awaitCatalogs(List.of(target));
        awaitDrained(progress, Duration.ofMinutes(3));
        // The correlator's first stage reads and checks every catalog too, on the thread that reads the events: the
        // window times the events only once it has read them all.
        try (CaughtUp correlator = new CaughtUp(system.bootstrapServers(), CorrelatorProgress.GROUP)) {
            correlator.await(Duration.ofMinutes(5));
        }
        String regionName = new PlatformFleet("x", region, 1, "http://127.0.0.1").region(0);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        for (int run = 0; run < RUNS; run++) {
            CorrelatorProgress.Snapshot a = progress.now();
            long t0 = System.nanoTime();
            for (int i = 0; i < events; i++) {
                String key = target.toUpperCase(Locale.ROOT) + "-" + (i % 50);
                HealthEvent e = HealthEventFeed.storageEvent(
                        key,
                        regionName,
                        start,
                        start.plusMillis(run * 100_000L + i + 1),
                        HealthStage.ACTIVE,
                        "Customers may see errors");
                producer.send(
                        new ProducerRecord<>(Topics.HEALTH_EVENTS.name(), key, record(e, name + "-" + run + "-" + i)));
            }
            producer.flush();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            CorrelatorProgress.Snapshot b = progress.now();
            while (System.nanoTime() < deadline
                    && (b.inputCommitted() - a.inputCommitted() < events
                            || b.lastStageCommitted() - a.lastStageCommitted() < events)) {
                Thread.sleep(100);
                b = progress.now();
            }
            if (b.inputCommitted() - a.inputCommitted() < events) {
                throw new IllegalStateException(
                        "the correlator did not get through " + events + " events within 5 min");
            }
            table.add(name, "events/s", events / seconds(t0));
        }
        table.note(
                name,
                events + " events on one platform's Storage per run (50 tracking ids), from produce to committed by "
                        + "the correlator's last stage");
    }

    // ---------------------------------------------------------------- profile

    private long profileStarted;
    private long profileCpuTicks;

    /** A JFR recording of the correlator (the pipeline's slowest stage) over one window, via jcmd. */
    private void startProfile(long millis) {
        try {
            long pid = system.service(ServiceLayout.CORRELATOR).process().pid();
            Path file = system.dir().resolve("correlator.jfr");
            List<String> out = run(List.of(
                    jdkTool("jcmd"),
                    Long.toString(pid),
                    "JFR.start",
                    "name=bench",
                    "settings=profile",
                    "duration=" + Math.max(5, millis / 1000) + "s",
                    "filename=" + file));
            profileStarted = System.nanoTime();
            profileCpuTicks = CpuUse.ticks(pid);
            profile.add("jcmd JFR.start: " + String.join(" ", out).strip());
        } catch (Exception e) {
            profile.add("no profile: " + e);
        }
    }

    private void stopProfile() {
        Path file = system.dir().resolve("correlator.jfr");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(file) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            if (!Files.exists(file)) {
                profile.add("no JFR file at " + file);
                return;
            }
            Thread.sleep(2000);
            Process p = new ProcessBuilder(
                            jdkTool("jfr"),
                            "print",
                            "--stack-depth",
                            "64",
                            "--events",
                            "jdk.ExecutionSample",
                            file.toString())
                    .redirectErrorStream(true)
                    .start();
            Map<String, Integer> top = new HashMap<>();
            Map<String, Integer> ours = new HashMap<>();
            int samples = 0;
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                boolean first = false;
                boolean foundOurs = false;
                while ((line = r.readLine()) != null) {
                    String l = line.strip();
                    if (l.startsWith("stackTrace = [")) {
                        first = true;
                        foundOurs = false;
                        samples++;
                        continue;
                    }
                    if (l.startsWith("]")
                            || l.isEmpty()
                            || l.startsWith("jdk.ExecutionSample")
                            || l.startsWith("startTime")
                            || l.startsWith("sampledThread")
                            || l.startsWith("state")
                            || l.startsWith("}")
                            || l.equals("...")) {
                        continue;
                    }
                    String frame = l.replaceAll("\\s+line:.*$", "");
                    if (first) {
                        top.merge(frame, 1, Integer::sum);
                        first = false;
                    }
                    if (!foundOurs && frame.startsWith("dev.stormwatch.")) {
                        ours.merge(frame, 1, Integer::sum);
                        foundOurs = true;
                    }
                }
            }
            p.waitFor(60, TimeUnit.SECONDS);
            long pid = system.service(ServiceLayout.CORRELATOR).process().pid();
            double wall = (System.nanoTime() - profileStarted) / 1e9;
            double cpu = (CpuUse.ticks(pid) - profileCpuTicks) / CpuUse.TICKS_PER_SECOND;
            profile.add("JFR of incident-correlator during one pipeline window: " + samples + " execution samples ("
                    + file.getFileName() + " in " + system.dir() + ")");
            profile.add(String.format(
                    Locale.ROOT,
                    "incident-correlator used %.1f s of CPU in %.1f s (%.0f %% of one core); "
                            + "machine load average now: %s",
                    cpu,
                    wall,
                    100 * cpu / wall,
                    Files.readString(Path.of("/proc/loadavg")).trim()));
            profile.add("");
            profile.add("Top frames (where the CPU was):");
            addTop(top, samples);
            profile.add("");
            profile.add("Innermost Stormwatch frame of each sample (which of our code paid for it):");
            addTop(ours, samples);
        } catch (Exception e) {
            profile.add("profile could not be read: " + e);
        }
    }

    private void addTop(Map<String, Integer> counts, int samples) {
        counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(15)
                .forEach(e -> profile.add(String.format(
                        Locale.ROOT, "- %5.1f %%  %s", 100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
    }

    // ---------------------------------------------------------------- output

    private void write(String load, Instant began) throws Exception {
        String sha = run(List.of("git", "-C", RunningSystem.repo().toString(), "rev-parse", "--short", "HEAD"))
                .get(0)
                .strip();
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        StringBuilder out = new StringBuilder();
        out.append("# Benchmark ").append(date).append(" (").append(sha).append(")\n\n");
        out.append("Command: `./mvnw -B verify -Pbenchmark` (SystemBenchmark). The four packaged services as processes "
                + "(JVM options `" + String.join(" ", ServiceProcess.jvmOptions()) + "`"
                + (ServiceProcess.jvmOptions().equals(ServiceProcess.DEFAULT_JVM_OPTIONS)
                        ? ", as the launcher starts them"
                        : "")
                + ") on one in-JVM KRaft broker, all on this machine.\n\n");
        out.append("- started: ")
                .append(began)
                .append(", took ")
                .append(Duration.between(began, Instant.now()).toSeconds())
                .append(" s\n");
        out.append("- cores: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append("; memory: ")
                .append(Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " "))
                .append("\n");
        out.append("- JVM: ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.runtime.version"))
                .append("\n");
        out.append("- load average at start (1, 5, 15 min, runnable/total, last pid): ")
                .append(load)
                .append("\n");
        out.append("- runs per figure: ")
                .append(RUNS)
                .append("; duration scale: ")
                .append(SCALE)
                .append("; stages: ")
                .append(System.getProperty("bench.stages", "all"))
                .append("\n");
        out.append("- settings tried: ")
                .append(trials.isEmpty() ? "none (the services' own)" : String.join(", ", trials))
                .append("\n\n");
        out.append(table.markdown()).append('\n');
        if (!profile.isEmpty()) {
            out.append("## Where the time goes\n\n");
            profile.forEach(l -> out.append(l).append('\n'));
        }
        System.out.println("\n" + out);
        Path results = RunningSystem.repo().resolve("e2e/results");
        Files.createDirectories(results);
        Path file = results.resolve(date + "-" + sha + ".md");
        for (int n = 2; Files.exists(file); n++) { // a second run of the same commit, e.g. with other settings
            file = results.resolve(date + "-" + sha + "-" + n + ".md");
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
        System.out.println("written to " + file);
    }

    // ---------------------------------------------------------------- helpers

    /** One line per stage on the console, so that a long run shows where it is. */
    static void stage(String what) {
        System.out.println("BENCH " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + what);
    }

    private void awaitCatalogs(List<String> platforms) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (String platform : platforms) {
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(
                                system.url(ServiceLayout.STATUS_API) + "/api/v1/platforms/" + platform + "/status"))
                        .header("X-API-Key", RunningSystem.API_KEYS.get("viewer"))
                        .GET());
                if (r.statusCode() == 200) {
                    break;
                }
                Thread.sleep(250);
            }
        }
    }

    static void awaitDrained(CorrelatorProgress progress, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            CorrelatorProgress.Snapshot s = progress.now();
            if (s.inputLag() <= Topics.HEALTH_EVENTS.partitions()
                    && s.middleLag() <= 2L * (Topics.HEALTH_EVENTS.partitions() + 7)) {
                return;
            }
            Thread.sleep(500);
        }
    }

    static HealthEvent event(String trackingId, String region, Instant start, Instant lastUpdate, String service) {
        return new HealthEvent(
                "canonical",
                HealthEventKind.SERVICE_INCIDENT,
                trackingId,
                service + " - " + region,
                "Starting at 02:00 UTC a subset of customers using " + service + " may experience errors or timeouts. "
                        + "Engineers are investigating; the next update will be provided in 60 minutes.",
                HealthStage.ACTIVE,
                "warning",
                List.of(new ImpactedService(service, region)),
                List.of(),
                "11111111-1111-1111-1111-111111111111",
                start,
                null,
                lastUpdate,
                "https://app.azure.com/h/" + trackingId + "/111111",
                null,
                false);
    }

    /** The health event as health-ingest publishes it (same envelope, so the same size on the wire). */
    static byte[] record(HealthEvent e, String id) {
        return JsonCodec.toBytes(
                JsonCodec.envelope(id, EventTypes.HEALTH_EVENT, CANONICAL_SOURCE, e.key(), e.lastUpdate(), false, e));
    }

    /** The repository's common-alert-schema storage outage with its tracking id, service, region and times set. */
    static String alert(String trackingId, String regionDisplay, String region, String service, Instant impactStart)
            throws Exception {
        ObjectNode alert = (ObjectNode) JsonCodec.mapper()
                .readTree(Files.readString(RunningSystem.repo()
                                .resolve("deploy/scenarios/payloads/storage-outage-1-storage-active.json"))
                        .replaceAll("\\{\\{t:[^}]+}}", impactStart.toString()));
        ObjectNode context = (ObjectNode) alert.path("data").path("alertContext");
        ObjectNode properties = (ObjectNode) context.path("properties");
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        properties.put("trackingId", trackingId);
        properties.put("service", service);
        properties.put("region", regionDisplay);
        properties.put(
                "impactedServices",
                "[{\"ImpactedRegions\":[{\"RegionName\":\"" + regionDisplay + "\"}],\"ServiceName\":\"" + service
                        + "\"}]");
        properties.put("stage", "Active");
        properties.put("impactStartTime", impactStart.toString());
        properties.remove("impactMitigationTime");
        context.put("status", "Active");
        context.put("eventTimestamp", now);
        context.put("submissionTimestamp", now);
        return alert.toString();
    }

    /**
     * A platform with a Storage component and {@code size - 1} components of other services, in region {@code region}.
     */
    static Catalog catalog(String id, int region, int size) {
        return CatalogLoader.parse(id + ".yaml", yaml(id, region, size, true));
    }

    /** A platform without Storage: routing must look at it, correlation never reaches it. */
    static Catalog catalogWithout(String id, int region, int size) {
        return CatalogLoader.parse(id + ".yaml", yaml(id, region, size, false));
    }

    private static String yaml(String id, int region, int size, boolean storage) {
        PlatformFleet where = new PlatformFleet("x", region, 1, "http://127.0.0.1");
        StringBuilder y = new StringBuilder();
        y.append("platform:\n  id: ")
                .append(id)
                .append("\n  name: ")
                .append(id)
                .append("\n  primaryRegion: ")
                .append(where.region(0))
                .append("\n  secondaryRegion: newzealandnorth\n  strategy: warm-spare\n  rto: 8h\n  drLead: oncall\n  "
                        + "escalationPolicy: page-once\n");
        y.append("components:\n");
        String[] layers = {"foundation", "ingest", "store", "model", "serve"};
        for (int i = 0; i < size; i++) {
            String service = i == 0 && storage ? "Storage" : "Bench Service " + (i % 97);
            y.append("  - { id: c")
                    .append(i)
                    .append(", name: C")
                    .append(i)
                    .append(", service: \"")
                    .append(service)
                    .append("\", layer: ")
                    .append(layers[i % layers.length])
                    .append(", priority: 2");
            if (i > 0 && i % 10 != 0) {
                y.append(", dependsOn: [c").append(i - 1).append("]");
            }
            y.append(" }\n");
        }
        y.append("contacts:\n  - id: oncall\n    name: On-call\n    timeZone: Etc/UTC\n    channels:\n"
                        + "      - { type: webhook, address: \"http://127.0.0.1:9/inbox/")
                .append(id)
                .append("\", secretRef: STORMWATCH_WEBHOOK_SECRET }\n");
        y.append("escalationPolicies:\n  - id: page-once\n    repeat: 0\n    levels:\n      - after: 24h\n        "
                + "notify: [contact:oncall]\n");
        return y.toString();
    }

    /**
     * A request to the peer, sent again (up to three times) when the connection fails before an answer: posting the
     * same alert twice is one alert to Alertmanager.
     */
    private static HttpResponse<String> sendAgainOnIoError(HttpClient client, HttpRequest.Builder request)
            throws Exception {
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        for (int attempt = 1; ; attempt++) {
            try {
                return client.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(100L * attempt);
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return producer(bootstrap, Map.of());
    }

    /**
     * health-ingest's producer settings (IngestBeans.producer): idempotent, acks=all, 256 KiB batches; linger 5 ms, so
     * the ceiling is the producer batching at its best.
     */
    static KafkaProducer<String, byte[]> producer(String bootstrap, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.BATCH_SIZE_CONFIG,
                262_144,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                120_000));
        props.putAll(extra);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** wrk's "85.03MB" (binary units) in bytes. */
    private static double bytes(String text) {
        int unit = text.length();
        while (unit > 0 && Character.isLetter(text.charAt(unit - 1))) {
            unit--;
        }
        double value = Double.parseDouble(text.substring(0, unit));
        return switch (text.substring(unit)) {
            case "KB" -> value * 1024;
            case "MB" -> value * 1024 * 1024;
            case "GB" -> value * 1024 * 1024 * 1024;
            default -> value;
        };
    }

    private static double millis(String wrkDuration) {
        Matcher m = Pattern.compile("([\\d.]+)(us|ms|s|m)").matcher(wrkDuration);
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            default -> v * 60_000;
        };
    }

    private static String jdkTool(String name) {
        Path tool = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.isExecutable(tool) ? tool.toString() : name;
    }

    private static String version() {
        try {
            List<String> out = run(List.of(AlertmanagerPeer.BINARY.toString(), "--version"));
            return out.isEmpty()
                    ? ""
                    : out.get(0).replace("alertmanager, version ", "").replaceAll("\\s*\\(.*", "");
        } catch (Exception e) {
            return "";
        }
    }

    private static List<String> run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> out;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out = r.lines().toList();
        }
        p.waitFor(120, TimeUnit.SECONDS);
        return out;
    }
}
