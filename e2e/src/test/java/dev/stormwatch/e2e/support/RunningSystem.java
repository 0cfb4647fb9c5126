package dev.stormwatch.e2e.support;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.local.kafka.KafkaBroker;
import dev.stormwatch.local.kafka.TopicSetup;
import dev.stormwatch.local.launch.CatalogPublisher;
import dev.stormwatch.local.launch.LocalInbox;
import dev.stormwatch.local.launch.ServiceLayout;
import dev.stormwatch.local.launch.ServiceProcess;
import dev.stormwatch.testsupport.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole system for an end-to-end test: a real in-JVM Kafka broker, the four packaged services as separate processes
 * on free ports (started exactly as the launcher starts them), a local inbox standing in for the contacts' webhooks,
 * and a catalog published. Built from the repository's build output, so the services must have been packaged (the
 * reactor builds them before this module).
 */
public final class RunningSystem implements AutoCloseable {

    // Distinctive values, so that the security test's log scan cannot match them by accident (and would find a leak).
    public static final String INGEST_TOKEN = "e2e-ingest-token-7c41b9f2";
    public static final String WEBHOOK_SECRET = "e2e-webhook-secret-2d8e5a13";
    public static final String INTERNAL_TOKEN = "e2e-internal-token-9f06c3d7";
    public static final String ACK_SECRET = "e2e-ack-signing-key-4b7e1c90a2f35d68";
    public static final String SESSION_KEY = "e2e-session-key-0d5a92c7e4b13f86a7";
    public static final Map<String, String> API_KEYS = Map.of(
            "viewer",
            "e2e-viewer-key-51a3c7e0",
            "responder",
            "e2e-responder-key-8d2f4b61",
            "dr-lead",
            "e2e-dr-lead-key-e6c90a35",
            "admin",
            "e2e-admin-key-3f7b2d94");

    private final Path repo;
    private final Path dir;
    private volatile KafkaBroker broker;
    private final LocalInbox inbox;
    private final List<String> inboxLines = new CopyOnWriteArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<ServiceProcess> extras = new CopyOnWriteArrayList<>();
    private final ServiceLayout.Secrets secrets =
            new ServiceLayout.Secrets(INGEST_TOKEN, INTERNAL_TOKEN, WEBHOOK_SECRET, ACK_SECRET, SESSION_KEY, API_KEYS);
    private final Map<String, String> overrides;

    private RunningSystem(Path repo, Path dir, Map<String, String> overrides) {
        this.repo = repo;
        this.dir = dir;
        this.overrides = overrides;
        this.broker = KafkaBroker.start(dir.resolve("kafka"), 0, brokerSettings());
        TopicSetup.apply(broker.bootstrapServers());
        this.inbox = LocalInbox.start(0, 0, WEBHOOK_SECRET, inboxLines::add);
        ServiceLayout.ALL.forEach(s -> ports.put(s.module(), FreePorts.take()));
        ports.put("smtp", inbox.smtpPort());
    }

    /**
     * Starts the broker, the inbox and the four services; {@code catalogYaml} gets the inbox URL for 127.0.0.1:8090.
     */
    public static RunningSystem start(String name) {
        return start(name, Map.of());
    }

    /**
     * As {@link #start(String)}, with {@code overrides} ({@code <module>:<property>} → value) added to the launcher's
     * settings of that service, and {@code broker:<setting>} to the broker's, e.g. larger records for a benchmark.
     */
    public static RunningSystem start(String name, Map<String, String> overrides) {
        Path repo = repo();
        Path dir = repo.resolve("e2e/target/" + name + "-" + System.currentTimeMillis());
        RunningSystem system = new RunningSystem(repo, dir, overrides);
        try {
            for (ServiceLayout s : ServiceLayout.ALL) {
                system.services.put(s.module(), system.launch(s, system.ports.get(s.module()), dir, s.module()));
            }
            for (ServiceProcess s : system.services.values()) {
                s.awaitReady(Duration.ofSeconds(240));
            }
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private ServiceProcess launch(ServiceLayout s, int port, Path stateDir, String logName) {
        Map<String, String> properties =
                new LinkedHashMap<>(s.properties(broker.bootstrapServers(), secrets, stateDir, ports));
        // A service with Quarkus' management interface (status-api) would otherwise bind its fixed default port.
        properties.put("quarkus.management.port", String.valueOf(FreePorts.take()));
        overrides.forEach((k, v) -> {
            if (k.startsWith(s.module() + ":")) {
                properties.put(k.substring(s.module().length() + 1), v);
            }
        });
        return ServiceProcess.start(repo, s.module(), port, properties, dir.resolve("logs/" + logName + ".log"));
    }

    /** The {@code broker:<setting>} overrides, for the broker. */
    private Map<String, String> brokerSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        overrides.forEach((k, v) -> {
            if (k.startsWith("broker:")) {
                settings.put(k.substring("broker:".length()), v);
            }
        });
        return settings;
    }

    /** {@code kill -9} of the service, then the same service started again on its port and state; waits until ready. */
    public ServiceProcess killAndRestart(ServiceLayout s, Duration down) {
        services.get(s.module()).kill();
        pause(down);
        ServiceProcess again = launch(s, ports.get(s.module()), dir, s.module());
        services.put(s.module(), again);
        return again.awaitReady(Duration.ofSeconds(240));
    }

    /**
     * Another instance of the service (same application id and consumer group, its own port, local state and log),
     * started and ready; stop it with {@link ServiceProcess#close()} or {@link ServiceProcess#kill()}.
     */
    public ServiceProcess startInstance(ServiceLayout s, String instance) {
        ServiceProcess extra = launch(s, FreePorts.take(), dir.resolve(instance), s.module() + "-" + instance);
        extras.add(extra);
        return extra.awaitReady(Duration.ofSeconds(240));
    }

    /**
     * Stops the broker (controlled shutdown), keeps it down for {@code down}, and starts it again on the same port and
     * data directory, so that clients reconnect to the same address and every record is still there.
     */
    public void restartBroker(Duration down) {
        int port = broker.port();
        Path data = broker.dataDir();
        broker.close();
        pause(down);
        broker = KafkaBroker.start(data, port, brokerSettings());
    }

    /** Publishes a catalog built by the test. */
    public void publish(Catalog catalog) {
        CatalogPublisher.publish(broker.bootstrapServers(), catalog);
    }

    /** The secrets every service of this system was started with. */
    public ServiceLayout.Secrets secrets() {
        return secrets;
    }

    /** Every log file the services (and extra instances) wrote. */
    public List<Path> logFiles() {
        try (var files = Files.list(dir.resolve("logs"))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The repository root: the surefire property, or the parent of this module. */
    public static Path repo() {
        String dir = System.getProperty("stormwatch.repo.dir");
        return (dir == null ? Path.of("..") : Path.of(dir)).toAbsolutePath().normalize();
    }

    /** The example catalog with its pages sent to this system's inbox, and {@code edit} applied to its text. */
    public Catalog publishContoso(java.util.function.UnaryOperator<String> edit) {
        try {
            String yaml = Files.readString(
                            repo.resolve("deploy/catalog/contoso-data-platform.yaml"), StandardCharsets.UTF_8)
                    .replace("http://127.0.0.1:8090", inbox.url());
            Catalog catalog = CatalogLoader.parse("contoso-data-platform.yaml (e2e)", edit.apply(yaml));
            CatalogPublisher.publish(broker.bootstrapServers(), catalog);
            return catalog;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String url(ServiceLayout service) {
        return services.get(service.module()).url();
    }

    public ServiceProcess service(ServiceLayout service) {
        return services.get(service.module());
    }

    public LocalInbox inbox() {
        return inbox;
    }

    public Path dir() {
        return dir;
    }

    /** The tail of every service's log, to explain a failure. */
    public String logs() {
        StringBuilder out = new StringBuilder();
        services.values()
                .forEach(s -> out.append("\n----- ")
                        .append(s.name())
                        .append(" -----\n")
                        .append(s.tail(30)));
        return out.toString();
    }

    @Override
    public void close() {
        extras.forEach(ServiceProcess::close);
        List<ServiceProcess> running = new ArrayList<>(services.values());
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        inbox.close();
        if (broker != null) {
            broker.close();
        }
    }
}
