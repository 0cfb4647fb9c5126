package dev.stormwatch.local.launch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogException;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.local.kafka.KafkaBrokerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The main job on one machine: a real Kafka broker (KRaft, as a process), the four services from their packaged
 * applications, the catalog published, a local inbox for pages, and optionally a recorded outage replayed through the
 * real ingest endpoint. Ctrl-C stops everything in order and leaves no process behind. Started by {@code ./stormwatch}
 * at the repository root, which builds first.
 */
public final class Launcher {

    private final LaunchOptions options;
    private final List<ServiceProcess> services = new ArrayList<>();
    private KafkaBrokerProcess broker;
    private LocalInbox inbox;

    private Launcher(LaunchOptions options) {
        this.options = options;
    }

    /** The launcher's own Kafka client and mail server log at INFO by default; its console is for people. */
    private static final List<java.util.logging.Logger> QUIET = List.of(
            org.jboss.logmanager.Logger.getLogger("org.apache.kafka"),
            org.jboss.logmanager.Logger.getLogger("com.icegreen"));

    public static void main(String[] args) {
        QUIET.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("stormwatch: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        Catalog catalog;
        try {
            catalog = CatalogLoader.load(options.catalog());
        } catch (CatalogException e) {
            System.err.println("stormwatch: " + e.getMessage());
            System.exit(2);
            return;
        }
        Launcher launcher = new Launcher(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            launcher.stop();
                            stopped.countDown();
                        },
                        "stormwatch-stop"));
        try {
            launcher.run(catalog);
        } catch (RuntimeException e) {
            System.err.println("stormwatch: " + e.getMessage());
            launcher.stop();
            System.exit(1);
        }
        if (options.exitAfterScenario()) {
            System.exit(0);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Catalog catalog) {
        Path data = options.dataDir();
        LocalRun run = LocalRun.openOrCreate(data);
        say("Stormwatch local run, data in " + data);
        for (int port :
                new int[] {options.kafkaPort(), 8080, 8081, 8082, 8083, options.inboxPort(), options.smtpPort()}) {
            requireFree(port);
        }

        long t = System.nanoTime();
        say("Starting the Kafka broker (KRaft, no Docker) on localhost:" + options.kafkaPort() + " …");
        broker = KafkaBrokerProcess.start(
                options.repo().resolve("deploy/local"),
                data.resolve("kafka"),
                options.kafkaPort(),
                Duration.ofSeconds(90),
                line -> log(data.resolve("logs/kafka.log"), line));
        say("  broker ready in " + seconds(t) + " (topics created with their partitions, compaction and retention)");

        CatalogPublisher.publish(broker.bootstrapServers(), catalog);
        say("Published catalog " + options.catalog() + " (platform " + catalog.platformId() + ", "
                + catalog.components().size() + " components)");

        inbox = LocalInbox.start(options.inboxPort(), options.smtpPort(), run.webhookSecret(), Launcher::say);
        say("Local inbox for pages at " + inbox.url() + ", for email at smtp://127.0.0.1:" + inbox.smtpPort());

        t = System.nanoTime();
        say("Starting the four services …");
        Map<String, Integer> ports = Launcher.ports();
        for (ServiceLayout s : ServiceLayout.ALL) {
            services.add(ServiceProcess.start(
                    options.repo(),
                    s.module(),
                    s.port(),
                    s.properties(broker.bootstrapServers(), run.secrets(), data, ports),
                    data.resolve("logs/" + s.module() + ".log")));
        }
        for (ServiceProcess s : services) {
            Progress.await("  " + s.name(), () -> s.awaitReady(Duration.ofSeconds(180)));
        }
        say("  all services ready in " + seconds(t));

        Path info = run.writeInfo(services, inbox, broker.bootstrapServers());
        say("");
        // The dashboard asks for a key on its sign-in page (posted, never put in a URL).
        say("Dashboard:            http://localhost:8080/   (sign in with an API key: " + run.apiKey("viewer")
                + " to watch, " + run.apiKey("dr-lead") + " to decide)");
        for (ServiceProcess s : services) {
            // status-api serves its metrics on the management port, where they need no API key.
            String metrics = "status-api".equals(s.name())
                    ? "http://localhost:" + ports.get(ServiceLayout.STATUS_API_MANAGEMENT)
                    : s.url();
            say(String.format(
                    "%-21s %s   (health %s/q/health, metrics %s/q/metrics)",
                    s.name() + ":", s.url(), s.url(), metrics));
        }
        say("Kafka:                " + broker.bootstrapServers());
        say("API keys (X-API-Key): viewer " + run.apiKey("viewer") + ", responder " + run.apiKey("responder")
                + ", dr-lead " + run.apiKey("dr-lead") + ", admin " + run.apiKey("admin"));
        say("Ingest token:         " + run.ingestToken()
                + "  (POST http://localhost:8081/api/v1/ingest/azure-monitor?token=…)");
        say("Everything above is also in " + info);
        say("Logs in " + data.resolve("logs") + ". Press Ctrl-C to stop.");

        if (options.scenario() != null) {
            Scenario scenario = Scenario.load(options.repo().resolve("deploy/scenarios"), options.scenario());
            // Steps the catalog automates are run by their actions (the local inbox answers them); the replay takes the
            // rest.
            Set<String> automated = new HashSet<>();
            catalog.components()
                    .forEach(c -> c.recovery().stream()
                            .filter(s -> s.action() != null)
                            .forEach(s -> automated.add(c.id() + "/" + s.name())));
            new ScenarioReplay(
                            scenario,
                            "http://localhost:8081",
                            "http://localhost:8080",
                            run.ingestToken(),
                            run.apiKey("dr-lead"),
                            options.speed(),
                            automated,
                            Launcher::say)
                    .play();
        }
    }

    private synchronized void stop() {
        if (services.isEmpty() && broker == null && inbox == null) {
            return;
        }
        say("Stopping …");
        for (int i = services.size() - 1; i >= 0; i--) {
            ServiceProcess s = services.get(i);
            s.close();
            say("  stopped " + s.name());
        }
        services.clear();
        if (inbox != null) {
            inbox.close();
            inbox = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
            say("  stopped the Kafka broker (data kept for the next start)");
        }
    }

    private static void requireFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is already in use: is another Stormwatch running? "
                    + "(stop it, or free the port)");
        }
    }

    private static void log(Path file, String line) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    line + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String seconds(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static ObjectNode json() {
        return JsonCodec.mapper().createObjectNode();
    }

    static String randomKey() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ServiceLayout.ALL.forEach(s -> ports.put(s.module(), s.port()));
        ports.put("smtp", 2525);
        ports.put(ServiceLayout.STATUS_API_MANAGEMENT, 9080);
        return ports;
    }

    static Map<String, String> map() {
        return new LinkedHashMap<>();
    }
}
