package dev.stormwatch.local.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of one local installation, made once and kept in its data directory so that a second start keeps the same
 * API keys (and the broker keeps its data): {@code local-run.json} also lists every URL, for scripts and for people who
 * lost the console.
 */
final class LocalRun {

    static final List<String> ROLES = List.of("viewer", "responder", "dr-lead", "admin");

    private final Path dir;
    private final ObjectNode secrets;

    private LocalRun(Path dir, ObjectNode secrets) {
        this.dir = dir;
        this.secrets = secrets;
    }

    static LocalRun openOrCreate(Path dir) {
        Path file = dir.resolve("secrets.json");
        try {
            Files.createDirectories(dir);
            ObjectNode secrets =
                    Files.exists(file) ? (ObjectNode) JsonCodec.mapper().readTree(file.toFile()) : Launcher.json();
            boolean changed = false;
            for (String name : List.of(
                    "viewer", "responder", "dr-lead", "admin", "ingest", "internal", "webhook", "ack", "session")) {
                if (!secrets.hasNonNull(name)) {
                    secrets.put(name, Launcher.randomKey());
                    changed = true;
                }
            }
            if (changed) {
                JsonCodec.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), secrets);
            }
            return new LocalRun(dir, secrets);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    String apiKey(String role) {
        return secrets.get(role).asText();
    }

    String ingestToken() {
        return secrets.get("ingest").asText();
    }

    String internalToken() {
        return secrets.get("internal").asText();
    }

    String webhookSecret() {
        return secrets.get("webhook").asText();
    }

    String ackSigningKey() {
        return secrets.get("ack").asText();
    }

    ServiceLayout.Secrets secrets() {
        Map<String, String> keys = new LinkedHashMap<>();
        ROLES.forEach(r -> keys.put(r, apiKey(r)));
        return new ServiceLayout.Secrets(
                ingestToken(),
                internalToken(),
                webhookSecret(),
                ackSigningKey(),
                secrets.get("session").asText(),
                keys);
    }

    /** Writes {@code local-run.json}: URLs, keys, where the logs are. */
    Path writeInfo(List<ServiceProcess> services, LocalInbox inbox, String bootstrap) {
        ObjectNode info = Launcher.json();
        info.put("dashboard", "http://localhost:8080/");
        ObjectNode urls = info.putObject("services");
        services.forEach(s -> urls.put(s.name(), s.url()));
        info.put("kafka", bootstrap);
        info.put("inbox", inbox.url());
        ObjectNode keys = info.putObject("apiKeys");
        ROLES.forEach(r -> keys.put(r, apiKey(r)));
        info.put("ingestToken", ingestToken());
        info.put("logs", dir.resolve("logs").toString());
        Path file = dir.resolve("local-run.json");
        try {
            JsonCodec.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), info);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static JsonNode read(Path dir) {
        try {
            return JsonCodec.mapper().readTree(dir.resolve("local-run.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
