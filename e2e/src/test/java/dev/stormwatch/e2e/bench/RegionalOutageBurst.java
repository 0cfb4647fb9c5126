package dev.stormwatch.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.e2e.support.PlatformFleet;
import dev.stormwatch.e2e.support.RunningSystem;
import dev.stormwatch.local.launch.LocalInbox;
import dev.stormwatch.local.launch.ServiceLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The regional-outage burst: what Azure sends when a region goes down, aimed at 100 platforms that all run there.
 * Within 10 s, one Resource Health alert per resource (the platforms' own resources and many more of other
 * subscriptions, as most resources in a region are other people's) and Service Health updates (Warning, several per
 * tracking id and subscription) for the services the platforms use, all through health-ingest's action-group webhook.
 * Measured per run, on a drained system: for each platform, its first event's POST → its on-call contact's first page
 * at the inbox; the first POST → the whole burst correlated; events accepted per second; and whether every platform hit
 * was paged.
 */
final class RegionalOutageBurst {

    /** Runs with the benchmark's own wait until status-api shows the catalogs of these platforms. */
    interface CatalogWait {
        void await(List<String> platformIds) throws Exception;
    }

    static final String FIRST_PAGE_P50 = "burst: platform's first event → its first page p50";
    static final String FIRST_PAGE_P99 = "burst: platform's first event → its first page p99";
    static final String CORRELATED = "burst: first POST → whole burst correlated";
    static final String ACCEPTED = "burst: events accepted/s during the burst";
    static final String PAGED = "burst: platforms paged of platforms hit";
    static final String WINDOW = "burst: send window (first POST → last answer)";
    static final String OFFERED = "burst: offered rate (POSTs sent/s, at most 200 awaiting an answer)";

    /** The Resource Health common-alert-schema sample, read where the repository's tests find public payloads. */
    static final Path RESOURCE_HEALTH_SAMPLE =
            Path.of("../shared/fixtures/common-alert-schema/cas-resourcehealth-testaction.json");

    private static final int PLATFORMS = 100;
    private static final int SUBSCRIPTIONS = 10;
    /** The region hit: a primary region no other stage's platforms or events use. */
    private static final int REGION = 46;

    private static final String REGION_DISPLAY = "Austria East";
    /** Services with a Service Health incident in the burst; every platform uses Virtual Machines and one other. */
    private static final List<String> INCIDENT_SERVICES =
            List.of("Virtual Machines", "SQL Database", "Azure Cosmos DB", "Event Hubs", "Service Bus");

    private static final List<String> DATA_SERVICES =
            List.of("SQL Database", "Azure Cosmos DB", "Event Hubs", "Service Bus", "Key Vault");
    private static final String CORRELATOR_GROUP = CorrelatorProgress.GROUP;
    private static final String NOTIFIER_GROUP = "stormwatch-notifier";
    private static final Duration PAGE_WAIT = Duration.ofSeconds(120);

    private final RunningSystem system;
    private final FigureTable table;
    private final CatalogWait catalogs;
    private final AtomicLong unmatched;
    private final double scale;
    private final int runs;
    /** Requests in flight at most, as many as health-ingest has worker threads by default. */
    static final int MAX_IN_FLIGHT = 200;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String> pagedNotes = new ArrayList<>();
    private final List<String> correlatedNotes = new ArrayList<>();

    /**
     * {@code unmatched} counts the accepted events that hit no platform, which the router keeps for its grace and then
     * dead-letters, so that a later stage can wait for them.
     */
    RegionalOutageBurst(
            RunningSystem system,
            FigureTable table,
            CatalogWait catalogs,
            AtomicLong unmatched,
            double scale,
            int runs) {
        this.system = system;
        this.table = table;
        this.catalogs = catalogs;
        this.unmatched = unmatched;
        this.scale = scale;
        this.runs = runs;
    }

    /** One POST of the burst and the platforms it hits (indexes into the fleet). */
    private record Post(String body, List<Integer> hits) {}

    void run() throws Exception {
        Path sample = RunningSystem.repo().resolve(RESOURCE_HEALTH_SAMPLE).normalize();
        if (!Files.isRegularFile(sample)) {
            String why = "the Resource Health sample payload is absent (" + sample + ")";
            System.out.println("BENCH burst skipped: " + why);
            table.skipped(FIRST_PAGE_P50, "ms", "skipped: " + why);
            return;
        }
        JsonNode resourceHealth = JsonCodec.mapper().readTree(Files.readString(sample, StandardCharsets.UTF_8));
        int resourceEvents = Math.max(1_000, (int) Math.round(20_000 * scale));
        int serviceUpdates = Math.max(100, (int) Math.round(500 * scale));
        long window = Math.max(1_000, (long) (10_000 * scale));
        int updatesPerPair = Math.max(1, serviceUpdates / (INCIDENT_SERVICES.size() * SUBSCRIPTIONS));
        int owned = Math.max(PLATFORMS, resourceEvents / 5);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()));
                CorrelatorProgress progress = new CorrelatorProgress(system.bootstrapServers())) {
            for (int run = 0; run < runs; run++) {
                once(admin, progress, run, resourceHealth, resourceEvents, owned, updatesPerPair, window);
            }
        }
        table.note(
                FIRST_PAGE_P50,
                PLATFORMS + " platforms in " + REGION_DISPLAY + " (" + SUBSCRIPTIONS + " subscriptions), each "
                        + "paging one contact on the signed webhook; per run " + resourceEvents
                        + " Resource Health alerts (one per resource, " + owned + " on the platforms' resources, the "
                        + "rest other subscriptions') and " + updatesPerPair * INCIDENT_SERVICES.size() * SUBSCRIPTIONS
                        + " Service Health updates (Warning; " + INCIDENT_SERVICES.size() + " tracking ids × "
                        + SUBSCRIPTIONS + " subscriptions × " + updatesPerPair + " updates), all POST "
                        + "/api/v1/ingest/azure-monitor spread evenly over " + window / 1000.0 + " s; per platform "
                        + "from the POST of the first event that hits it to its first page at the receiver; "
                        + "target p99 ≤ 2 s");
        table.note(
                CORRELATED,
                "until health-events.v1 lag 0 and no record left on the correlator's repartition topics (at most a "
                        + "trailing commit marker per partition), polled every 100 ms once every POST was answered; "
                        + "target ≤ 15 s; " + String.join("; ", correlatedNotes));
        table.note(PAGED, String.join("; ", pagedNotes));
        table.note(ACCEPTED, "events health-ingest answered 202 accepted for, over the send window");
        table.note(
                OFFERED,
                "planned "
                        + Math.round(1000.0
                                * (resourceEvents + updatesPerPair * INCIDENT_SERVICES.size() * SUBSCRIPTIONS)
                                / window)
                        + "/s; below it, the"
                        + " sender (this JVM, on the same cores) could not hand the POSTs over faster");
    }

    private void once(
            Admin admin,
            CorrelatorProgress progress,
            int run,
            JsonNode resourceHealth,
            int resourceEvents,
            int owned,
            int updatesPerPair,
            long window)
            throws Exception {
        System.out.println("BENCH " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " burst run " + (run + 1));
        PlatformFleet fleet = PlatformFleet.inOneRegion(
                "burst" + run, REGION, PLATFORMS, system.inbox().url());
        String region = fleet.region(0);
        if (!region.equals(Regions.canonical(REGION_DISPLAY))) {
            throw new IllegalStateException("the burst's region " + region + " is not " + REGION_DISPLAY);
        }
        // A run's own subscriptions: its Service Health alerts, scoped to them, never reach an earlier run's platforms.
        List<String> subscriptions = new ArrayList<>();
        for (int s = 0; s < SUBSCRIPTIONS; s++) {
            subscriptions.add(uuid("burst-" + run + "-subscription-" + s));
        }
        List<List<String>> resources = new ArrayList<>();
        for (int i = 0; i < PLATFORMS; i++) {
            resources.add(new ArrayList<>());
        }
        for (int r = 0; r < owned; r++) {
            int p = r % PLATFORMS;
            // Kinds that match the component the resource is listed under (storage, compute, data; see catalog).
            int kind = new int[] {1, 0, 2}[(r / PLATFORMS) % 3];
            resources
                    .get(p)
                    .add(resourceId(subscriptions.get(p % SUBSCRIPTIONS), "rg-" + fleet.platformId(p), kind, r));
        }
        for (int i = 0; i < PLATFORMS; i++) {
            system.publish(catalog(fleet, i, subscriptions.get(i % SUBSCRIPTIONS), resources.get(i)));
        }
        catalogs.await(fleet.platformIds());
        String drained = awaitDrained(admin, Duration.ofMinutes(5));

        List<Post> posts = posts(fleet, run, resourceHealth, resourceEvents, resources, subscriptions, updatesPerPair);
        URI uri = URI.create(system.url(ServiceLayout.HEALTH_INGEST) + "/api/v1/ingest/azure-monitor?token="
                + RunningSystem.INGEST_TOKEN);
        // Built before the window, so that sending one costs the sender as little as possible.
        List<HttpRequest> requests = new ArrayList<>();
        for (Post p : posts) {
            requests.add(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(p.body()))
                    .build());
        }
        long spacing = TimeUnit.MILLISECONDS.toNanos(window) / posts.size();
        int inboxFrom = system.inbox().messages().size();
        CorrelatorProgress.Snapshot before = progress.now();
        Instant[] firstEvent = new Instant[PLATFORMS];
        AtomicLong accepted = new AtomicLong();
        AtomicLong turnedAway = new AtomicLong();
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        Instant firstPost = Instant.now();
        long t0 = System.nanoTime();
        for (int k = 0; k < posts.size(); k++) {
            Post p = posts.get(k);
            long wait = t0 + k * spacing - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            // Bounded like a real sender's parallel deliveries: unbounded, the client opened a connection per request
            // and ran this JVM (which hosts the broker) out of file descriptors.
            inFlight.acquire();
            Instant sent = Instant.now();
            for (int hit : p.hits()) {
                if (firstEvent[hit] == null) {
                    firstEvent[hit] = sent;
                }
            }
            answers.add(http.sendAsync(requests.get(k), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(r -> {
                        if (r.statusCode() != 202) {
                            throw new IllegalStateException("webhook answered " + r.statusCode() + ": " + r.body());
                        }
                        JsonNode answer = JsonCodec.fromJson(r.body(), JsonNode.class);
                        accepted.addAndGet(answer.path("accepted").asLong());
                        if (p.hits().isEmpty()) {
                            unmatched.addAndGet(answer.path("accepted").asLong());
                        }
                        turnedAway.addAndGet(answer.path("duplicate").asLong()
                                + answer.path("stale").asLong());
                    })
                    .whenComplete((done, failed) -> inFlight.release()));
        }
        double offered = posts.size() / ((System.nanoTime() - t0) / 1e9);
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        double sendWindow = (System.nanoTime() - t0) / 1e9;

        // The whole burst correlated: the correlator has consumed every event and every record routing made of them.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        double correlated = Double.NaN;
        while (System.nanoTime() < deadline) {
            long at = System.nanoTime();
            if (lagAbove(admin, CORRELATOR_GROUP, true).isEmpty()) {
                correlated = (at - t0) / 1e9;
                break;
            }
            Thread.sleep(100);
        }
        CorrelatorProgress.Snapshot after = progress.now();

        Map<String, Instant> paged = awaitPages(fleet, inboxFrom);
        List<Double> latencies = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int hit = 0;
        for (int i = 0; i < PLATFORMS; i++) {
            if (firstEvent[i] == null) {
                continue;
            }
            hit++;
            Instant page = paged.get(fleet.platformId(i));
            if (page == null) {
                missing.add(fleet.platformId(i));
            } else {
                latencies.add(Duration.between(firstEvent[i], page).toNanos() / 1e6);
            }
        }
        table.add(FIRST_PAGE_P50, "ms", FigureTable.quantile(latencies, 0.50));
        table.add(FIRST_PAGE_P99, "ms", FigureTable.quantile(latencies, 0.99));
        table.add(CORRELATED, "s", correlated);
        table.add(ACCEPTED, "events/s", accepted.get() / sendWindow);
        table.add(PAGED, "% of platforms hit", 100.0 * latencies.size() / Math.max(1, hit));
        table.add(WINDOW, "s", sendWindow);
        table.add(OFFERED, "POSTs/s", offered);
        pagedNotes.add("run " + (run + 1) + ": " + latencies.size() + " of " + hit + " paged within "
                + PAGE_WAIT.toSeconds() + " s of the last answer"
                + (missing.isEmpty() ? "" : ", not paged: " + String.join(", ", missing)));
        correlatedNotes.add(String.format(
                java.util.Locale.ROOT,
                "run %d: %d POSTs (first %s), %d accepted, %d duplicate or stale, %d records "
                        + "through the per-platform stage%s%s",
                run + 1,
                posts.size(),
                firstPost.truncatedTo(ChronoUnit.MILLIS),
                accepted.get(),
                turnedAway.get(),
                after.lastStageCommitted() - before.lastStageCommitted(),
                Double.isNaN(correlated)
                        ? ", not correlated within 5 min: " + lagAbove(admin, CORRELATOR_GROUP, true)
                        : "",
                drained == null ? "" : ", started with " + drained));
    }

    /**
     * The burst's POSTs in the order they are sent: the Resource Health alerts shuffled, with each (tracking id,
     * subscription)'s Service Health updates spread among them in order, so that no update overtakes an earlier one.
     */
    private List<Post> posts(
            PlatformFleet fleet,
            int run,
            JsonNode resourceHealth,
            int resourceEvents,
            List<List<String>> resources,
            List<String> subscriptions,
            int updatesPerPair)
            throws Exception {
        Random random = new Random(run);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant impactStart = now.minus(5, ChronoUnit.MINUTES);
        List<Post> resourcePosts = new ArrayList<>();
        for (int p = 0; p < PLATFORMS; p++) {
            for (String id : resources.get(p)) {
                resourcePosts.add(new Post(resourceAlert(resourceHealth, id, impactStart, random), List.of(p)));
            }
        }
        for (int r = resourcePosts.size(); r < resourceEvents; r++) {
            // Other people's resources: a subscription of their own for every few, none in any catalog.
            String subscription = uuid("burst-" + run + "-other-" + r / 7);
            resourcePosts.add(new Post(
                    resourceAlert(
                            resourceHealth,
                            resourceId(subscription, "rg-other-" + r / 7, r % 4, r),
                            impactStart,
                            random),
                    List.of()));
        }
        Collections.shuffle(resourcePosts, random);

        // Slot of every Service Health update among all POSTs: update u of every pair lands in the u-th share.
        int pairs = INCIDENT_SERVICES.size() * SUBSCRIPTIONS;
        int total = resourcePosts.size() + pairs * updatesPerPair;
        TreeMap<Integer, Post> serviceSlots = new TreeMap<>();
        for (int u = 0; u < updatesPerPair; u++) {
            Instant update = now.minus(updatesPerPair - u, ChronoUnit.SECONDS);
            for (int s = 0; s < INCIDENT_SERVICES.size(); s++) {
                String service = INCIDENT_SERVICES.get(s);
                String trackingId = "B" + run + "S" + s + "-XQ" + (char) ('A' + s);
                for (int sub = 0; sub < SUBSCRIPTIONS; sub++) {
                    List<Integer> hits = new ArrayList<>();
                    for (int p = sub; p < PLATFORMS; p += SUBSCRIPTIONS) {
                        if (service.equals("Virtual Machines") || service.equals(dataService(p))) {
                            hits.add(p);
                        }
                    }
                    String body = serviceAlert(trackingId, service, subscriptions.get(sub), impactStart, update);
                    int share = total / updatesPerPair;
                    int slot = u * share + random.nextInt(share);
                    while (serviceSlots.containsKey(slot)) {
                        slot = slot + 1 < (u + 1) * share ? slot + 1 : u * share;
                    }
                    serviceSlots.put(slot, new Post(body, hits));
                }
            }
        }
        List<Post> all = new ArrayList<>(total);
        int next = 0;
        for (int k = 0; k < total; k++) {
            Post service = serviceSlots.get(k);
            all.add(service != null ? service : resourcePosts.get(next++));
        }
        return all;
    }

    /** The published Resource Health alert, for one resource of this region that became unavailable. */
    private static String resourceAlert(JsonNode sample, String resourceId, Instant impactStart, Random random) {
        ObjectNode alert = sample.deepCopy();
        ObjectNode essentials = (ObjectNode) alert.path("data").path("essentials");
        ObjectNode context = (ObjectNode) alert.path("data").path("alertContext");
        ObjectNode properties = (ObjectNode) context.path("properties");
        String subscription = resourceId.split("/")[2];
        Instant at = impactStart.plusMillis(random.nextInt(120_000));
        essentials.put(
                "alertId",
                "/subscriptions/" + subscription + "/providers/Microsoft.AlertsManagement/alerts/" + UUID.randomUUID());
        essentials.putArray("alertTargetIDs").add(resourceId);
        essentials.putArray("configurationItems").add(resourceId.substring(resourceId.lastIndexOf('/') + 1));
        essentials.put("firedDateTime", at.plusSeconds(30).toString());
        context.put("eventTimestamp", at.toString());
        context.put("submissionTimestamp", at.plusSeconds(30).toString());
        context.put("eventDataId", UUID.randomUUID().toString());
        context.put("level", "Critical");
        properties.put("title", "The resource is unavailable because of a platform problem in " + REGION_DISPLAY);
        properties.put("currentHealthStatus", "Unavailable");
        properties.put("previousHealthStatus", "Available");
        properties.put("type", "Downtime");
        properties.put("cause", "PlatformInitiated");
        return alert.toString();
    }

    /** One Service Health update of {@code trackingId}, as the subscription's action group receives it. */
    private static String serviceAlert(
            String trackingId, String service, String subscription, Instant impactStart, Instant update)
            throws Exception {
        ObjectNode alert = (ObjectNode) JsonCodec.mapper()
                .readTree(SystemBenchmark.alert(
                        trackingId, REGION_DISPLAY, Regions.canonical(REGION_DISPLAY), service, impactStart));
        ObjectNode essentials = (ObjectNode) alert.path("data").path("essentials");
        ObjectNode context = (ObjectNode) alert.path("data").path("alertContext");
        ObjectNode properties = (ObjectNode) context.path("properties");
        essentials.putArray("alertTargetIDs").add("/subscriptions/" + subscription);
        context.put("level", "Warning");
        context.put("eventTimestamp", update.toString());
        context.put("submissionTimestamp", update.toString());
        String title = service + " - " + REGION_DISPLAY + " - Investigating";
        properties.put("title", title);
        properties.put("defaultLanguageTitle", title);
        properties.put("communicationId", Long.toString(update.toEpochMilli()));
        return alert.toString();
    }

    /**
     * Platform {@code i}: the fleet's Storage component and its on-call contact, plus Virtual Machines and one data
     * service, with its resources spread over the three and the platform in one subscription.
     */
    private static Catalog catalog(PlatformFleet fleet, int i, String subscription, List<String> resources) {
        List<List<String>> byComponent = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < resources.size(); r++) {
            byComponent.get(r % 3).add(resources.get(r));
        }
        String components = "    resourceIds: " + byComponent.get(0) + "\n"
                + "  - { id: vm, name: Compute, service: Virtual Machines, layer: model, priority: 2, owner: oncall, "
                + "resourceIds: " + byComponent.get(1) + " }\n"
                + "  - { id: data, name: Data, service: " + dataService(i) + ", layer: store, priority: 2, "
                + "owner: oncall, resourceIds: " + byComponent.get(2) + " }\n";
        String yaml = fleet.catalogYaml(i)
                .replace(
                        "  escalationPolicy: page-once\n",
                        "  escalationPolicy: page-once\n  subscriptions: [" + subscription + "]\n")
                .replace("    owner: oncall\n", "    owner: oncall\n" + components);
        return CatalogLoader.parse(fleet.platformId(i) + ".yaml", yaml);
    }

    private static String dataService(int platform) {
        return DATA_SERVICES.get((platform / SUBSCRIPTIONS) % DATA_SERVICES.size());
    }

    /** Resource {@code n}, of one of the kinds a data platform runs on, in a resource group of {@code subscription}. */
    private static String resourceId(String subscription, String group, int kind, int n) {
        String[] kinds = {
            "Microsoft.Compute/virtualMachines/vm-", "Microsoft.Storage/storageAccounts/st",
            "Microsoft.Sql/servers/sql-", "Microsoft.Web/sites/app-"
        };
        return "/subscriptions/" + subscription + "/resourceGroups/" + group + "/providers/" + kinds[kind] + n;
    }

    private static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Waits until the correlator and the notifier have nothing left to read; null when they got there, otherwise what
     * was left after {@code within}.
     */
    private String awaitDrained(Admin admin, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Map<TopicPartition, Long> left = Map.of();
        while (System.nanoTime() < deadline) {
            left = new HashMap<>(lagAbove(admin, CORRELATOR_GROUP, true));
            left.putAll(lagAbove(admin, NOTIFIER_GROUP, false));
            if (left.isEmpty()) {
                return null;
            }
            Thread.sleep(250);
        }
        return "lag " + left;
    }

    /**
     * The partitions where {@code group} has more to read than a trailing transaction marker: with exactly-once the
     * services write every internal and output topic in transactions, and a consumer commits the offset after its last
     * record, before the marker that follows it. health-events.v1 is written without transactions, so there any lag is
     * a record. {@code correlation} limits it to the correlator's page path (health-events.v1 and its repartition
     * topics).
     */
    private static Map<TopicPartition, Long> lagAbove(Admin admin, String group, boolean correlation) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        if (correlation) {
            for (int p = 0; p < Topics.HEALTH_EVENTS.partitions(); p++) {
                wanted.put(new TopicPartition(Topics.HEALTH_EVENTS.name(), p), OffsetSpec.latest());
            }
        }
        committed.keySet().stream()
                .filter(tp -> !correlation || tp.topic().endsWith("-repartition"))
                .forEach(tp -> wanted.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> left = new TreeMap<>(
                java.util.Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition));
        admin.listOffsets(wanted).all().get().forEach((tp, end) -> {
            OffsetAndMetadata c = committed.get(tp);
            long lag = end.offset() - (c == null ? 0 : c.offset());
            long allowed = tp.topic().equals(Topics.HEALTH_EVENTS.name()) ? 0 : 1;
            if (lag > allowed) {
                left.put(tp, lag);
            }
        });
        return left;
    }

    /** When each platform's contact got its first page (the incident opened), after message {@code from}. */
    private Map<String, Instant> awaitPages(PlatformFleet fleet, int from) throws Exception {
        Map<String, Instant> paged = new HashMap<>();
        String prefix =
                "/inbox/" + fleet.platformId(0).substring(0, fleet.platformId(0).lastIndexOf('-') + 1);
        long deadline = System.nanoTime() + PAGE_WAIT.toNanos();
        int seen = from;
        while (paged.size() < fleet.size() && System.nanoTime() < deadline) {
            List<LocalInbox.Message> messages = system.inbox().messages();
            for (LocalInbox.Message m : messages.subList(seen, messages.size())) {
                if (!m.path().startsWith(prefix)) {
                    continue;
                }
                String platform = m.path().substring("/inbox/".length());
                if (paged.containsKey(platform)) {
                    continue;
                }
                for (JsonNode item : JsonCodec.fromJson(m.body(), JsonNode.class)
                        .path("data")
                        .path("items")) {
                    if (item.path("kind").asText().equals("incident-opened")) {
                        paged.put(platform, m.at());
                        break;
                    }
                }
            }
            seen = messages.size();
            Thread.sleep(250);
        }
        return paged;
    }
}
