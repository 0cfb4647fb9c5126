package dev.stormwatch.local.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The four services of one machine: their modules, ports and the settings the launcher (and the end-to-end tests) give
 * them. The keys are the services' own configuration properties (see each application.properties).
 */
public record ServiceLayout(String module, int port) {

    /** The key of {@code ports} for status-api's management interface (its /q/metrics). */
    public static final String STATUS_API_MANAGEMENT = "status-api.management";

    public static final ServiceLayout STATUS_API = new ServiceLayout("status-api", 8080);
    public static final ServiceLayout HEALTH_INGEST = new ServiceLayout("health-ingest", 8081);
    public static final ServiceLayout CORRELATOR = new ServiceLayout("incident-correlator", 8082);
    public static final ServiceLayout NOTIFIER = new ServiceLayout("notifier", 8083);

    /** In start order: the producers of what the others read come first; all start in parallel anyway. */
    public static final List<ServiceLayout> ALL = List.of(HEALTH_INGEST, CORRELATOR, NOTIFIER, STATUS_API);

    /** The secrets one installation shares between its services. */
    public record Secrets(
            String ingestToken,
            String internalToken,
            String webhookSecret,
            String ackSigningKey,
            String sessionKey,
            Map<String, String> apiKeys) {}

    /**
     * The settings for this service: where Kafka is, where its local state lives, the shared secrets, and where the
     * other services are ({@code ports} maps a module to the port it runs on).
     */
    public Map<String, String> properties(
            String bootstrapServers, Secrets secrets, Path dataDir, Map<String, Integer> ports) {
        Map<String, String> p = Launcher.map();
        p.put("kafka.bootstrap.servers", bootstrapServers);
        p.put("quarkus.kafka-streams.bootstrap-servers", bootstrapServers);
        switch (module) {
            case "health-ingest" -> p.put("stormwatch.ingest.auth.shared-secret", secrets.ingestToken());
            case "incident-correlator" ->
                p.put(
                        "kafka-streams.state.dir",
                        dataDir.resolve("state/incident-correlator").toString());
            case "notifier" -> {
                p.put(
                        "kafka-streams.state.dir",
                        dataDir.resolve("state/notifier").toString());
                p.put("stormwatch.notifier.internal-token", secrets.internalToken());
                p.put("stormwatch.notifier.ack.secret", secrets.ackSigningKey());
                p.put("stormwatch.notifier.public-url", "http://localhost:" + ports.get("notifier"));
                // The local run's inboxes (webhooks and SMTP) listen on loopback; production allows public hosts only.
                p.put("stormwatch.notifier.destinations.allow", "127.0.0.0/8,::1");
                p.put("quarkus.mailer.host", "127.0.0.1");
                p.put("quarkus.mailer.port", String.valueOf(ports.getOrDefault("smtp", 2525)));
                p.put("quarkus.mailer.start-tls", "DISABLED");
                p.put("STORMWATCH_WEBHOOK_SECRET", secrets.webhookSecret());
                // Automated recovery steps: the example plan's Key Vault runbook is answered by the local inbox, and
                // targets sign their outcomes with keys derived from the secret notifier and status-api already share.
                p.put(
                        "CONTOSO_KEY_VAULT_RUNBOOK_URL",
                        "http://127.0.0.1:" + ports.getOrDefault("inbox", 8090) + "/automation/key-vault-runbook");
                p.put("stormwatch.notifier.actions.callback-secret", secrets.internalToken());
            }
            case "status-api" -> {
                p.put("stormwatch.status-api.notifier.url", "http://localhost:" + ports.get("notifier"));
                // Subscribers of a local run listen on loopback too.
                p.put("stormwatch.status-api.subscriptions.destinations.allow", "127.0.0.0/8,::1");
                p.put("stormwatch.status-api.actions.callback-secret", secrets.internalToken());
                p.put("stormwatch.status-api.notifier.internal-token", secrets.internalToken());
                p.put(
                        "stormwatch.status-api.api-keys.dashboard.key",
                        secrets.apiKeys().get("viewer"));
                p.put(
                        "stormwatch.status-api.api-keys.on-call.key",
                        secrets.apiKeys().get("responder"));
                p.put(
                        "stormwatch.status-api.api-keys.dr-lead.key",
                        secrets.apiKeys().get("dr-lead"));
                p.put(
                        "stormwatch.status-api.api-keys.admin.key",
                        secrets.apiKeys().get("admin"));
                // Sessions of people signed in with a key outlive a restart of status-api.
                p.put("quarkus.http.auth.session.encryption-key", secrets.sessionKey());
                // /q/metrics without credentials, on the management interface (9080 unless a free port is given).
                p.put("quarkus.management.port", String.valueOf(ports.getOrDefault(STATUS_API_MANAGEMENT, 9080)));
            }
            default -> throw new IllegalArgumentException("unknown service " + module);
        }
        return p;
    }
}
