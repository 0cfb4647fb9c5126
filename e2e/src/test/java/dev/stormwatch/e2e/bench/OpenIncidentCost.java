package dev.stormwatch.e2e.bench;

import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.HealthStage;
import dev.stormwatch.e2e.support.HealthEventFeed;
import dev.stormwatch.e2e.support.PlatformFleet;
import dev.stormwatch.e2e.support.RunningSystem;
import dev.stormwatch.local.launch.ServiceLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Correlation cost against what is already open: µs per event on one platform with 1, 100 or 1 000 incidents open
 * before the window, for updates of those incidents and for new tracking ids that each open one more, so that work
 * growing with the open incidents shows as a ratio. Measured as the catalog sizes are: from the first produce until the
 * correlator's last stage committed every event. Each size has its own platform (one Storage component in a region no
 * other stage uses), whose incidents are opened by tracking ids with impact starts further apart than the grouping
 * window; the correlator's open-incident gauge must show them before anything is timed.
 */
final class OpenIncidentCost {

    static final int[] OPEN = {1, 100, 1_000};
    /** PlatformFleet regions no other stage uses (46 is the regional-outage burst's), one per size. */
    private static final int[] REGIONS = {44, 45, 47};
    /** Further apart than the grouping window (2 h): every tracking id opens its own incident. */
    private static final Duration APART = Duration.ofHours(3);

    private static final String NOTIFIER_GROUP = "stormwatch-notifier";
    private static final String GAUGE = "stormwatch_correlator_incidents_open{";

    private final RunningSystem system;
    private final FigureTable table;
    private final KafkaProducer<String, byte[]> producer;
    private final SystemBenchmark.CatalogWait catalogs;
    /** Windows that began while the notifier was still paging what the last one opened. */
    private int notifierBusy;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    OpenIncidentCost(
            RunningSystem system,
            FigureTable table,
            KafkaProducer<String, byte[]> producer,
            SystemBenchmark.CatalogWait catalogs) {
        this.system = system;
        this.table = table;
        this.producer = producer;
        this.catalogs = catalogs;
    }

    static String updates(int open) {
        return "correlation with " + incidents(open) + ": update of one";
    }

    static String opening(int open) {
        return "correlation with " + incidents(open) + ": new tracking id opening one more";
    }

    void measure() throws Exception {
        int events = Math.max(300, (int) (2_000 * SystemBenchmark.SCALE));
        int fresh = Math.max(50, events / 8);
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS);
        try (CorrelatorProgress progress = new CorrelatorProgress(system.bootstrapServers());
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()))) {
            for (int s = 0; s < OPEN.length; s++) {
                int open = OPEN[s];
                SystemBenchmark.stage("correlation with " + open + " open incidents");
                notifierBusy = 0;
                PlatformFleet fleet = new PlatformFleet(
                        "open" + open, REGIONS[s], 1, system.inbox().url());
                fleet.catalogs().forEach(system::publish);
                catalogs.await(fleet.platformIds());
                SystemBenchmark.awaitDrained(progress, Duration.ofMinutes(3));
                String platform = fleet.platformId(0);
                String region = fleet.region(0);
                String prefix = "OPEN" + open + "-";
                List<ProducerRecord<String, byte[]>> openers = new ArrayList<>();
                for (int k = 0; k < open; k++) {
                    openers.add(event(prefix + k, region, start(base, k), 0, HealthStage.ACTIVE, platform + "-o"));
                }
                openers.forEach(producer::send);
                producer.flush();
                awaitOpen(progress, admin, platform, open);
                // Run -1 warms this platform's path up and is not counted.
                for (int run = -1; run < SystemBenchmark.RUNS; run++) {
                    List<ProducerRecord<String, byte[]>> updates = new ArrayList<>();
                    for (int i = 0; i < events; i++) {
                        int k = i % open;
                        long version = 1L + (run + 1) * (long) events + i;
                        updates.add(event(
                                prefix + k,
                                region,
                                start(base, k),
                                version,
                                HealthStage.ACTIVE,
                                platform + "-u" + (run + 1)));
                    }
                    double update = timed(progress, updates);
                    if (run >= 0) {
                        table.add(updates(open), "µs/event", update);
                    }
                    awaitOpen(progress, admin, platform, open);

                    List<ProducerRecord<String, byte[]>> opened = new ArrayList<>();
                    List<ProducerRecord<String, byte[]>> resolved = new ArrayList<>();
                    for (int i = 0; i < fresh; i++) {
                        int k = open + (run + 1) * fresh + i;
                        opened.add(event(prefix + k, region, start(base, k), 0, HealthStage.ACTIVE, platform + "-n"));
                        resolved.add(
                                event(prefix + k, region, start(base, k), 1, HealthStage.RESOLVED, platform + "-r"));
                    }
                    double opening = timed(progress, opened);
                    if (run >= 0) {
                        table.add(opening(open), "µs/event", opening);
                    }
                    // Back to the size measured: the incidents just opened are resolved before the next window.
                    resolved.forEach(producer::send);
                    producer.flush();
                    awaitOpen(progress, admin, platform, open);
                }
                table.note(
                        updates(open),
                        events + " updates per run on platform " + platform + " (one Storage component), spread over"
                                + " its " + incidents(open) + " (checked on the correlator's gauge "
                                + "stormwatch.correlator.incidents.open before each window); from produce to "
                                + "committed by the correlator's last stage, per event");
                table.note(
                        opening(open),
                        fresh + " new tracking ids per run, each opening its own incident (impact starts 3 h apart, "
                                + "beyond the 2 h grouping window), so the open count grows from " + count(open)
                                + " to " + count(open + fresh) + " during the window; resolved after it"
                                + (notifierBusy == 0
                                        ? ""
                                        : "; " + notifierBusy + " windows began with the notifier still busy"));
            }
        }
    }

    /**
     * The flatness the design promises, as rows with their target: cost per event with 10 000 components against 10
     * (from the catalog figures, which are rates), and with 1 000 open incidents against 1.
     */
    static void flatness(FigureTable table) {
        ratio(
                table,
                "flatness: cost per event, 10 000 / 10 components",
                "correlation: catalog of 10 components",
                "correlation: catalog of 10 000 components",
                "events/s with 10 / with 10 000 components");
        ratio(
                table,
                "flatness: cost per update, 1 000 / 1 open incidents",
                updates(1_000),
                updates(1),
                "µs/event with 1 000 / with 1 open incident");
        ratio(
                table,
                "flatness: cost per new incident, 1 000 / 1 open incidents",
                opening(1_000),
                opening(1),
                "µs/event with 1 000 / with 1 open incident");
    }

    private static void ratio(FigureTable table, String name, String numerator, String denominator, String what) {
        table.ratio(name, numerator, denominator);
        double n = table.median(numerator);
        double d = table.median(denominator);
        if (!Double.isNaN(n) && !Double.isNaN(d)) {
            double r = n / d;
            table.note(
                    name,
                    "target ≤ 2 (" + (r <= 2 ? "met" : "missed") + "); medians, " + what + ": " + FigureTable.fmt(n)
                            + " / " + FigureTable.fmt(d) + " = " + FigureTable.fmt(r));
        }
    }

    /** Impact start of tracking id {@code k}: each 3 h before the one before it. */
    private static Instant start(Instant base, int k) {
        return base.minus(APART.multipliedBy(k + 1L));
    }

    /** A Storage update of tracking id {@code trackingId}, last updated {@code version} ms after its opening one. */
    private static ProducerRecord<String, byte[]> event(
            String trackingId, String region, Instant start, long version, HealthStage stage, String idPrefix) {
        HealthEvent e = HealthEventFeed.storageEvent(
                trackingId, region, start, start.plusSeconds(1).plusMillis(version), stage, "Customers may see errors");
        String id = idPrefix + "-" + trackingId + "-" + version + "-" + stage.wire();
        return new ProducerRecord<>(Topics.HEALTH_EVENTS.name(), trackingId, SystemBenchmark.record(e, id));
    }

    /** µs per event from the first produce until the correlator's last stage committed them all. */
    private double timed(CorrelatorProgress progress, List<ProducerRecord<String, byte[]>> records) throws Exception {
        int n = records.size();
        CorrelatorProgress.Snapshot a = progress.now();
        long t0 = System.nanoTime();
        records.forEach(producer::send);
        producer.flush();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        CorrelatorProgress.Snapshot b = progress.now();
        while (System.nanoTime() < deadline
                && (b.inputCommitted() - a.inputCommitted() < n
                        || b.lastStageCommitted() - a.lastStageCommitted() < n)) {
            Thread.sleep(10);
            b = progress.now();
        }
        if (b.inputCommitted() - a.inputCommitted() < n) {
            throw new IllegalStateException("the correlator did not get through " + n + " events within 5 min");
        }
        return (System.nanoTime() - t0) / 1e3 / n;
    }

    /**
     * Waits until the correlator has drained and its gauge shows exactly {@code open} open incidents on the platform,
     * then (at most until the same deadline) until the notifier has paged them, its lag standing still, so that no
     * other work shares the next window; a notifier still busy is counted for the note rather than failing the stage.
     */
    private void awaitOpen(CorrelatorProgress progress, Admin admin, String platform, int open) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        double shown = Double.NaN;
        boolean correlated = false;
        long notifierLag = -1;
        while (System.nanoTime() < deadline) {
            CorrelatorProgress.Snapshot s = progress.now();
            shown = openIncidents(platform);
            long before = notifierLag;
            notifierLag = lag(admin, NOTIFIER_GROUP);
            correlated = s.inputLag() <= Topics.HEALTH_EVENTS.partitions()
                    && s.middleLag() <= 2L * (Topics.HEALTH_EVENTS.partitions() + 7)
                    && shown == open;
            // The notifier is idle once its lag stands still: transaction markers keep a few offsets uncommitted.
            if (correlated && notifierLag == before) {
                return;
            }
            Thread.sleep(500);
        }
        if (!correlated) {
            throw new IllegalStateException("platform " + platform + " shows " + shown + " open incidents on the "
                    + "correlator's gauge, not " + open + ", or the correlator did not drain within 5 min");
        }
        notifierBusy++;
    }

    /** The correlator's gauge of incidents open or mitigated on the platform (real ones, every severity). */
    private double openIncidents(String platform) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(system.url(ServiceLayout.CORRELATOR) + "/q/metrics"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double sum = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith(GAUGE)
                    && line.contains("platform=\"" + platform + "\"")
                    && line.contains("drill=\"false\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Records the group has not committed yet, over every partition it committed on. */
    private static long lag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        committed.keySet().forEach(tp -> wanted.put(tp, OffsetSpec.latest()));
        long lag = 0;
        for (var e : admin.listOffsets(wanted).all().get().entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    private static String incidents(int n) {
        return count(n) + (n == 1 ? " open incident" : " open incidents");
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }
}
